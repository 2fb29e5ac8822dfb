// Market data (topics `market:{TICKER}`, `news:{TICKER}`, ephemeral): quotes and news.
import { z } from "zod";
import { entityIdSchema, isoDateTimeSchema, nonNegativeSchema, tickerSchema } from "./common";

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
