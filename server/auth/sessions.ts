// Browser sessions: a random token in a signed http-only cookie; the database keeps only its hash.
// Resolved sessions are cached for a few seconds; a sign-out clears the cache of every instance at once
// (a signal carrying the ended session's hash, which is what the database holds, never the token).
import type { SignalChannel, Signals } from "../cluster/signals";
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
  /** Forgets the user's cached sessions at once (disabled, or role changed): the next request asks storage. */
  forgetUser(userId: string): void;
}

/** How long a resolved session is trusted without asking storage again (sign-out clears it at once). */
const CACHE_MS = 5_000;

export interface SessionStoreOptions {
  now?: () => Date;
  /** Where sign-outs are told to the other instances (default: this process only). */
  signals?: Signals;
}

export function createSessionStore(repos: Repositories, secret: string, options: SessionStoreOptions = {}): SessionStore {
  const now = options.now ?? (() => new Date());
  // Every request and socket upgrade of a tab presents the cookie; a reconnect storm after a restart
  // would otherwise be one query per socket.
  const cache = new Map<string, { principal: Principal; until: number }>();
  // Last seen, recorded at most once a minute per user.
  const seen = new Map<string, number>();
  const signedOut: SignalChannel<string> | null = options.signals?.channel<string>("sessions.signed_out") ?? null;
  signedOut?.on((hash) => cache.delete(hash));
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
      const hash = sha256(token);
      const t = now().getTime();
      const cached = cache.get(hash);
      if (cached && cached.until > t) return cached.principal;
      const user = await repos.sessions.findUser(hash, now());
      if (!user) return null;
      const principal: Principal = { kind: "user", id: user.id, email: user.email, role: user.role };
      if ((seen.get(user.id) ?? 0) < t - 60_000) {
        if (seen.size > 10_000) seen.clear();
        seen.set(user.id, t);
        await repos.users.touchSeen(user.id, now());
      }
      if (cache.size > 10_000) cache.clear();
      cache.set(hash, { principal, until: t + CACHE_MS });
      return principal;
    },
    async destroy(cookieValue) {
      const token = cookieValue ? unsignToken(cookieValue, secret) : null;
      if (!token) return;
      const hash = sha256(token);
      cache.delete(hash);
      await repos.sessions.delete(hash);
      signedOut?.emit(hash);
    },
    forgetUser(userId) {
      for (const [hash, entry] of cache) if (entry.principal.id === userId) cache.delete(hash);
    },
  };
}
