// API keys for outside programs: shown once at creation, stored as a SHA-256 hash, revocable.
import type { Repositories } from "../storage/repositories";
import { newId, randomSecret } from "../ids";
import type { Principal } from "./principal";
import { sha256 } from "./tokens";

export const API_KEY_PREFIX = "sbk_";

export interface ApiKeyInfo {
  id: string;
  name: string;
  prefix: string;
  created_at: string;
  revoked_at: string | null;
  last_used_at: string | null;
}

export interface ApiKeyStore {
  create(name: string, createdBy: string | null, id?: string): Promise<{ key: string; info: ApiKeyInfo }>;
  /** The principal of a presented key, or null for an unknown or revoked key. */
  resolve(key: string | undefined | null): Promise<Principal | null>;
  revoke(id: string): Promise<ApiKeyInfo | null>;
  /** Drops the key from this process's cache (it was revoked through another instance). */
  forget(id: string): void;
  list(): Promise<ApiKeyInfo[]>;
}

/** How long a resolved key is trusted without asking storage again (revocation clears it at once). */
const CACHE_MS = 30_000;

export function createApiKeyStore(repos: Repositories, now: () => Date = () => new Date()): ApiKeyStore {
  const lastTouched = new Map<string, number>();
  // A busy publisher presents its key on every request: keep resolved keys briefly, by hash.
  const cache = new Map<string, { principal: Principal; until: number }>();
  const forget = (id: string) => {
    for (const [hash, entry] of cache) if (entry.principal.id === id) cache.delete(hash);
  };
  return {
    async create(name, createdBy, id) {
      const key = `${API_KEY_PREFIX}${randomSecret(32)}`;
      const row = await repos.apiKeys.insert({
        id: id ?? newId("key"),
        name,
        prefix: key.slice(0, API_KEY_PREFIX.length + 6),
        key_hash: sha256(key),
        created_by: createdBy,
      });
      return { key, info: toInfo(row) };
    },
    async resolve(key) {
      if (!key || !key.startsWith(API_KEY_PREFIX) || key.length > 200) return null;
      const hash = sha256(key);
      const cached = cache.get(hash);
      if (cached && cached.until > now().getTime()) return cached.principal;
      const row = await repos.apiKeys.findActiveByHash(hash);
      if (!row) return null;
      // Record use at most once a minute per key, so a busy publisher does not write on every call.
      const t = now().getTime();
      if ((lastTouched.get(row.id) ?? 0) < t - 60_000) {
        lastTouched.set(row.id, t);
        await repos.apiKeys.touch(row.id, now());
      }
      const principal: Principal = { kind: "api_key", id: row.id, email: `api-key:${row.name}`, role: "user" };
      if (cache.size > 10_000) cache.clear();
      cache.set(hash, { principal, until: t + CACHE_MS });
      return principal;
    },
    forget,
    async revoke(id) {
      forget(id);
      const row = await repos.apiKeys.revoke(id, now());
      return row ? toInfo(row) : null;
    },
    async list() {
      return (await repos.apiKeys.list()).map(toInfo);
    },
  };
}

function toInfo(row: Awaited<ReturnType<Repositories["apiKeys"]["list"]>>[number]): ApiKeyInfo {
  return {
    id: row.id,
    name: row.name,
    prefix: row.prefix,
    created_at: row.created_at.toISOString(),
    revoked_at: row.revoked_at?.toISOString() ?? null,
    last_used_at: row.last_used_at?.toISOString() ?? null,
  };
}
