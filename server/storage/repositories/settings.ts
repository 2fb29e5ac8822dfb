// Settings repository: small named values the server keeps across restarts (e.g. the session secret).
import type { Kysely } from "kysely";
import type { Schema } from "../schema";

export function settingsRepository(db: Kysely<Schema>) {
  return {
    async get(key: string): Promise<string | undefined> {
      return (await db.selectFrom("settings").select("value").where("key", "=", key).executeTakeFirst())?.value;
    },
    /** Stores `value` unless the key already has one; returns the value that is kept (first writer wins). */
    async getOrInsert(key: string, value: string): Promise<string> {
      await db.insertInto("settings").values({ key, value }).onConflict((oc) => oc.column("key").doNothing()).execute();
      const kept = await this.get(key);
      if (kept === undefined) throw new Error(`setting ${key} vanished`);
      return kept;
    },
  };
}
