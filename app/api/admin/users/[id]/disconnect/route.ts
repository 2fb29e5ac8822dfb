// POST /api/admin/users/{id}/disconnect: closes every socket of the user with 1008 (audited). Admins only.
import { getRegistry } from "@/server/registry";
import { requirePrincipal } from "../../../../_lib/auth";
import { handle, json } from "../../../../_lib/respond";

export const dynamic = "force-dynamic";

export const POST = handle(async (req: Request, ctx: { params: Promise<{ id: string }> }) => {
  const admin = await requirePrincipal(req, { admin: true });
  const { id } = await ctx.params;
  return json(await getRegistry().services.admin.disconnectUser(admin, id));
});
