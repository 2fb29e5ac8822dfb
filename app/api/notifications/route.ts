// GET /api/notifications: the signed-in user's notifications, newest first, with the unread count.
import { listNotificationsQuery } from "@/lib/api/notifications";
import { getRegistry } from "@/server/registry";
import { requirePrincipal } from "../_lib/auth";
import { handle, json } from "../_lib/respond";

export const dynamic = "force-dynamic";

export const GET = handle(async (req: Request) => {
  const principal = await requirePrincipal(req);
  const query = listNotificationsQuery.parse(Object.fromEntries(new URL(req.url).searchParams));
  return json(await getRegistry().services.notifications.list(principal.id, query));
});
