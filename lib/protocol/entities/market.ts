// Market data (topics `market:{TICKER}`, `news:{TICKER}`, ephemeral): quotes and news.
import { z } from "zod";
import { entityIdSchema, entityVersionSchema, isoDateTimeSchema, nonNegativeSchema, tickerSchema } from "./common";

export const quoteSchema = z.object({
  ticker: tickerSchema,
  price: nonNegativeSchema,
  change: z.number(),
  change_percent: z.number(),
  volume: z.number().int().min(0),
  timestamp: isoDateTimeSchema,
});
export type Quote = z.infer<typeof quoteSchema>;

export const newsItemSchema = z.object({
  id: entityIdSchema,
  title: z.string().min(1),
  content: z.string(),
  ticker: tickerSchema,
  published_at: isoDateTimeSchema,
});
export type NewsItem = z.infer<typeof newsItemSchema>;

/** Largest batch one event may carry. */
export const MAX_BATCH_ITEMS = 1000;

export const marketDataSchema = quoteSchema;
/** `market_data_batch`: quotes of the topic's ticker, oldest first. */
export const marketDataBatchSchema = z.array(quoteSchema).min(1).max(MAX_BATCH_ITEMS);
export const stockNewsSchema = newsItemSchema;
/** `stock_news_batch`: news of the topic's ticker, oldest first. */
export const stockNewsBatchSchema = z.array(newsItemSchema).min(1).max(MAX_BATCH_ITEMS);

/**
 * Topic of a conflated `market_data_batch`: the hub sends each socket at most one batch per 100 ms
 * with the latest quote of every ticker it holds; with quotes of several tickers the batch travels on
 * this topic (a wire-only topic: it cannot be published or subscribed to; subscribe to `market:*`).
 */
export const CONFLATED_MARKET_TOPIC = "market:*";

/** Most tickers one watchlist may hold. */
export const MAX_WATCHLIST_TICKERS = 50;

/** A user's watchlist: the tickers of the market page, in the user's order. */
export const watchlistSchema = z.object({
  user_id: entityIdSchema,
  tickers: z.array(tickerSchema).max(MAX_WATCHLIST_TICKERS),
  updated_at: isoDateTimeSchema,
  version: entityVersionSchema,
});
export type Watchlist = z.infer<typeof watchlistSchema>;
/** `watchlist_updated` (topic `user:{user_id}`): the whole list after a change, to every socket of the user. */
export const watchlistUpdatedSchema = watchlistSchema;
