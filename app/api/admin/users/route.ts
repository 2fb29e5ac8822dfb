// GET /api/admin/users: every account with its open sockets and last seen; POST {email, password, role} creates one (audited). Admins only.
import { createUserBody } from "@/lib/api/auth";
import { getRegistry } from "@/server/registry";
import { requirePrincipal } from "../../_lib/auth";
import { handle, json, readJson } from "../../_lib/respond";

export const dynamic = "force-dynamic";

export const GET = handle(async (req: Request) => {
  await requirePrincipal(req, { admin: true });
  return json(await getRegistry().services.admin.listUsers());
});

export const POST = handle(async (req: Request) => {
  const admin = await requirePrincipal(req, { admin: true });
  const body = createUserBody.parse(await readJson(req));
  return json(await getRegistry().services.admin.createUser(admin, body), 201);
});
