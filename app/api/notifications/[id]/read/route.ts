// POST /api/notifications/{id}/read: marks one of the user's notifications read; every tab hears it.
import { getRegistry } from "@/server/registry";
import { requirePrincipal } from "../../../_lib/auth";
import { handle, json } from "../../../_lib/respond";

export const dynamic = "force-dynamic";

export const POST = handle(async (req: Request, ctx: { params: Promise<{ id: string }> }) => {
  const principal = await requirePrincipal(req);
  return json(await getRegistry().services.notifications.markRead(principal.id, (await ctx.params).id));
});
