// POST /api/admin/broadcast {message, level, title?, target}: an announcement to everyone, or a notification
// to one user or every user of a role; answers how many sockets it reached (audited). Admins only.
import { adminBroadcastBody } from "@/lib/api/admin";
import { getRegistry } from "@/server/registry";
import { requirePrincipal } from "../../_lib/auth";
import { handle, json, readJson } from "../../_lib/respond";

export const dynamic = "force-dynamic";

export const POST = handle(async (req: Request) => {
  const admin = await requirePrincipal(req, { admin: true });
  const body = adminBroadcastBody.parse(await readJson(req));
  return json(await getRegistry().services.admin.broadcast(admin, body), 202);
});
