// API keys repository: hashed keys that outside programs present; revocable, never stored in clear.
import type { Kysely, Selectable } from "kysely";
import type { ApiKeysTable, Schema } from "../schema";

export type ApiKeyRow = Selectable<ApiKeysTable>;

export function apiKeysRepository(db: Kysely<Schema>) {
  return {
    async insert(key: { id: string; name: string; prefix: string; key_hash: string; created_by: string | null }): Promise<ApiKeyRow> {
      return db.insertInto("api_keys").values(key).returningAll().executeTakeFirstOrThrow();
    },
    async findActiveByHash(keyHash: string): Promise<ApiKeyRow | undefined> {
      return db.selectFrom("api_keys").selectAll().where("key_hash", "=", keyHash).where("revoked_at", "is", null).executeTakeFirst();
    },
    async touch(id: string, now: Date): Promise<void> {
      await db.updateTable("api_keys").set({ last_used_at: now }).where("id", "=", id).execute();
    },
    async revoke(id: string, now: Date): Promise<ApiKeyRow | undefined> {
      return db
        .updateTable("api_keys")
        .set({ revoked_at: now })
        .where("id", "=", id)
        .where("revoked_at", "is", null)
        .returningAll()
        .executeTakeFirst();
    },
    async findById(id: string): Promise<ApiKeyRow | undefined> {
      return db.selectFrom("api_keys").selectAll().where("id", "=", id).executeTakeFirst();
    },
    async list(): Promise<ApiKeyRow[]> {
      return db.selectFrom("api_keys").selectAll().orderBy("created_at", "desc").execute();
    },
  };
}
