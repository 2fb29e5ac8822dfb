// Presents one PGlite instance as the small pool interface Kysely's PostgresDialect drives, so PGlite
// and PostgreSQL share one dialect. PGlite has a single connection: a client holds it exclusively
// until release(), which keeps transactions from interleaving.
import type { PGlite } from "@electric-sql/pglite";
import type { PostgresPool, PostgresPoolClient, PostgresQueryResult } from "kysely";

export function pglitePool(db: PGlite): PostgresPool {
  let tail: Promise<void> = Promise.resolve();

  return {
    async connect(): Promise<PostgresPoolClient> {
      let release!: () => void;
      const held = new Promise<void>((resolve) => (release = resolve));
      const previous = tail;
      tail = previous.then(() => held);
      await previous;
      let released = false;
      const client = {
        async query<R>(sql: string, parameters: ReadonlyArray<unknown>): Promise<PostgresQueryResult<R>> {
          // Parameterless SQL may hold several statements (migrations): only the simple protocol runs those.
          if (parameters.length === 0) {
            const results = await db.exec(sql);
            const last = results[results.length - 1];
            return { command: commandOf(sql), rowCount: last?.affectedRows ?? last?.rows.length ?? 0, rows: (last?.rows ?? []) as R[] };
          }
          const result = await db.query<R>(sql, parameters as unknown[]);
          return {
            command: commandOf(sql),
            rowCount: result.affectedRows ?? result.rows.length,
            rows: result.rows,
          };
        },
        release() {
          if (released) return;
          released = true;
          release();
        },
      };
      return client as unknown as PostgresPoolClient;
    },
    async end() {
      await tail;
    },
  };
}

function commandOf(sql: string): PostgresQueryResult<unknown>["command"] {
  const word = /^\s*(?:with\b[\s\S]*?\)\s*)?(\w+)/i.exec(sql)?.[1]?.toUpperCase();
  switch (word) {
    case "INSERT":
    case "UPDATE":
    case "DELETE":
    case "MERGE":
      return word;
    default:
      return "SELECT";
  }
}
