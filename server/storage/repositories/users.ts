// Users repository: accounts with hashed passwords and a role.
import { sql, type Kysely, type Selectable } from "kysely";
import type { Schema, UsersTable } from "../schema";

export type UserRow = Selectable<UsersTable>;

export function usersRepository(db: Kysely<Schema>) {
  return {
    async insert(user: { id: string; email: string; password_hash: string; role: "user" | "admin" }): Promise<UserRow> {
      return db.insertInto("users").values(user).returningAll().executeTakeFirstOrThrow();
    },
    async findByEmail(email: string): Promise<UserRow | undefined> {
      return db.selectFrom("users").selectAll().where("email", "=", email.toLowerCase()).executeTakeFirst();
    },
    async findById(id: string): Promise<UserRow | undefined> {
      return db.selectFrom("users").selectAll().where("id", "=", id).executeTakeFirst();
    },
    async count(): Promise<number> {
      const row = await db.selectFrom("users").select((eb) => eb.fn.countAll<string>().as("n")).executeTakeFirstOrThrow();
      return Number(row.n);
    },
    async countAdmins(): Promise<number> {
      const row = await db
        .selectFrom("users")
        .select((eb) => eb.fn.countAll<string>().as("n"))
        .where("role", "=", "admin")
        .executeTakeFirstOrThrow();
      return Number(row.n);
    },
    /** Changes role and/or disabled (disabled_at follows); bumps the version. Undefined when no such user. */
    async update(id: string, change: { role?: "user" | "admin"; disabled?: boolean }, now: Date): Promise<UserRow | undefined> {
      const set: Record<string, unknown> = { version: sql`version + 1` };
      if (change.role !== undefined) set.role = change.role;
      if (change.disabled !== undefined) {
        set.disabled = change.disabled;
        set.disabled_at = change.disabled ? now : null;
      }
      return db.updateTable("users").set(set).where("id", "=", id).returningAll().executeTakeFirst();
    },
    /** Records that the user was seen (a sign-in, a request); callers keep this to about once a minute. */
    async touchSeen(id: string, now: Date): Promise<void> {
      await db.updateTable("users").set({ last_seen_at: now }).where("id", "=", id).execute();
    },
    async listByRole(role: "user" | "admin"): Promise<UserRow[]> {
      return db.selectFrom("users").selectAll().where("role", "=", role).where("disabled", "=", false).orderBy("created_at", "asc").execute();
    },
    async list(): Promise<UserRow[]> {
      return db.selectFrom("users").selectAll().orderBy("created_at", "asc").execute();
    },
  };
}
