// POST /api/admin/users {email, password, role}: an admin creates an account (403 for others).
import { createUserBody } from "@/lib/api/auth";
import { getRegistry } from "@/server/registry";
import { requirePrincipal } from "../../_lib/auth";
import { handle, json, readJson } from "../../_lib/respond";

export const dynamic = "force-dynamic";

export const POST = handle(async (req: Request) => {
  await requirePrincipal(req, { admin: true });
  const body = createUserBody.parse(await readJson(req));
  const user = await getRegistry().services.users.create(body);
  return json(user, 201);
});
