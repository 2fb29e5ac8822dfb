// Watchlists repository: one row per user with the tickers in order; writes bump the version.
import type { Kysely } from "kysely";
import type { Schema } from "../schema";

export interface WatchlistRow {
  user_id: string;
  tickers: string[];
  updated_at: Date;
  version: number;
}

export function watchlistsRepository(db: Kysely<Schema>) {
  const toRow = (r: { user_id: string; tickers: unknown; updated_at: Date; version: number }): WatchlistRow => ({
    user_id: r.user_id,
    tickers: (typeof r.tickers === "string" ? JSON.parse(r.tickers) : r.tickers) as string[],
    updated_at: r.updated_at,
    version: r.version,
  });
  return {
    async find(userId: string): Promise<WatchlistRow | undefined> {
      const row = await db.selectFrom("watchlists").selectAll().where("user_id", "=", userId).executeTakeFirst();
      return row && toRow(row);
    },

    /** Every ticker on anyone's list (the market feed produces them). */
    async allTickers(): Promise<string[]> {
      const rows = await db.selectFrom("watchlists").select("tickers").execute();
      const all = new Set<string>();
      for (const r of rows) for (const t of toRow({ user_id: "", tickers: r.tickers, updated_at: new Date(0), version: 0 }).tickers) all.add(t);
      return [...all].sort();
    },

    /** Creates the list with `tickers` unless the user has one; returns the user's list either way. */
    async insertIfMissing(userId: string, tickers: readonly string[], now: Date): Promise<WatchlistRow> {
      await db
        .insertInto("watchlists")
        .values({ user_id: userId, tickers: JSON.stringify(tickers), updated_at: now })
        .onConflict((oc) => oc.column("user_id").doNothing())
        .execute();
      return toRow(await db.selectFrom("watchlists").selectAll().where("user_id", "=", userId).executeTakeFirstOrThrow());
    },

    /**
     * Rewrites the list with `change(current)` inside a transaction that locks the row, so concurrent
     * edits of one user apply one after the other; null from `change` leaves it as it is.
     */
    async update(userId: string, defaults: readonly string[], now: Date, change: (tickers: string[]) => string[] | null): Promise<{ row: WatchlistRow; changed: boolean }> {
      return db.transaction().execute(async (trx) => {
        await trx
          .insertInto("watchlists")
          .values({ user_id: userId, tickers: JSON.stringify(defaults), updated_at: now })
          .onConflict((oc) => oc.column("user_id").doNothing())
          .execute();
        const current = toRow(await trx.selectFrom("watchlists").selectAll().where("user_id", "=", userId).forUpdate().executeTakeFirstOrThrow());
        const next = change([...current.tickers]);
        if (next === null) return { row: current, changed: false };
        const updated = await trx
          .updateTable("watchlists")
          .set((eb) => ({ tickers: JSON.stringify(next), updated_at: now, version: eb("version", "+", 1) }))
          .where("user_id", "=", userId)
          .returningAll()
          .executeTakeFirstOrThrow();
        return { row: toRow(updated), changed: true };
      });
    },
  };
}
