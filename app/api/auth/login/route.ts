// POST /api/auth/login {email, password}: sets the session cookie; 401 on bad credentials.
import { loginBody } from "@/lib/api/auth";
import { SESSION_TTL_MS, sessionCookieHeader } from "@/server/auth/cookies";
import { getRegistry } from "@/server/registry";
import { checkOrigin } from "../../_lib/auth";
import { errorResponse, handle, json, readJson } from "../../_lib/respond";

export const dynamic = "force-dynamic";

export const POST = handle(async (req: Request) => {
  const registry = getRegistry();
  checkOrigin(req, registry.allowedOrigins);
  const body = loginBody.parse(await readJson(req));
  const principal = await registry.services.users.authenticate(body.email, body.password);
  if (!principal) return errorResponse(401, "invalid_credentials", "email or password is incorrect");
  const { cookieValue } = await registry.sessions.create(principal.id);
  const secure = registry.env.SECURE_COOKIES ?? new URL(req.url).protocol === "https:";
  return json(
    { user: { id: principal.id, email: principal.email, role: principal.role } },
    200,
    { "set-cookie": sessionCookieHeader(cookieValue, { secure, maxAgeMs: SESSION_TTL_MS }) },
  );
});
