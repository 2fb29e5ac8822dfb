// POST /api/admin/api-keys {name} -> {key} (shown once); GET lists keys without their secrets. Admins only.
import { createApiKeyBody } from "@/lib/api/auth";
import { getRegistry } from "@/server/registry";
import { requirePrincipal } from "../../_lib/auth";
import { handle, json, readJson } from "../../_lib/respond";

export const dynamic = "force-dynamic";

export const POST = handle(async (req: Request) => {
  const admin = await requirePrincipal(req, { admin: true });
  const body = createApiKeyBody.parse(await readJson(req));
  const { key, info } = await getRegistry().apiKeys.create(body.name, admin.id);
  return json({ ...info, key }, 201);
});

export const GET = handle(async (req: Request) => {
  await requirePrincipal(req, { admin: true });
  return json({ items: await getRegistry().apiKeys.list(), next_cursor: null });
});
