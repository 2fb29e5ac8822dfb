// Which holders a pushed event reaches: its own topic, or for a conflated market batch on `market:*`,
// the `market:{TICKER}` of any of its quotes.
import { describe, expect, it } from "vitest";
import { parsePattern, type TopicPattern } from "@/lib/protocol/topics";
import { holdsEvent } from "./client";

const patterns = (...list: string[]) => list.map((p) => parsePattern(p)!) as TopicPattern[];
const q = (ticker: string) => ({ ticker, price: 1, change: 0, change_percent: 0, volume: 1, timestamp: "2026-11-22T10:00:00.000Z" });
const batch = (topic: string, ...tickers: string[]) => ({ type: "market_data_batch", topic, ts: "2026-11-22T10:00:00.000Z", data: tickers.map(q) });

describe("holdsEvent", () => {
  it("delivers a conflated batch to holders of any of its tickers, market:* and *", () => {
    const event = batch("market:*", "AAPL", "MSFT");
    expect(holdsEvent(patterns("market:MSFT"), event)).toBe(true);
    expect(holdsEvent(patterns("jobs", "market:AAPL"), event)).toBe(true);
    expect(holdsEvent(patterns("market:*"), event)).toBe(true);
    expect(holdsEvent(patterns("*"), event)).toBe(true);
    expect(holdsEvent(patterns("market:TSLA", "news:AAPL"), event)).toBe(false);
  });

  it("matches other events on their own topic", () => {
    expect(holdsEvent(patterns("market:AAPL"), batch("market:AAPL", "AAPL"))).toBe(true);
    expect(holdsEvent(patterns("market:MSFT"), batch("market:AAPL", "AAPL"))).toBe(false);
    expect(holdsEvent(patterns("jobs:*"), { type: "processing_job_status", topic: "jobs:j1", ts: "x", data: {} })).toBe(true);
  });
});
