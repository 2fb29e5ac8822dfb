// GET /api/me: the signed-in user.
import type { MeResponse } from "@/lib/api/auth";
import { requirePrincipal } from "../_lib/auth";
import { handle, json } from "../_lib/respond";

export const dynamic = "force-dynamic";

export const GET = handle(async (req: Request) => {
  const principal = await requirePrincipal(req);
  const me: MeResponse = { id: principal.id, email: principal.email, role: principal.role };
  return json(me);
});
