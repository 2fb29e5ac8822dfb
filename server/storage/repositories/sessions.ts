// Sessions repository: a row per signed-in browser, keyed by the hash of its token.
import type { Kysely } from "kysely";
import type { Schema } from "../schema";
import type { UserRow } from "./users";

export function sessionsRepository(db: Kysely<Schema>) {
  return {
    async insert(session: { token_hash: string; user_id: string; expires_at: Date }): Promise<void> {
      await db.insertInto("sessions").values(session).execute();
    },
    /** The live (unexpired) session's user, if the user is not disabled. */
    async findUser(tokenHash: string, now: Date): Promise<UserRow | undefined> {
      return db
        .selectFrom("sessions")
        .innerJoin("users", "users.id", "sessions.user_id")
        .selectAll("users")
        .where("sessions.token_hash", "=", tokenHash)
        .where("sessions.expires_at", ">", now)
        .where("users.disabled", "=", false)
        .executeTakeFirst();
    },
    async delete(tokenHash: string): Promise<void> {
      await db.deleteFrom("sessions").where("token_hash", "=", tokenHash).execute();
    },
    /** Ends every session of the user (disabled): returns how many. */
    async deleteForUser(userId: string): Promise<number> {
      const result = await db.deleteFrom("sessions").where("user_id", "=", userId).executeTakeFirst();
      return Number(result.numDeletedRows);
    },
    async deleteExpired(now: Date): Promise<number> {
      const result = await db.deleteFrom("sessions").where("expires_at", "<=", now).executeTakeFirst();
      return Number(result.numDeletedRows);
    },
  };
}
