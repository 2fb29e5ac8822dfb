// Watchlists service: each user's tickers of the market page. Changes are stored, then published as
// one `watchlist_updated` on `user:{user_id}` (every tab of the user follows). New users get defaults.
import { localCluster, type ClusterDeps } from "../cluster/deps";
import { MAX_WATCHLIST_TICKERS, type Watchlist } from "@/lib/protocol/entities/market";
import { topics } from "@/lib/protocol/topics";
import type { Bus } from "../bus/bus";
import type { Repositories } from "../storage/repositories";
import type { WatchlistRow } from "../storage/repositories/watchlists";
import { ServiceError } from "./errors";

/** A new user's watchlist. */
export const DEFAULT_WATCHLIST: readonly string[] = ["AAPL", "MSFT", "NVDA", "AMZN", "TSLA"];

export function createWatchlistsService(deps: { repos: Repositories; bus: Bus; defaults?: readonly string[]; now?: () => Date; cluster?: ClusterDeps }) {
  const defaults = deps.defaults ?? DEFAULT_WATCHLIST;
  const now = deps.now ?? (() => new Date());
  // The market feed runs on one instance: a change made on any instance must reach it.
  const changedSignal = (deps.cluster ?? localCluster()).signals.channel<Watchlist>("watchlists.changed");

  async function change(userId: string, edit: (tickers: string[]) => string[] | null): Promise<Watchlist> {
    const { row, changed } = await deps.repos.watchlists.update(userId, defaults, now(), (tickers) => {
      const next = edit(tickers);
      if (next === null || (next.length === tickers.length && next.every((t, i) => t === tickers[i]))) return null;
      if (next.length > MAX_WATCHLIST_TICKERS) {
        throw new ServiceError("validation_failed", "the watchlist is full", [{ path: "tickers", message: `at most ${MAX_WATCHLIST_TICKERS} tickers` }]);
      }
      return next;
    });
    const list = toWatchlist(row);
    if (changed) {
      await deps.bus.publish({ type: "watchlist_updated", topic: topics.user(userId), data: list, ephemeral: false });
      changedSignal.emit(list);
    }
    return list;
  }

  return {
    /** The user's list; a user without one gets the defaults (stored, not announced). */
    async get(userId: string): Promise<Watchlist> {
      const row = (await deps.repos.watchlists.find(userId)) ?? (await deps.repos.watchlists.insertIfMissing(userId, defaults, now()));
      return toWatchlist(row);
    },
    /** Replaces the whole list (order kept). */
    replace(userId: string, tickers: readonly string[]): Promise<Watchlist> {
      return change(userId, () => [...new Set(tickers)]);
    },
    /** Appends a ticker (no change when it is already there). */
    add(userId: string, ticker: string): Promise<Watchlist> {
      return change(userId, (tickers) => (tickers.includes(ticker) ? null : [...tickers, ticker]));
    },
    /** Removes a ticker (no change when it is not there). */
    remove(userId: string, ticker: string): Promise<Watchlist> {
      return change(userId, (tickers) => (tickers.includes(ticker) ? tickers.filter((t) => t !== ticker) : null));
    },
    /** Every ticker on anyone's list. */
    allTickers(): Promise<string[]> {
      return deps.repos.watchlists.allTickers();
    },
    /** Called after every stored change on any instance (the market feed starts producing added tickers). Returns a teardown. */
    onChanged(listener: (list: Watchlist) => void): () => void {
      return changedSignal.on(listener);
    },
  };
}

export type WatchlistsService = ReturnType<typeof createWatchlistsService>;

function toWatchlist(row: WatchlistRow): Watchlist {
  return { user_id: row.user_id, tickers: row.tickers, updated_at: row.updated_at.toISOString(), version: row.version };
}
