// Test support: one migrated database per test worker and driver (PGlite always, PostgreSQL when
// TEST_DATABASE_URL is set), reset by truncation between tests rather than reopened.
import { createHash } from "node:crypto";
import { readFile, rename, writeFile } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { sql } from "kysely";
import { openDatabase, type Database, type DbDriver } from "./db";
import { migrations } from "./migrations";

const opened = new Map<DbDriver, Promise<Database>>();

/** The drivers the suite runs against on this machine. */
export function testDrivers(): DbDriver[] {
  return process.env.TEST_DATABASE_URL ? ["pglite", "postgres"] : ["pglite"];
}

export function testDatabase(driver: DbDriver = "pglite"): Promise<Database> {
  let db = opened.get(driver);
  if (!db) {
    db =
      driver === "pglite"
        ? openPgliteFromTemplate()
        : openDatabase({ databaseUrl: requireUrl(), schema: `sbtest_${process.pid}_${process.env.VITEST_POOL_ID ?? "0"}` });
    opened.set(driver, db);
  }
  return db;
}

/**
 * PGlite's initdb costs seconds; a migrated data folder, dumped once per set of migrations and loaded
 * by every later worker, costs well under one.
 */
async function openPgliteFromTemplate(): Promise<Database> {
  const { PGlite } = await import("@electric-sql/pglite");
  const hash = createHash("sha256").update(migrations.map((m) => m.id + m.sql).join("\n")).digest("hex").slice(0, 16);
  const file = path.join(os.tmpdir(), `switchboard-pglite-template-${hash}.tar.gz`);
  const saved = await readFile(file).catch(() => null);
  if (saved) {
    const pglite = await PGlite.create({ loadDataDir: new Blob([saved]) });
    return openDatabase({ pglite, migrate: true, ownPglite: true });
  }
  const pglite = await PGlite.create();
  const database = await openDatabase({ pglite, ownPglite: true });
  const dump = await pglite.dumpDataDir("gzip");
  const partial = `${file}.${process.pid}`;
  await writeFile(partial, Buffer.from(await dump.arrayBuffer()));
  await rename(partial, file);
  return database;
}

/** Empties every table but the migration record. */
export async function resetDatabase(database: Database): Promise<void> {
  const rows = await sql<{ tablename: string }>`
    select tablename from pg_tables where schemaname = current_schema() and tablename <> 'schema_migrations'`.execute(database.db);
  if (rows.rows.length === 0) return;
  const list = rows.rows.map((r) => `"${r.tablename}"`).join(", ");
  await sql.raw(`truncate ${list} cascade`).execute(database.db);
}

/** Drops the worker's PostgreSQL schema and closes every database this worker opened. */
export async function closeTestDatabases(): Promise<void> {
  for (const [driver, pending] of opened) {
    const database = await pending;
    if (driver === "postgres") await sql.raw(`drop schema if exists ${await currentSchema(database)} cascade`).execute(database.db);
    await database.close();
  }
  opened.clear();
}

async function currentSchema(database: Database): Promise<string> {
  const r = await sql<{ s: string }>`select current_schema() as s`.execute(database.db);
  return r.rows[0]!.s;
}

function requireUrl(): string {
  const url = process.env.TEST_DATABASE_URL;
  if (!url) throw new Error("TEST_DATABASE_URL is not set");
  return url;
}
