// DELETE /api/admin/api-keys/{id}: revokes a key and closes the sockets it opened. Admins only.
import { getRegistry } from "@/server/registry";
import { requirePrincipal } from "../../../_lib/auth";
import { HttpError, handle, json } from "../../../_lib/respond";

export const dynamic = "force-dynamic";

export const DELETE = handle(async (req: Request, ctx: { params: Promise<{ id: string }> }) => {
  await requirePrincipal(req, { admin: true });
  const { id } = await ctx.params;
  const registry = getRegistry();
  const revoked = await registry.apiKeys.revoke(id);
  if (!revoked) throw new HttpError(404, "not_found", "no active API key with this id");
  const closed = registry.hub.disconnect((p) => p?.kind === "api_key" && p.id === id, 1008, "API key revoked");
  return json({ ...revoked, closed_connections: closed });
});
