// Who is opening a socket: the origin check (cross-site WebSocket hijacking) and the credentials an
// upgrade request carries (session cookie, or ?token= API key).
import type { IncomingMessage } from "node:http";
import type { ApiKeyStore } from "../auth/api-keys";
import { readCookie, SESSION_COOKIE } from "../auth/cookies";
import type { Principal } from "../auth/principal";
import type { SessionStore } from "../auth/sessions";

/**
 * True when the upgrade may proceed: no Origin (a program, not a browser), the app's own origin
 * (the Host it was asked on), or an origin listed in ALLOWED_ORIGINS.
 */
export function originAllowed(req: IncomingMessage, allowedOrigins: readonly string[]): boolean {
  const origin = req.headers.origin;
  if (origin === undefined) return true;
  const host = req.headers.host;
  if (host) {
    const forwardedProto = req.headers["x-forwarded-proto"];
    const proto = typeof forwardedProto === "string" ? forwardedProto.split(",")[0]!.trim() : "encrypted" in req.socket && req.socket.encrypted ? "https" : "http";
    if (origin === `${proto}://${host}`) return true;
  }
  return allowedOrigins.includes(origin);
}

export type UpgradeCredentials =
  | { kind: "authenticated"; principal: Principal }
  | { kind: "rejected" } // credentials were presented and are wrong
  | { kind: "none" }; // nothing presented: the client may send an `auth` message

export async function authenticateUpgrade(
  req: IncomingMessage,
  stores: { sessions: SessionStore; apiKeys: ApiKeyStore },
): Promise<UpgradeCredentials> {
  const token = new URL(req.url ?? "/", "http://x").searchParams.get("token");
  if (token) {
    const principal = await stores.apiKeys.resolve(token);
    return principal ? { kind: "authenticated", principal } : { kind: "rejected" };
  }
  const cookie = readCookie(req.headers.cookie, SESSION_COOKIE);
  if (cookie) {
    const principal = await stores.sessions.resolve(cookie);
    if (principal) return { kind: "authenticated", principal };
  }
  return { kind: "none" };
}
