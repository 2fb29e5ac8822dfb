// GET /api/admin/topics: subscribers per pattern, events per topic over the last minute, the replay log. Admins only.
import { getRegistry } from "@/server/registry";
import { requirePrincipal } from "../../_lib/auth";
import { handle, json } from "../../_lib/respond";

export const dynamic = "force-dynamic";

export const GET = handle(async (req: Request) => {
  await requirePrincipal(req, { admin: true });
  return json(await getRegistry().services.admin.topics());
});
