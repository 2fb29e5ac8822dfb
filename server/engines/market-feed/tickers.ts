// The simulator's default tickers with their starting price, annual drift and volatility, and daily volume.
import { hashString } from "./random";

export interface TickerProfile {
  ticker: string;
  /** Starting price (the session's previous close). */
  price: number;
  /** Annual drift (mu) and volatility (sigma) of the geometric Brownian motion. */
  drift: number;
  volatility: number;
  /** Shares traded in a typical session. */
  dailyVolume: number;
  name: string;
}

export const DEFAULT_TICKER_PROFILES: readonly TickerProfile[] = [
  { ticker: "AAPL", name: "Apple", price: 189.5, drift: 0.08, volatility: 0.24, dailyVolume: 55_000_000 },
  { ticker: "MSFT", name: "Microsoft", price: 410.2, drift: 0.09, volatility: 0.22, dailyVolume: 22_000_000 },
  { ticker: "NVDA", name: "NVIDIA", price: 875.3, drift: 0.15, volatility: 0.48, dailyVolume: 45_000_000 },
  { ticker: "AMZN", name: "Amazon", price: 178.4, drift: 0.1, volatility: 0.3, dailyVolume: 40_000_000 },
  { ticker: "GOOGL", name: "Alphabet", price: 152.1, drift: 0.08, volatility: 0.27, dailyVolume: 25_000_000 },
  { ticker: "META", name: "Meta Platforms", price: 495.6, drift: 0.11, volatility: 0.36, dailyVolume: 15_000_000 },
  { ticker: "TSLA", name: "Tesla", price: 175.8, drift: 0.05, volatility: 0.6, dailyVolume: 95_000_000 },
  { ticker: "BRK.B", name: "Berkshire Hathaway", price: 408.9, drift: 0.07, volatility: 0.16, dailyVolume: 3_500_000 },
  { ticker: "JPM", name: "JPMorgan Chase", price: 195.4, drift: 0.07, volatility: 0.22, dailyVolume: 9_000_000 },
  { ticker: "V", name: "Visa", price: 279.3, drift: 0.07, volatility: 0.19, dailyVolume: 6_500_000 },
  { ticker: "JNJ", name: "Johnson & Johnson", price: 158.2, drift: 0.04, volatility: 0.15, dailyVolume: 7_000_000 },
  { ticker: "WMT", name: "Walmart", price: 60.1, drift: 0.06, volatility: 0.17, dailyVolume: 18_000_000 },
  { ticker: "XOM", name: "Exxon Mobil", price: 112.7, drift: 0.05, volatility: 0.25, dailyVolume: 17_000_000 },
  { ticker: "UNH", name: "UnitedHealth", price: 489.1, drift: 0.06, volatility: 0.21, dailyVolume: 3_800_000 },
  { ticker: "PG", name: "Procter & Gamble", price: 160.9, drift: 0.04, volatility: 0.14, dailyVolume: 6_800_000 },
  { ticker: "MA", name: "Mastercard", price: 468.2, drift: 0.08, volatility: 0.2, dailyVolume: 2_900_000 },
  { ticker: "HD", name: "Home Depot", price: 345.6, drift: 0.06, volatility: 0.22, dailyVolume: 3_600_000 },
  { ticker: "AMD", name: "Advanced Micro Devices", price: 163.4, drift: 0.12, volatility: 0.5, dailyVolume: 60_000_000 },
  { ticker: "NFLX", name: "Netflix", price: 615.5, drift: 0.1, volatility: 0.38, dailyVolume: 4_200_000 },
  { ticker: "KO", name: "Coca-Cola", price: 60.3, drift: 0.04, volatility: 0.13, dailyVolume: 12_000_000 },
];

export const DEFAULT_TICKERS: readonly string[] = DEFAULT_TICKER_PROFILES.map((p) => p.ticker);

/** The profile of a default ticker, or plausible parameters derived from the ticker's name. */
export function profileFor(ticker: string): TickerProfile {
  const known = DEFAULT_TICKER_PROFILES.find((p) => p.ticker === ticker);
  if (known) return known;
  const h = hashString(ticker);
  return {
    ticker,
    name: ticker,
    price: 20 + (h % 48_000) / 100,
    drift: 0.03 + ((h >>> 8) % 100) / 1000,
    volatility: 0.15 + ((h >>> 16) % 400) / 1000,
    dailyVolume: 1_000_000 + ((h >>> 4) % 40) * 1_000_000,
  };
}
