// POST /api/notifications/read-all: marks every unread notification of the user read.
import { getRegistry } from "@/server/registry";
import { requirePrincipal } from "../../_lib/auth";
import { handle, json } from "../../_lib/respond";

export const dynamic = "force-dynamic";

export const POST = handle(async (req: Request) => {
  const principal = await requirePrincipal(req);
  return json(await getRegistry().services.notifications.markAllRead(principal.id));
});
