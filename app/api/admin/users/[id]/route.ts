// PATCH /api/admin/users/{id} {role?, disabled?}: change a role, disable (sockets close, sessions end) or enable. Admins only.
import { updateUserBody } from "@/lib/api/admin";
import { getRegistry } from "@/server/registry";
import { requirePrincipal } from "../../../_lib/auth";
import { handle, json, readJson } from "../../../_lib/respond";

export const dynamic = "force-dynamic";

export const PATCH = handle(async (req: Request, ctx: { params: Promise<{ id: string }> }) => {
  const admin = await requirePrincipal(req, { admin: true });
  const { id } = await ctx.params;
  const body = updateUserBody.parse(await readJson(req));
  return json(await getRegistry().services.admin.updateUser(admin, id, body));
});
