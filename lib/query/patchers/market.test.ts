// Market patchers: a conflated batch of several tickers on `market:*` patches each ticker, and the
// watchlist keeps the newest version (an optimistic copy is replaced by its confirmation).
import { QueryClient } from "@tanstack/react-query";
import { describe, expect, it } from "vitest";
import type { CatalogEvent } from "@/lib/protocol/events";
import { queryKeys } from "../keys";
import { applyEvent } from "./index";

const iso = (s: number) => new Date(Date.UTC(2026, 10, 22, 10, 0, s)).toISOString();
const q = (ticker: string, price: number, s: number) => ({ ticker, price, change: 0, change_percent: 0, volume: 1, timestamp: iso(s) });
const event = (type: string, topic: string, data: unknown, id?: string) => ({ type, topic, ts: iso(0), data, ...(id ? { id } : {}) }) as CatalogEvent;

describe("market patchers", () => {
  it("patches every ticker of a conflated batch", () => {
    const qc = new QueryClient();
    qc.setQueryData(queryKeys.market.quotes(), { AAPL: q("AAPL", 1, 0) });
    qc.setQueryData(queryKeys.market.ticks("MSFT"), []);
    applyEvent(qc, event("market_data_batch", "market:*", [q("AAPL", 2, 1), q("MSFT", 300, 1)]));
    expect(qc.getQueryData(queryKeys.market.quote("AAPL"))).toMatchObject({ price: 2 });
    expect(qc.getQueryData(queryKeys.market.quote("MSFT"))).toMatchObject({ price: 300 });
    expect(Object.keys(qc.getQueryData(queryKeys.market.quotes()) as object).sort()).toEqual(["AAPL", "MSFT"]);
    expect(qc.getQueryData(queryKeys.market.ticks("MSFT"))).toHaveLength(1);
  });

  it("adds news to its ticker's feed and to the recent feed, when loaded", () => {
    const qc = new QueryClient();
    qc.setQueryData(queryKeys.news.recent(), { items: [], next_cursor: null });
    applyEvent(qc, event("stock_news", "news:AAPL", { id: "n1", title: "t", content: "", ticker: "AAPL", published_at: iso(1) }));
    expect((qc.getQueryData(queryKeys.news.recent()) as { items: unknown[] }).items).toHaveLength(1);
  });

  it("keeps the newest watchlist by version", () => {
    const qc = new QueryClient();
    const list = (tickers: string[], version: number) => ({ user_id: "u1", tickers, updated_at: iso(version), version });
    qc.setQueryData(queryKeys.watchlist(), { ...list(["AAPL", "KO"], 1) });
    applyEvent(qc, event("watchlist_updated", "user:u1", list(["AAPL", "KO"], 2), "1-0"));
    expect(qc.getQueryData(queryKeys.watchlist())).toMatchObject({ version: 2 });
    applyEvent(qc, event("watchlist_updated", "user:u1", list(["AAPL"], 1), "1-1"));
    expect(qc.getQueryData(queryKeys.watchlist())).toMatchObject({ tickers: ["AAPL", "KO"], version: 2 });
  });
});
