// The watchlist as shown while edits are in flight: additions appear pending at the end, removals vanish.
import { describe, expect, it } from "vitest";
import { applyEdits } from "./use-market";

describe("applyEdits", () => {
  it("shows pending additions after the stored tickers and hides pending removals", () => {
    expect(applyEdits(["AAPL", "MSFT"], [{ op: "add", ticker: "KO" }, { op: "remove", ticker: "AAPL" }])).toEqual([
      { ticker: "MSFT", pending: false },
      { ticker: "KO", pending: true },
    ]);
  });

  it("ignores edits the stored list already reflects (the confirmation arrived first)", () => {
    expect(applyEdits(["AAPL", "KO"], [{ op: "add", ticker: "KO" }, { op: "remove", ticker: "NVDA" }])).toEqual([
      { ticker: "AAPL", pending: false },
      { ticker: "KO", pending: false },
    ]);
  });
});
