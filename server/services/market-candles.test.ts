// Candle aggregation: OHLC per second and minute, volume from the session's cumulative volume, late
// quotes, and the bounded ring.
import { describe, expect, it } from "vitest";
import type { Quote } from "@/lib/protocol/entities/market";
import { createCandleStore } from "./market-candles";

const T0 = Date.parse("2026-11-22T10:00:00.000Z") / 1000;
const q = (second: number, price: number, volume: number, ticker = "AAPL", ms = 0): Quote => ({
  ticker,
  price,
  change: 0,
  change_percent: 0,
  volume,
  timestamp: new Date((T0 + second) * 1000 + ms).toISOString(),
});

describe("candle store", () => {
  it("builds 1 s candles: open, high, low, close and the volume traded", () => {
    const store = createCandleStore();
    store.add([q(0, 10, 1000), q(0, 12, 1100, "AAPL", 300), q(0, 9, 1250, "AAPL", 600), q(0, 11, 1300, "AAPL", 900), q(1, 11.5, 1400)]);
    expect(store.list("AAPL", "1s")).toEqual([
      { time: T0, open: 10, high: 12, low: 9, close: 11, volume: 300 },
      { time: T0 + 1, open: 11.5, high: 11.5, low: 11.5, close: 11.5, volume: 100 },
    ]);
  });

  it("builds 1 m candles aligned to the minute, per ticker", () => {
    const store = createCandleStore();
    store.add([q(0, 10, 0), q(30, 14, 50), q(59, 13, 70), q(60, 13.5, 100), q(5, 99, 10, "MSFT")]);
    expect(store.list("AAPL", "1m")).toEqual([
      { time: T0, open: 10, high: 14, low: 10, close: 13, volume: 70 },
      { time: T0 + 60, open: 13.5, high: 13.5, low: 13.5, close: 13.5, volume: 30 },
    ]);
    expect(store.list("MSFT", "1m")).toHaveLength(1);
    expect(store.list("NOPE", "1m")).toEqual([]);
    expect(store.tickers().sort()).toEqual(["AAPL", "MSFT"]);
  });

  it("counts a falling cumulative volume (a new session) as the quote's own volume and drops late quotes", () => {
    const store = createCandleStore();
    store.add([q(0, 10, 5000), q(1, 10, 5200), q(1, 10, 40), q(0, 50, 6000)]);
    const candles = store.list("AAPL", "1s");
    expect(candles.map((c) => c.volume)).toEqual([0, 240]);
    expect(candles.every((c) => c.high < 50)).toBe(true);
  });

  it("keeps only the newest candles up to its capacity, oldest first, and honours limit", () => {
    const store = createCandleStore({ capacity: { "1s": 3 } });
    store.add(Array.from({ length: 10 }, (_, i) => q(i, 100 + i, i * 10)));
    expect(store.list("AAPL", "1s").map((c) => c.time - T0)).toEqual([7, 8, 9]);
    expect(store.list("AAPL", "1s", 2).map((c) => c.close)).toEqual([108, 109]);
  });
});
