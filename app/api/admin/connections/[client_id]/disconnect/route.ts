// POST /api/admin/connections/{client_id}/disconnect: closes one socket with 1008 (audited). Admins only.
import { getRegistry } from "@/server/registry";
import { requirePrincipal } from "../../../../_lib/auth";
import { handle, json } from "../../../../_lib/respond";

export const dynamic = "force-dynamic";

export const POST = handle(async (req: Request, ctx: { params: Promise<{ client_id: string }> }) => {
  const admin = await requirePrincipal(req, { admin: true });
  const { client_id } = await ctx.params;
  return json(await getRegistry().services.admin.disconnectConnection(admin, client_id));
});
