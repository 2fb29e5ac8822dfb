// Candles: 1-second and 1-minute OHLCV candles per ticker built from every quote, kept in bounded rings
// (typed arrays) in memory for the last few hours.
import type { Candle, CandleInterval } from "@/lib/api/market";
import type { Quote } from "@/lib/protocol/entities/market";

export interface CandleStoreOptions {
  /** Candles kept per ticker and interval (default: 2 hours of 1 s, 12 hours of 1 m). */
  capacity?: Partial<Record<CandleInterval, number>>;
  /** Tickers tracked at most (past it, the first one seen is dropped). */
  maxTickers?: number;
}

const DEFAULT_CAPACITY: Record<CandleInterval, number> = { "1s": 2 * 3600, "1m": 12 * 60 };
const SECONDS: Record<CandleInterval, number> = { "1s": 1, "1m": 60 };

/** A ring of candles of one ticker at one interval, oldest first. */
class CandleRing {
  private readonly time: Float64Array;
  private readonly ohlcv: Float64Array;
  private start = 0;
  private size = 0;

  constructor(private readonly capacity: number) {
    this.time = new Float64Array(capacity);
    this.ohlcv = new Float64Array(capacity * 5);
  }

  add(bucket: number, price: number, volume: number): void {
    if (this.size > 0) {
      const last = (this.start + this.size - 1) % this.capacity;
      const lastTime = this.time[last]!;
      if (bucket === lastTime) {
        const o = last * 5;
        if (price > this.ohlcv[o + 1]!) this.ohlcv[o + 1] = price;
        if (price < this.ohlcv[o + 2]!) this.ohlcv[o + 2] = price;
        this.ohlcv[o + 3] = price;
        this.ohlcv[o + 4]! += volume;
        return;
      }
      // A late quote for a closed candle is dropped: candles only grow forward.
      if (bucket < lastTime) return;
    }
    let slot: number;
    if (this.size < this.capacity) {
      slot = (this.start + this.size) % this.capacity;
      this.size += 1;
    } else {
      slot = this.start;
      this.start = (this.start + 1) % this.capacity;
    }
    this.time[slot] = bucket;
    const o = slot * 5;
    this.ohlcv[o] = price;
    this.ohlcv[o + 1] = price;
    this.ohlcv[o + 2] = price;
    this.ohlcv[o + 3] = price;
    this.ohlcv[o + 4] = volume;
  }

  /** The newest `limit` candles, oldest first. */
  list(limit: number): Candle[] {
    const n = Math.min(limit, this.size);
    const out: Candle[] = new Array(n);
    for (let i = 0; i < n; i++) {
      const slot = (this.start + this.size - n + i) % this.capacity;
      const o = slot * 5;
      out[i] = { time: this.time[slot]!, open: this.ohlcv[o]!, high: this.ohlcv[o + 1]!, low: this.ohlcv[o + 2]!, close: this.ohlcv[o + 3]!, volume: this.ohlcv[o + 4]! };
    }
    return out;
  }
}

interface TickerCandles {
  rings: Record<CandleInterval, CandleRing>;
  /** The last cumulative volume seen, to turn a quote's session volume into traded volume. */
  lastVolume: number | null;
}

export interface CandleStore {
  /** Folds quotes (any tickers, oldest first) into the candles. */
  add(quotes: readonly Quote[]): void;
  /** The newest candles of a ticker, oldest first (empty for an unknown ticker). */
  list(ticker: string, interval: CandleInterval, limit?: number): Candle[];
  tickers(): string[];
}

/**
 * `Quote.volume` is the session's cumulative volume (as market feeds report it): a candle's volume is
 * the growth of that figure during the candle. A volume that falls (a new session, another source)
 * counts as the quote's own volume.
 */
export function createCandleStore(options: CandleStoreOptions = {}): CandleStore {
  const capacity = { ...DEFAULT_CAPACITY, ...options.capacity };
  const maxTickers = options.maxTickers ?? 2_000;
  const byTicker = new Map<string, TickerCandles>();

  function entryFor(ticker: string): TickerCandles {
    let entry = byTicker.get(ticker);
    if (entry) return entry;
    if (byTicker.size >= maxTickers) {
      const oldest = byTicker.keys().next().value;
      if (oldest !== undefined) byTicker.delete(oldest);
    }
    entry = { rings: { "1s": new CandleRing(capacity["1s"]), "1m": new CandleRing(capacity["1m"]) }, lastVolume: null };
    byTicker.set(ticker, entry);
    return entry;
  }

  return {
    add(quotes) {
      for (const q of quotes) {
        const ms = Date.parse(q.timestamp);
        if (!Number.isFinite(ms)) continue;
        const entry = entryFor(q.ticker);
        const traded = entry.lastVolume === null ? 0 : q.volume >= entry.lastVolume ? q.volume - entry.lastVolume : q.volume;
        entry.lastVolume = q.volume;
        const seconds = Math.floor(ms / 1000);
        entry.rings["1s"].add(seconds, q.price, traded);
        entry.rings["1m"].add(seconds - (seconds % SECONDS["1m"]), q.price, traded);
      }
    },
    list(ticker, interval, limit = capacity[interval]) {
      return byTicker.get(ticker)?.rings[interval].list(limit) ?? [];
    },
    tickers: () => [...byTicker.keys()],
  };
}
