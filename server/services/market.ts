// Market service: quotes and news (ephemeral). Keeps the latest value per topic and type in storage so
// a restart still shows the last prices, and publishes each one. The simulator and outside providers
// (POST /api/events) both come through here. Every quote also feeds the candles, the latest quote per
// ticker and the recent news kept in memory for the market routes. Those views follow the bus, so
// every instance of a cluster shows the quotes of the one instance that runs the feed.
import type { CandleInterval } from "@/lib/api/market";
import type { NewsItem, Quote } from "@/lib/protocol/entities/market";
import type { Bus, BusEvent } from "../bus/bus";
import type { Repositories } from "../storage/repositories";
import { createCandleStore, type CandleStore } from "./market-candles";

export const MARKET_EVENT_TYPES = ["market_data", "market_data_batch", "stock_news", "stock_news_batch"] as const;
export type MarketEventType = (typeof MARKET_EVENT_TYPES)[number];

export interface MarketEventInput {
  type: MarketEventType;
  topic: string;
  data: unknown;
}

/** News kept in memory per ticker for `GET /api/market/news`. */
export const NEWS_PER_TICKER = 50;

export function createMarketService(deps: { repos: Repositories; bus: Bus; now?: () => Date; flushMs?: number; candles?: CandleStore }) {
  const now = deps.now ?? (() => new Date());
  const candles = deps.candles ?? createCandleStore();
  const quotes = new Map<string, Quote>();
  const news = new Map<string, NewsItem[]>();
  const known = new Set<string>();
  let storedLoaded: Promise<void> | null = null;
  /** Folds a published event into the in-memory views (candles, latest quote, recent news). */
  const remember = (e: MarketEventInput) => {
    if (e.type === "market_data" || e.type === "market_data_batch") {
      const list = (e.type === "market_data" ? [e.data] : e.data) as Quote[];
      candles.add(list);
      for (const q of list) {
        const held = quotes.get(q.ticker);
        if (!held || held.timestamp <= q.timestamp) quotes.set(q.ticker, q);
        known.add(q.ticker);
      }
    } else {
      const list = (e.type === "stock_news" ? [e.data] : e.data) as NewsItem[];
      for (const n of list) {
        const feed = news.get(n.ticker) ?? [];
        feed.unshift(n);
        if (feed.length > NEWS_PER_TICKER) feed.length = NEWS_PER_TICKER;
        news.set(n.ticker, feed);
        known.add(n.ticker);
      }
    }
  };
  // Quotes arrive many times a second; storage keeps only the latest per topic and type, written
  // behind in one statement per interval (the bus already has the latest value for live readers).
  const pending = new Map<string, { topic: string; type: string; data: unknown }>();
  let flushing: Promise<void> = Promise.resolve();
  const flush = () => {
    if (pending.size === 0) return flushing;
    const batch = [...pending.values()];
    pending.clear();
    flushing = flushing.then(() => deps.repos.latestValues.upsertMany(batch, now())).catch(() => {
      for (const v of batch) if (!pending.has(`${v.topic}\u0000${v.type}`)) pending.set(`${v.topic}\u0000${v.type}`, v);
    });
    return flushing;
  };
  const timer = setInterval(() => void flush(), deps.flushMs ?? 1_000);
  timer.unref();
  const stopFollowing = deps.bus.subscribe((event) => {
    if (isMarketEventType(event.type)) remember(event as MarketEventInput);
  });
  // After a restart the stored latest values seed the quotes and news (once, on first read).
  const loadStored = () =>
    (storedLoaded ??= deps.repos.latestValues
      .listByTopicPrefix("")
      .then((rows) => {
        for (const row of rows) {
          if (!row.topic.startsWith("market:") && !row.topic.startsWith("news:")) continue;
          const data = typeof row.data === "string" ? (JSON.parse(row.data) as unknown) : row.data;
          const type = row.type as MarketEventType;
          if (!isMarketEventType(type)) continue;
          const list = (Array.isArray(data) ? data : [data]) as (Quote | NewsItem)[];
          for (const item of list) {
            if (type === "market_data" || type === "market_data_batch") {
              const q = item as Quote;
              if (!quotes.has(q.ticker)) quotes.set(q.ticker, q);
              known.add(q.ticker);
            } else {
              const n = item as NewsItem;
              if (!news.has(n.ticker)) news.set(n.ticker, [n]);
              known.add(n.ticker);
            }
          }
        }
      })
      .catch(() => {
        storedLoaded = null;
      }));

  return {
    /** Publishes every event, in order, and keeps the latest values for storage. */
    async ingest(events: MarketEventInput[]): Promise<BusEvent[]> {
      for (const e of events) {
        pending.set(`${e.topic}\u0000${e.type}`, { topic: e.topic, type: e.type, data: e.data });
      }
      return deps.bus.publishMany(events.map((e) => ({ ...e, ephemeral: true })));
    },
    /** Tickers a feed produces (so the market page lists them before their first quote). */
    addKnownTickers(tickers: readonly string[]) {
      for (const t of tickers) known.add(t);
    },
    /** Every ticker known: from the feed, quotes and news seen, and the stored latest values. */
    async tickers(): Promise<string[]> {
      await loadStored();
      return [...known].sort();
    },
    /** The latest quote per ticker (all known, or `tickers`), including the stored ones from before a restart. */
    async quotes(tickers?: readonly string[]): Promise<Record<string, Quote>> {
      await loadStored();
      const out: Record<string, Quote> = {};
      for (const t of tickers ?? [...quotes.keys()].sort()) {
        const q = quotes.get(t);
        if (q) out[t] = q;
      }
      return out;
    },
    /** Recent news, newest first: one ticker's, or every ticker's. */
    async news(ticker: string | undefined, limit: number): Promise<NewsItem[]> {
      await loadStored();
      const lists = ticker ? [news.get(ticker) ?? []] : [...news.values()];
      return lists
        .flat()
        .sort((a, b) => (a.published_at < b.published_at ? 1 : a.published_at > b.published_at ? -1 : 0))
        .slice(0, limit);
    },
    candles(ticker: string, interval: CandleInterval, limit?: number) {
      return candles.list(ticker, interval, limit);
    },
    /** The stored latest values under a topic prefix (`market:` or `news:`), including unwritten ones. */
    async latest(prefix: "market:" | "news:") {
      await flush();
      return deps.repos.latestValues.listByTopicPrefix(prefix);
    },
    /** Writes what is pending and stops the timer (shutdown). */
    async stop() {
      stopFollowing();
      clearInterval(timer);
      await flush();
    },
  };
}

export type MarketService = ReturnType<typeof createMarketService>;

export function isMarketEventType(type: string): type is MarketEventType {
  return (MARKET_EVENT_TYPES as readonly string[]).includes(type);
}
