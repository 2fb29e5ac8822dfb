// Market patchers: latest quote per ticker, tick series and watchlist map when loaded (quotes may come
// conflated: one batch of several tickers on `market:*`), news feeds, and the user's watchlist (versioned).
import type { QueryClient } from "@tanstack/react-query";
import type { NewsItem, Quote, Watchlist } from "@/lib/protocol/entities/market";
import { queryKeys } from "../keys";
import { appendToSeries, prependToFeed, updateIfLoaded, type PatcherMap } from "./types";

/** Ticks kept in `queryKeys.market.ticks(ticker)`. */
export const TICKS_CAP = 500;
export const NEWS_CAP = 200;

/** Applies quotes of one ticker, oldest first. */
export function applyQuotes(qc: QueryClient, quotes: readonly Quote[]): void {
  const byTicker = new Map<string, Quote[]>();
  for (const q of quotes) {
    const list = byTicker.get(q.ticker);
    if (list) list.push(q);
    else byTicker.set(q.ticker, [q]);
  }
  for (const [ticker, list] of byTicker) {
    const latest = list[list.length - 1]!;
    qc.setQueryData<Quote>(queryKeys.market.quote(ticker), (old) => (old && old.timestamp > latest.timestamp ? old : latest));
    appendToSeries<Quote>(qc, queryKeys.market.ticks(ticker), list, TICKS_CAP, (a, b) => a.timestamp === b.timestamp);
    updateIfLoaded<Record<string, Quote>>(qc, queryKeys.market.quotes(), (map) => {
      const held = map[ticker];
      return held && held.timestamp > latest.timestamp ? map : { ...map, [ticker]: latest };
    });
  }
}

/** Adds news (oldest first) to the ticker's news list, newest first, when loaded. */
export function applyNews(qc: QueryClient, items: readonly NewsItem[]): void {
  const byTicker = new Map<string, NewsItem[]>();
  for (const n of items) byTicker.set(n.ticker, [...(byTicker.get(n.ticker) ?? []), n]);
  for (const [ticker, list] of byTicker) prependToFeed(qc, queryKeys.news.list(ticker), list, NEWS_CAP);
  prependToFeed(qc, queryKeys.news.recent(), items, NEWS_CAP);
}

/** Keeps the newer watchlist (by version); an optimistic copy holds its base version, so a push replaces it. */
export function applyWatchlist(qc: QueryClient, list: Watchlist): void {
  qc.setQueryData<Watchlist>(queryKeys.watchlist(), (old) => (old && old.user_id === list.user_id && old.version >= list.version ? old : list));
}

export const marketPatchers: PatcherMap = {
  market_data: (qc, e) => applyQuotes(qc, [e.data]),
  market_data_batch: (qc, e) => applyQuotes(qc, e.data),
  stock_news: (qc, e) => applyNews(qc, [e.data]),
  stock_news_batch: (qc, e) => applyNews(qc, e.data),
  watchlist_updated: (qc, e) => applyWatchlist(qc, e.data),
};
