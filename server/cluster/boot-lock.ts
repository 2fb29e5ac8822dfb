// The boot lock: first-start work that must happen once per database (the first admin, the built-in
// agents, the example DAGs) runs under a PostgreSQL advisory lock, so instances booting together do
// not both do it. PGlite serves one process, which needs no lock (and has one connection to hold).
import { sql } from "kysely";
import type { Database } from "../storage/db";

const BOOT_LOCK_KEY = 727_002;

export async function withBootLock<T>(database: Database, work: () => Promise<T>): Promise<T> {
  if (database.driver !== "postgres") return work();
  return database.db.connection().execute(async (connection) => {
    await sql`select pg_advisory_lock(${BOOT_LOCK_KEY})`.execute(connection);
    try {
      return await work();
    } finally {
      await sql`select pg_advisory_unlock(${BOOT_LOCK_KEY})`.execute(connection);
    }
  });
}
