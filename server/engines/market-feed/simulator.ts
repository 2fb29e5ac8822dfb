// The market simulator (the default MarketFeed): a geometric Brownian motion per ticker with realistic
// volume, seeded for reproducible runs, and now and then a generated `stock_news`. Each timer tick hands
// every ticker's quotes to the market service in one call (one publishMany).
import type { NewsItem, Quote } from "@/lib/protocol/entities/market";
import type { Logger } from "../../log";
import type { MarketEventInput } from "../../services/market";
import type { MarketFeed } from "./feed";
import { generateNews } from "./news";
import { createRandom, hashString, type Random } from "./random";
import { DEFAULT_TICKERS, profileFor, type TickerProfile } from "./tickers";

/** Seconds of trading in a year (252 sessions of 6.5 hours) and in a session. */
const TRADING_SECONDS_PER_YEAR = 252 * 6.5 * 3600;
const TRADING_SECONDS_PER_SESSION = 6.5 * 3600;
/** Timers fire at most this often; faster rates produce several quotes per ticker per tick. */
const MIN_TIMER_MS = 10;

export interface SimulatorOptions {
  /** Where quotes and news go: the market service's `ingest` (the single publisher). */
  ingest(events: MarketEventInput[]): Promise<unknown>;
  log: Logger;
  tickers?: readonly string[];
  /** Same seed, same prices and news (default: a random seed, logged at start). */
  seed?: number;
  /** Quotes per second per ticker (default 10). */
  tickRate?: number;
  /** Mean seconds between two news items, over all tickers (default 20). */
  newsIntervalS?: number;
  /** Simulated trading seconds per real second, so that prices visibly move (default 10). */
  timeScale?: number;
  now?: () => number;
}

interface TickerState {
  profile: TickerProfile;
  random: Random;
  /** Exact price (published rounded to cents). */
  price: number;
  /** Cumulative session volume. */
  volume: number;
}

export interface MarketSimulator extends MarketFeed {
  /** Produces the next quote of every ticker (and the news due) without publishing: tests and `tick`. */
  step(at: number): { quotes: Quote[]; news: NewsItem[] };
  readonly seed: number;
}

export function createMarketSimulator(options: SimulatorOptions): MarketSimulator {
  const seed = options.seed ?? Math.floor(Math.random() * 2 ** 31);
  const tickRate = options.tickRate ?? 10;
  const timeScale = options.timeScale ?? 10;
  const newsMeanMs = (options.newsIntervalS ?? 20) * 1000;
  const now = options.now ?? Date.now;
  const dt = timeScale / (tickRate * TRADING_SECONDS_PER_YEAR);
  const sqrtDt = Math.sqrt(dt);
  const volumePerQuote = timeScale / (tickRate * TRADING_SECONDS_PER_SESSION);
  const stepsPerTimer = Math.max(1, Math.ceil((tickRate * MIN_TIMER_MS) / 1000));
  const timerMs = (1000 * stepsPerTimer) / tickRate;
  const stepMs = 1000 / tickRate;

  const states = new Map<string, TickerState>();
  const newsRandom = createRandom(seed ^ 0x9e3779b9);
  let nextNewsAt: number | null = null;
  let timer: NodeJS.Timeout | null = null;
  let inFlight: Promise<unknown> | null = null;
  let skipped = 0;
  let published = 0;
  let lastPublishAt: number | null = null;

  const add = (ticker: string) => {
    if (states.has(ticker)) return;
    const profile = profileFor(ticker);
    states.set(ticker, { profile, random: createRandom(seed ^ hashString(ticker)), price: profile.price, volume: 0 });
  };
  for (const t of options.tickers ?? DEFAULT_TICKERS) add(t);

  function quoteOf(s: TickerState, at: number): Quote {
    const { drift, volatility } = s.profile;
    s.price *= Math.exp((drift - (volatility * volatility) / 2) * dt + volatility * sqrtDt * s.random.normal());
    // Trade sizes scatter log-normally around the session's average pace, in round lots.
    const traded = Math.max(1, Math.round((s.profile.dailyVolume * volumePerQuote * Math.exp(0.6 * s.random.normal() - 0.18)) / 100)) * 100;
    s.volume += traded;
    const price = round2(s.price);
    const change = round2(price - s.profile.price);
    return {
      ticker: s.profile.ticker,
      price,
      change,
      change_percent: round2((change / s.profile.price) * 100),
      volume: s.volume,
      timestamp: new Date(at).toISOString(),
    };
  }

  function step(at: number): { quotes: Quote[]; news: NewsItem[] } {
    const quotes: Quote[] = [];
    for (const s of states.values()) quotes.push(quoteOf(s, at));
    const news: NewsItem[] = [];
    nextNewsAt ??= at + newsRandom.exponential(newsMeanMs);
    while (at >= nextNewsAt && states.size > 0) {
      const list = [...states.values()];
      news.push(generateNews(list[newsRandom.int(list.length)]!.profile, newsRandom, new Date(at)));
      nextNewsAt += newsRandom.exponential(newsMeanMs);
    }
    return { quotes, news };
  }

  function tick(): void {
    if (inFlight) {
      // The last publish has not settled (storage or bus backpressure): skip rather than pile up.
      skipped += 1;
      if (skipped % 100 === 1) options.log.warn({ skipped }, "market simulator is falling behind; skipping ticks");
      return;
    }
    const base = now();
    const events: MarketEventInput[] = [];
    for (let k = 0; k < stepsPerTimer; k++) {
      const { quotes, news } = step(base - (stepsPerTimer - 1 - k) * stepMs);
      for (const q of quotes) events.push({ type: "market_data", topic: `market:${q.ticker}`, data: q });
      for (const n of news) events.push({ type: "stock_news", topic: `news:${n.ticker}`, data: n });
    }
    if (events.length === 0) return;
    inFlight = options
      .ingest(events)
      .then(() => {
        published += events.length;
        lastPublishAt = now();
      })
      .catch((err: unknown) => options.log.error({ err }, "market simulator could not publish"))
      .finally(() => {
        inFlight = null;
      });
  }

  return {
    seed,
    step,
    start() {
      if (timer) return;
      options.log.info({ seed, tickers: states.size, tick_rate: tickRate }, "market simulator started");
      timer = setInterval(tick, timerMs);
      timer.unref();
    },
    async stop() {
      if (timer) clearInterval(timer);
      timer = null;
      await inFlight;
    },
    subscribe(tickers) {
      for (const t of tickers) add(t);
    },
    tickers: () => [...states.keys()],
    figures: () => ({ running: timer !== null, quotes: published, skipped, last_publish_at: lastPublishAt }),
  };
}

function round2(value: number): number {
  return Math.round(value * 100) / 100;
}
