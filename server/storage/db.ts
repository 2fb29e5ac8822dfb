// Opens the database: PGlite in DATA_DIR by default, PostgreSQL when DATABASE_URL is set. Both are
// driven through one Kysely dialect, so every repository runs the same SQL on both.
import fs from "node:fs/promises";
import path from "node:path";
import { Kysely, PostgresDialect, sql } from "kysely";
import type { PGlite } from "@electric-sql/pglite";
import { pglitePool } from "./pglite-pool";
import { migrate } from "./migrate";
import type { Schema } from "./schema";

export type DbDriver = "pglite" | "postgres";

export interface Database {
  readonly db: Kysely<Schema>;
  readonly driver: DbDriver;
  /** Round-trip time of a trivial query, in ms; throws when the database is unreachable. */
  ping(): Promise<number>;
  close(): Promise<void>;
}

export interface DatabaseOptions {
  /** postgres://... ; absent means PGlite. */
  databaseUrl?: string;
  /** PGlite folder; absent (with no databaseUrl) means an in-memory PGlite. */
  dataDir?: string;
  /** Run migrations after opening (default true). */
  migrate?: boolean;
  /** An already-open PGlite to wrap (tests share one per worker). */
  pglite?: PGlite;
  /** Close the given PGlite along with the database (default: the caller keeps it). */
  ownPglite?: boolean;
  /** PostgreSQL only: a schema to create and use instead of `public` (tests isolate workers this way). */
  schema?: string;
  /** PostgreSQL only: connections this process keeps at most (default 10). */
  poolSize?: number;
}

export async function openDatabase(options: DatabaseOptions): Promise<Database> {
  const opened = options.databaseUrl ? await openPostgres(options.databaseUrl, options.schema, options.poolSize) : await openPglite(options);
  const db = new Kysely<Schema>({ dialect: new PostgresDialect({ pool: opened.pool }) });
  if (options.migrate !== false) await migrate(db);
  return {
    db,
    driver: opened.driver,
    async ping() {
      const started = performance.now();
      await sql`select 1`.execute(db);
      return performance.now() - started;
    },
    async close() {
      await db.destroy();
      await opened.close();
    },
  };
}

interface Opened {
  driver: DbDriver;
  pool: ConstructorParameters<typeof PostgresDialect>[0]["pool"];
  close(): Promise<void>;
}

async function openPostgres(url: string, schema?: string, poolSize = 10): Promise<Opened> {
  const pg = await import("pg");
  const Pool = pg.default?.Pool ?? pg.Pool;
  if (schema !== undefined && !/^[a-z_][a-z0-9_]{0,62}$/.test(schema)) throw new Error(`invalid schema name: ${schema}`);
  if (schema) {
    const setup = new Pool({ connectionString: url, max: 1 });
    await setup.query(`create schema if not exists ${schema}`);
    await setup.end();
  }
  const pool = new Pool({ connectionString: url, max: poolSize, ...(schema ? { options: `-c search_path=${schema}` } : {}) });
  pool.on("error", () => {
    /* a dropped idle client; the next query reconnects */
  });
  // Kysely ends the pool in destroy(); nothing more to close.
  return { driver: "postgres", pool, close: async () => {} };
}

async function openPglite(options: DatabaseOptions): Promise<Opened> {
  let instance = options.pglite;
  const owned = !instance || options.ownPglite === true;
  if (!instance) {
    const { PGlite } = await import("@electric-sql/pglite");
    if (options.dataDir) {
      const dir = path.join(options.dataDir, "pglite");
      await fs.mkdir(dir, { recursive: true });
      instance = await PGlite.create(dir);
    } else {
      instance = await PGlite.create();
    }
  }
  const pglite = instance;
  return {
    driver: "pglite",
    pool: pglitePool(pglite),
    close: async () => {
      if (owned) await pglite.close();
    },
  };
}
