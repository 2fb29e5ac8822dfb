// The simulator's statistics with a fixed seed: reproducible, log returns match the GBM's drift and
// volatility, volume grows in round lots, news arrives at about its mean interval.
import { describe, expect, it } from "vitest";
import type { Quote } from "@/lib/protocol/entities/market";
import { quoteSchema, newsItemSchema } from "@/lib/protocol/entities/market";
import { createLogger } from "../../log";
import type { MarketEventInput } from "../../services/market";
import { createMarketSimulator } from "./simulator";
import { createRandom } from "./random";

const log = createLogger("silent");
const T0 = Date.parse("2026-11-22T10:00:00.000Z");
const noIngest = async () => [];

function run(seed: number, steps: number, options: { tickers?: string[]; tickRate?: number; timeScale?: number } = {}) {
  const sim = createMarketSimulator({ ingest: noIngest, log, seed, tickers: options.tickers ?? ["AAPL", "TSLA"], tickRate: options.tickRate ?? 10, timeScale: options.timeScale });
  const quotes: Quote[][] = [];
  for (let i = 0; i < steps; i++) quotes.push(sim.step(T0 + i * 100).quotes);
  return quotes;
}

describe("random source", () => {
  it("draws standard normals with mean 0 and deviation 1", () => {
    const r = createRandom(7);
    const xs = Array.from({ length: 50_000 }, () => r.normal());
    const mean = xs.reduce((a, b) => a + b, 0) / xs.length;
    const sd = Math.sqrt(xs.reduce((a, b) => a + (b - mean) ** 2, 0) / xs.length);
    expect(Math.abs(mean)).toBeLessThan(0.02);
    expect(Math.abs(sd - 1)).toBeLessThan(0.02);
  });
});

describe("market simulator", () => {
  it("gives the same quotes for the same seed, and others for another seed", () => {
    expect(run(42, 50)).toEqual(run(42, 50));
    expect(run(42, 50)).not.toEqual(run(43, 50));
  });

  it("keeps a ticker's path when other tickers are added", () => {
    const alone = run(5, 30, { tickers: ["AAPL"] }).map((q) => q[0]!.price);
    const together = run(5, 30, { tickers: ["MSFT", "AAPL", "KO"] }).map((q) => q.find((x) => x.ticker === "AAPL")!.price);
    expect(together).toEqual(alone);
  });

  it("moves prices as a geometric Brownian motion with the ticker's volatility", () => {
    // TSLA: sigma 0.6, mu 0.05 a year. With a large time scale the drift is visible too.
    const timeScale = 2_000;
    const steps = 20_000;
    const prices: number[] = [];
    const sim = createMarketSimulator({ ingest: noIngest, log, seed: 11, tickers: ["TSLA"], tickRate: 10, timeScale });
    for (let i = 0; i < steps; i++) prices.push(sim.step(T0 + i * 100).quotes[0]!.price);
    const returns = prices.slice(1).map((p, i) => Math.log(p / prices[i]!));
    const mean = returns.reduce((a, b) => a + b, 0) / returns.length;
    const sd = Math.sqrt(returns.reduce((a, b) => a + (b - mean) ** 2, 0) / returns.length);
    const dt = timeScale / (10 * 252 * 6.5 * 3600);
    expect(sd / Math.sqrt(dt)).toBeGreaterThan(0.6 * 0.95);
    expect(sd / Math.sqrt(dt)).toBeLessThan(0.6 * 1.05);
    // The mean log return is (mu - sigma^2/2) dt, within a few standard errors.
    const expected = (0.05 - 0.18) * dt;
    expect(Math.abs(mean - expected)).toBeLessThan((4 * sd) / Math.sqrt(returns.length));
  });

  it("publishes valid quotes: cents, change from the previous close, growing volume in round lots", () => {
    const quotes = run(3, 200).map((q) => q[0]!);
    for (const q of quotes) {
      expect(quoteSchema.safeParse(q).success).toBe(true);
      expect(Math.round(q.price * 100) / 100).toBe(q.price);
      expect(q.change).toBeCloseTo(q.price - 189.5, 2);
      expect(q.change_percent).toBeCloseTo(((q.price - 189.5) / 189.5) * 100, 1);
      expect(q.volume % 100).toBe(0);
    }
    for (let i = 1; i < quotes.length; i++) expect(quotes[i]!.volume).toBeGreaterThan(quotes[i - 1]!.volume);
    // AAPL trades about 55M shares a session: at 10 quotes/s and a time scale of 10, ~2,350 per quote.
    const perQuote = (quotes.at(-1)!.volume - quotes[0]!.volume) / (quotes.length - 1);
    expect(perQuote).toBeGreaterThan(1_500);
    expect(perQuote).toBeLessThan(3_500);
  });

  it("generates valid news at about the mean interval", () => {
    const sim = createMarketSimulator({ ingest: noIngest, log, seed: 9, tickers: ["AAPL", "KO"], newsIntervalS: 10 });
    let count = 0;
    for (let i = 0; i <= 36_000; i++) {
      for (const n of sim.step(T0 + i * 100).news) {
        expect(newsItemSchema.safeParse(n).success).toBe(true);
        count += 1;
      }
    }
    // One hour at a mean of 10 s: about 360.
    expect(count).toBeGreaterThan(300);
    expect(count).toBeLessThan(420);
  });

  it("hands every tick's quotes to the service in one call, and adds subscribed tickers", async () => {
    const calls: MarketEventInput[][] = [];
    const sim = createMarketSimulator({ ingest: async (events) => calls.push(events), log, seed: 1, tickers: ["AAPL", "MSFT"], tickRate: 10 });
    sim.subscribe(["ZZZ", "AAPL"]);
    expect(sim.tickers()).toEqual(["AAPL", "MSFT", "ZZZ"]);
    sim.start();
    await expect.poll(() => calls.length, { timeout: 2_000 }).toBeGreaterThan(1);
    await sim.stop();
    const first = calls[0]!.filter((e) => e.type === "market_data");
    expect(first.map((e) => e.topic).sort()).toEqual(["market:AAPL", "market:MSFT", "market:ZZZ"]);
  });
});
