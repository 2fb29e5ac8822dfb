// Runs the pending migrations in order, each in its own transaction, under an advisory lock so that
// several instances booting together apply each migration once.
import { sql, type Kysely } from "kysely";
import { migrations as allMigrations, type Migration } from "./migrations";
import type { Schema } from "./schema";

const LOCK_KEY = 727_001;

export async function migrate(db: Kysely<Schema>, migrations: readonly Migration[] = allMigrations): Promise<string[]> {
  const applied: string[] = [];
  await db.transaction().execute(async (trx) => {
    await sql`select pg_advisory_xact_lock(${LOCK_KEY})`.execute(trx);
    // Inside the lock: two CREATE TABLE IF NOT EXISTS at once on an empty database collide in PostgreSQL's catalog.
    await sql`create table if not exists schema_migrations (id text primary key, applied_at timestamptz not null default now())`.execute(trx);
    const done = new Set((await trx.selectFrom("schema_migrations").select("id").execute()).map((r) => r.id));
    for (const migration of migrations) {
      if (done.has(migration.id)) continue;
      await sql.raw(migration.sql).execute(trx);
      await trx.insertInto("schema_migrations").values({ id: migration.id }).execute();
      applied.push(migration.id);
    }
  });
  return applied;
}
