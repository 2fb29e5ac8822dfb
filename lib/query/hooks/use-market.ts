"use client";
// Market data hooks: the user's watchlist (add/remove shown at once from the pending edits, confirmed by
// the answer and the pushed `watchlist_updated`), the quotes snapshot patched live, tick series for
// sparklines, candles, known tickers and recent news.
import * as React from "react";
import { useMutation, useMutationState, useQuery, useQueryClient, type QueryClient } from "@tanstack/react-query";
import { toast } from "sonner";

import type { CandleInterval, CandlesResponse, NewsResponse, QuotesResponse, TickersResponse } from "@/lib/api/market";
import type { Quote, Watchlist } from "@/lib/protocol/entities/market";
import { apiFetch } from "../fetchers";
import { queryKeys } from "../keys";
import { applyWatchlist, TICKS_CAP } from "../patchers";

const WATCHLIST_EDIT = ["watchlist", "edit"] as const;

export type WatchlistEdit = { op: "add" | "remove"; ticker: string };

/** A watchlist row: a ticker, `pending` while its addition is not confirmed. */
export interface WatchlistEntry {
  ticker: string;
  pending: boolean;
}

/** The user's watchlist as stored (the newer version wins over a fetch that started before a push). */
export function useWatchlist() {
  const qc = useQueryClient();
  return useQuery<Watchlist>({
    queryKey: queryKeys.watchlist(),
    queryFn: async ({ signal }) => {
      const fetched = await apiFetch<Watchlist>("/api/market/watchlist", { signal });
      const held = qc.getQueryData<Watchlist>(queryKeys.watchlist());
      return held && held.user_id === fetched.user_id && held.version > fetched.version ? held : fetched;
    },
    staleTime: Infinity,
  });
}

/** The watchlist as the user sees it: the stored list with the edits in flight applied on top. */
export function useWatchlistEntries(): { entries: WatchlistEntry[]; query: ReturnType<typeof useWatchlist> } {
  const query = useWatchlist();
  const edits = useMutationState<WatchlistEdit>({
    filters: { mutationKey: WATCHLIST_EDIT, status: "pending" },
    select: (m) => m.state.variables as WatchlistEdit,
  });
  const tickers = query.data?.tickers;
  const entries = React.useMemo(() => applyEdits(tickers ?? [], edits), [tickers, edits]);
  return { entries, query };
}

/** Pure: the stored tickers with pending edits applied, in order. */
export function applyEdits(tickers: readonly string[], edits: readonly WatchlistEdit[]): WatchlistEntry[] {
  const entries: WatchlistEntry[] = tickers.map((ticker) => ({ ticker, pending: false }));
  for (const edit of edits) {
    const at = entries.findIndex((e) => e.ticker === edit.ticker);
    if (edit.op === "add" && at === -1) entries.push({ ticker: edit.ticker, pending: true });
    if (edit.op === "remove" && at !== -1) entries.splice(at, 1);
  }
  return entries;
}

/** Adds or removes a ticker; shown at once, undone with a toast when the server refuses. */
export function useEditWatchlist() {
  const qc = useQueryClient();
  return useMutation<Watchlist, Error, WatchlistEdit>({
    mutationKey: WATCHLIST_EDIT,
    mutationFn: ({ op, ticker }) => apiFetch<Watchlist>(`/api/market/watchlist/${encodeURIComponent(ticker)}`, { method: op === "add" ? "POST" : "DELETE" }),
    onMutate: async () => {
      await qc.cancelQueries({ queryKey: queryKeys.watchlist() });
    },
    onSuccess: (list) => applyWatchlist(qc, list),
    onError: (err, { op, ticker }) => {
      toast.error(`Could not ${op === "add" ? "add" : "remove"} ${ticker}: ${err.message}`);
    },
  });
}

const quotesKey = queryKeys.market.quotes();

async function fetchQuotes(qc: QueryClient, signal: AbortSignal): Promise<Record<string, Quote>> {
  const { items } = await apiFetch<QuotesResponse>("/api/market/quotes", { signal });
  // A pushed quote newer than the snapshot wins.
  const held = qc.getQueryData<Record<string, Quote>>(quotesKey) ?? {};
  const merged = { ...items };
  for (const [ticker, q] of Object.entries(held)) if (!merged[ticker] || merged[ticker].timestamp < q.timestamp) merged[ticker] = q;
  return merged;
}

/** The latest quote of one ticker, from the live-patched snapshot of every ticker. */
export function useQuote(ticker: string) {
  const qc = useQueryClient();
  return useQuery({
    queryKey: quotesKey,
    queryFn: ({ signal }) => fetchQuotes(qc, signal),
    staleTime: Infinity,
    select: React.useCallback((all: Record<string, Quote>) => all[ticker] ?? null, [ticker]),
  });
}

/** Recent prices of a ticker for its sparkline: the last minute of 1 s closes, then every pushed quote. */
export function useTicks(ticker: string) {
  return useQuery<Pick<Quote, "price" | "timestamp">[]>({
    queryKey: queryKeys.market.ticks(ticker),
    queryFn: async ({ signal }) => {
      const { items } = await apiFetch<CandlesResponse>("/api/market/candles", { query: { ticker, interval: "1s", limit: 60 }, signal });
      return items.map((c) => ({ price: c.close, timestamp: new Date(c.time * 1000).toISOString() })).slice(-TICKS_CAP);
    },
    staleTime: Infinity,
  });
}

/** A ticker's candles at an interval, fetched once; the chart adds live quotes itself. */
export function useCandles(ticker: string | null, interval: CandleInterval) {
  return useQuery<CandlesResponse>({
    queryKey: queryKeys.market.candles(ticker ?? "", interval),
    queryFn: ({ signal }) => apiFetch<CandlesResponse>("/api/market/candles", { query: { ticker: ticker!, interval }, signal }),
    enabled: ticker !== null,
    staleTime: Infinity,
    refetchOnWindowFocus: false,
  });
}

/** Every known ticker (for the add-ticker picker). */
export function useTickers() {
  return useQuery<string[]>({
    queryKey: queryKeys.market.tickers(),
    queryFn: async ({ signal }) => (await apiFetch<TickersResponse>("/api/market/tickers", { signal })).items,
    staleTime: 60_000,
  });
}

/** Recent news of every ticker, newest first; pushed `stock_news` enters it. Subscribe to `news:*` beside it. */
export function useRecentNews() {
  return useQuery<NewsResponse>({
    queryKey: queryKeys.news.recent(),
    queryFn: ({ signal }) => apiFetch<NewsResponse>("/api/market/news", { query: { limit: 50 }, signal }),
    staleTime: Infinity,
  });
}
