// Users repository: accounts with hashed passwords and a role.
import type { Kysely, Selectable } from "kysely";
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
    async list(): Promise<UserRow[]> {
      return db.selectFrom("users").selectAll().orderBy("created_at", "asc").execute();
    },
  };
}
