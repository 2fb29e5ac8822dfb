// POST /api/admin/broadcast {message, level}: a system announcement for everyone connected (admins only).
import { broadcastBody } from "@/lib/api/notifications";
import { getRegistry } from "@/server/registry";
import { requirePrincipal } from "../../_lib/auth";
import { handle, json, readJson } from "../../_lib/respond";

export const dynamic = "force-dynamic";

export const POST = handle(async (req: Request) => {
  await requirePrincipal(req, { admin: true });
  const body = broadcastBody.parse(await readJson(req));
  const registry = getRegistry();
  const event = await registry.services.notifications.announce(body.message, body.level);
  return json({ id: event.id, connections: registry.hub.figures().connections }, 202);
});
