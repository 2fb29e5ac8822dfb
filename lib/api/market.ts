// REST shapes of the market routes: candles, the quotes snapshot, news, known tickers and the watchlist.
import { z } from "zod";
import { tickerSchema } from "@/lib/protocol/entities/common";
import { MAX_WATCHLIST_TICKERS, type NewsItem, type Quote, type Watchlist } from "@/lib/protocol/entities/market";

export const CANDLE_INTERVALS = ["1s", "1m"] as const;
export type CandleInterval = (typeof CANDLE_INTERVALS)[number];
export const CANDLE_SECONDS: Record<CandleInterval, number> = { "1s": 1, "1m": 60 };

/** One OHLCV candle; `time` is the start of its interval in Unix seconds (what charting libraries take). */
export interface Candle {
  time: number;
  open: number;
  high: number;
  low: number;
  close: number;
  volume: number;
}

export interface CandlesResponse {
  ticker: string;
  interval: CandleInterval;
  items: Candle[];
}

export const candlesQuery = z.object({
  ticker: tickerSchema,
  interval: z.enum(CANDLE_INTERVALS).default("1m"),
  limit: z.coerce.number().int().min(1).max(10_000).optional(),
});

/** `?tickers=AAPL,MSFT` (all known tickers when left out). */
export const quotesQuery = z.object({
  tickers: z
    .string()
    .optional()
    .transform((v) => (v ? v.split(",").map((t) => t.trim()).filter(Boolean) : undefined))
    .pipe(z.array(tickerSchema).max(500).optional()),
});

export const newsQuery = z.object({
  ticker: tickerSchema.optional(),
  limit: z.coerce.number().int().min(1).max(200).default(50),
});

/** Tickers as users type them: trimmed and upper-cased before the ticker check. */
const tickerInput = z.string().trim().toUpperCase().pipe(tickerSchema);

export const watchlistPutBody = z.object({
  tickers: z
    .array(tickerInput)
    .max(MAX_WATCHLIST_TICKERS, `at most ${MAX_WATCHLIST_TICKERS} tickers`)
    .refine((list) => new Set(list).size === list.length, "a ticker appears twice"),
});
export const watchlistTickerParam = tickerInput;

export interface QuotesResponse {
  items: Record<string, Quote>;
}
export interface NewsResponse {
  items: NewsItem[];
  next_cursor: null;
}
export interface TickersResponse {
  items: string[];
}
export type WatchlistResponse = Watchlist;
