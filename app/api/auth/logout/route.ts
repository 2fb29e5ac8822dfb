// POST /api/auth/logout: ends the session and clears the cookie.
import { clearSessionCookieHeader, readCookie, SESSION_COOKIE } from "@/server/auth/cookies";
import { getRegistry } from "@/server/registry";
import { checkOrigin } from "../../_lib/auth";
import { handle, json } from "../../_lib/respond";

export const dynamic = "force-dynamic";

export const POST = handle(async (req: Request) => {
  const registry = getRegistry();
  checkOrigin(req, registry.allowedOrigins);
  const cookie = readCookie(req.headers.get("cookie"), SESSION_COOKIE);
  await registry.sessions.destroy(cookie);
  const secure = registry.env.SECURE_COOKIES ?? new URL(req.url).protocol === "https:";
  return json(null, 204, { "set-cookie": clearSessionCookieHeader(secure) });
});
