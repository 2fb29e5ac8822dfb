// POST /api/admin/api-keys {name} -> the key with its secret (shown once; audited); GET lists keys without secrets. Admins only.
import { createApiKeyBody } from "@/lib/api/auth";
import { getRegistry } from "@/server/registry";
import { requirePrincipal } from "../../_lib/auth";
import { handle, json, readJson } from "../../_lib/respond";

export const dynamic = "force-dynamic";

export const POST = handle(async (req: Request) => {
  const admin = await requirePrincipal(req, { admin: true });
  const body = createApiKeyBody.parse(await readJson(req));
  return json(await getRegistry().services.admin.createApiKey(admin, body.name), 201);
});

export const GET = handle(async (req: Request) => {
  await requirePrincipal(req, { admin: true });
  return json(await getRegistry().services.admin.listApiKeys());
});
