// GET /api/admin/audit?cursor=&limit=: the admin actions, newest first. Admins only.
import { listAuditQuery } from "@/lib/api/admin";
import { getRegistry } from "@/server/registry";
import { requirePrincipal } from "../../_lib/auth";
import { handle, json } from "../../_lib/respond";

export const dynamic = "force-dynamic";

export const GET = handle(async (req: Request) => {
  await requirePrincipal(req, { admin: true });
  const query = listAuditQuery.parse(Object.fromEntries(new URL(req.url).searchParams));
  return json(await getRegistry().services.admin.listAudit(query));
});
