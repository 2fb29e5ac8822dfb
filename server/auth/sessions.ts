// Browser sessions: a random token in a signed http-only cookie; the database keeps only its hash.
import type { Repositories } from "../storage/repositories";
import { randomSecret } from "../ids";
import { SESSION_TTL_MS } from "./cookies";
import type { Principal } from "./principal";
import { sha256, signToken, unsignToken } from "./tokens";

export interface SessionStore {
  /** Starts a session for the user and returns the cookie value to set. */
  create(userId: string): Promise<{ cookieValue: string; expiresAt: Date }>;
  /** The principal behind a cookie value, or null when it is forged, expired, ended or the user is disabled. */
  resolve(cookieValue: string | undefined): Promise<Principal | null>;
  destroy(cookieValue: string | undefined): Promise<void>;
}

export function createSessionStore(repos: Repositories, secret: string, now: () => Date = () => new Date()): SessionStore {
  return {
    async create(userId) {
      const token = randomSecret(32);
      const expiresAt = new Date(now().getTime() + SESSION_TTL_MS);
      await repos.sessions.insert({ token_hash: sha256(token), user_id: userId, expires_at: expiresAt });
      return { cookieValue: signToken(token, secret), expiresAt };
    },
    async resolve(cookieValue) {
      if (!cookieValue) return null;
      const token = unsignToken(cookieValue, secret);
      if (!token) return null;
      const user = await repos.sessions.findUser(sha256(token), now());
      return user ? { kind: "user", id: user.id, email: user.email, role: user.role } : null;
    },
    async destroy(cookieValue) {
      const token = cookieValue ? unsignToken(cookieValue, secret) : null;
      if (token) await repos.sessions.delete(sha256(token));
    },
  };
}
