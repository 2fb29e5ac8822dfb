// Live candles on the chart: a quote grows the current candle, starts the next one, or is too old.
import { describe, expect, it } from "vitest";
import { advance } from "./price-chart";

const T0 = Date.parse("2026-11-22T10:00:00.000Z") / 1000;
const q = (second: number, price: number) => ({ ticker: "AAPL", price, change: 0, change_percent: 0, volume: 1, timestamp: new Date((T0 + second) * 1000).toISOString() });

describe("advance", () => {
  it("grows the current candle and starts the next one at its interval", () => {
    let c = advance(null, q(0, 10), 60)!;
    c = advance(c, q(20, 12), 60)!;
    c = advance(c, q(40, 9), 60)!;
    expect(c).toMatchObject({ time: T0, open: 10, high: 12, low: 9, close: 9 });
    expect(advance(c, q(61, 11), 60)).toMatchObject({ time: T0 + 60, open: 11, close: 11 });
    expect(advance(c, q(-5, 11), 60)).toBeNull();
  });
});
