// DELETE /api/admin/api-keys/{id}: revokes a key and closes the sockets it opened (audited). Admins only.
import { getRegistry } from "@/server/registry";
import { requirePrincipal } from "../../../_lib/auth";
import { handle, json } from "../../../_lib/respond";

export const dynamic = "force-dynamic";

export const DELETE = handle(async (req: Request, ctx: { params: Promise<{ id: string }> }) => {
  const admin = await requirePrincipal(req, { admin: true });
  const { id } = await ctx.params;
  return json(await getRegistry().services.admin.revokeApiKey(admin, id));
});
