// Who is asking a route: the session cookie (browsers) or a Bearer API key (programs); and the
// origin check that keeps other sites from using a browser's cookie.
import { readCookie, SESSION_COOKIE } from "@/server/auth/cookies";
import { getRegistry } from "@/server/registry";
import { HttpError } from "./respond";

export interface RoutePrincipal {
  kind: "user" | "api_key";
  id: string;
  email: string;
  role: "user" | "admin";
}

export interface RequireOptions {
  /** Only admins (signed-in users with role admin). */
  admin?: boolean;
  /** Accept `Authorization: Bearer <api key>` as well as the cookie. */
  apiKey?: boolean;
  /** Accept only an API key (ingest). */
  apiKeyOnly?: boolean;
}

export async function requirePrincipal(req: Request, options: RequireOptions = {}): Promise<RoutePrincipal> {
  const registry = getRegistry();
  const bearer = /^Bearer\s+(.+)$/i.exec(req.headers.get("authorization") ?? "")?.[1]?.trim();
  let principal: RoutePrincipal | null = null;
  if (bearer && (options.apiKey || options.apiKeyOnly)) {
    principal = await registry.apiKeys.resolve(bearer);
    if (!principal) throw new HttpError(401, "unauthenticated", "the API key is invalid or revoked");
  } else if (!options.apiKeyOnly) {
    const cookie = readCookie(req.headers.get("cookie"), SESSION_COOKIE);
    principal = await registry.sessions.resolve(cookie);
    if (principal && !["GET", "HEAD"].includes(req.method)) checkOrigin(req, registry.allowedOrigins);
  }
  if (!principal) {
    throw new HttpError(401, "unauthenticated", options.apiKeyOnly ? "send an API key as Authorization: Bearer <key>" : "sign in first");
  }
  if (options.admin && !(principal.kind === "user" && principal.role === "admin")) {
    throw new HttpError(403, "forbidden", "only admins may do this");
  }
  return principal;
}

/** A cookie-authenticated change must come from the app's own origin or a listed one. */
export function checkOrigin(req: Request, allowed: readonly string[]): void {
  const origin = req.headers.get("origin");
  if (!origin) return;
  const host = req.headers.get("host");
  const proto = req.headers.get("x-forwarded-proto")?.split(",")[0]?.trim() ?? new URL(req.url).protocol.replace(":", "");
  if (host && origin === `${proto}://${host}`) return;
  if (allowed.includes(origin)) return;
  throw new HttpError(403, "forbidden_origin", "cross-site requests are not accepted");
}
