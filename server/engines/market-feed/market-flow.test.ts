// The market on the server: the simulator's quotes reach `market:*` sockets conflated (batches of many
// tickers, never two within 100 ms), quotes posted to /api/events reach subscribers and candles, and
// watchlists are per user, validated, and pushed to every socket of their user.
import { afterAll, afterEach, describe, expect, it } from "vitest";
import * as candlesRoute from "@/app/api/market/candles/route";
import * as newsRoute from "@/app/api/market/news/route";
import * as quotesRoute from "@/app/api/market/quotes/route";
import * as tickersRoute from "@/app/api/market/tickers/route";
import * as watchlistRoute from "@/app/api/market/watchlist/route";
import * as watchlistTickerRoute from "@/app/api/market/watchlist/[ticker]/route";
import { closeTestDatabases } from "../../storage/test-database";
import { startTestServer, type TestServer } from "../../testing/test-server";
import { routeParams as params, routeRequest as request } from "../../testing/route-request";
import { connect, type Message, type TestClient } from "../../testing/ws-client";
import { DEFAULT_WATCHLIST } from "../../services/watchlists";

const running: TestServer[] = [];
const sockets: TestClient[] = [];

afterEach(async () => {
  for (const s of sockets.splice(0)) s.ws.terminate();
  for (const s of running.splice(0)) await s.close();
});
afterAll(closeTestDatabases);


async function boot(env: Record<string, string> = {}) {
  const server = await startTestServer(env);
  running.push(server);
  return server;
}

async function socket(server: TestServer, cookie: string, topicList: string[]) {
  const client = await connect(server.wsUrl, { cookie });
  sockets.push(client);
  client.send({ type: "subscribe", ref: "s", topics: topicList });
  await client.waitFor((m) => m.type === "subscribed");
  return client;
}

const quote = (ticker: string, price: number, volume = 100, at = new Date()) => ({
  topic: `market:${ticker}`,
  type: "market_data",
  data: { ticker, price, change: 0, change_percent: 0, volume, timestamp: at.toISOString() },
});

function postEvents(server: TestServer, key: string, body: unknown) {
  return fetch(`${server.url}/api/events`, { method: "POST", headers: { "content-type": "application/json", authorization: `Bearer ${key}` }, body: JSON.stringify(body) });
}

describe("market feed and conflation", () => {
  it("gives a market:* socket batches of many tickers, never two within 100 ms", async () => {
    const server = await boot({ MARKET_FEED: "simulator", MARKET_TICK_RATE: "50", MARKET_SEED: "7" });
    const { cookie } = await server.signIn("trader@x.io");
    const client = await socket(server, cookie, ["market:*"]);
    const from = client.messages.length;
    // 20 tickers at 50 quotes/s each: 1,000 quotes a second offered to this socket.
    await client.waitFor(() => client.messages.slice(from).filter((m) => m.type === "market_data_batch").length >= 12, { timeoutMs: 5_000 });
    const batches = client.messages.slice(from).filter((m) => m.type === "market_data_batch");
    expect(client.messages.slice(from).some((m) => m.type === "market_data")).toBe(false);
    const times = batches.map((b) => Date.parse(b.ts));
    for (let i = 1; i < times.length; i++) expect(times[i]! - times[i - 1]!).toBeGreaterThanOrEqual(100);
    for (const b of batches) {
      const tickers = b.data.map((q: { ticker: string }) => q.ticker);
      expect(new Set(tickers).size).toBe(tickers.length);
      if (tickers.length > 1) expect(b.topic).toBe("market:*");
    }
    expect(Math.max(...batches.map((b) => b.data.length))).toBe(20);
  });

  it("gives a socket only the tickers it holds, on the ticker's own topic", async () => {
    const server = await boot({ MARKET_FEED: "simulator", MARKET_TICK_RATE: "50" });
    const { cookie } = await server.signIn("one@x.io");
    const client = await socket(server, cookie, ["market:MSFT"]);
    const from = client.messages.length;
    await client.waitFor((m) => m.type === "market_data_batch", { from });
    const batches = client.messages.slice(from).filter((m) => m.type === "market_data_batch");
    for (const b of batches) {
      expect(b.topic).toBe("market:MSFT");
      expect(b.data.map((q: { ticker: string }) => q.ticker)).toEqual(["MSFT"]);
    }
  });

  it("delivers quotes posted to /api/events to subscribers, and builds candles and the snapshot from them", async () => {
    const server = await boot();
    const key = await server.apiKey();
    const { cookie } = await server.signIn("watcher@x.io");
    const client = await socket(server, cookie, ["market:ACME", "market:INIT"]);
    const t0 = new Date(Math.floor(Date.now() / 1000) * 1000);
    const res = await postEvents(server, key, [quote("ACME", 10, 1000, t0), quote("ACME", 12, 1500, new Date(t0.getTime() + 200)), quote("INIT", 5, 10, t0), quote("ACME", 11, 1600, new Date(t0.getTime() + 400))]);
    expect(res.status).toBe(202);
    const got = await client.waitFor((m: Message) => m.type === "market_data_batch" && m.data.some((q: { ticker: string; price: number }) => q.ticker === "ACME" && q.price === 11));
    // Conflated: the latest ACME quote only, with INIT's beside it.
    expect(got.data.filter((q: { ticker: string }) => q.ticker === "ACME")).toHaveLength(1);

    const candles = await (await candlesRoute.GET(request("/api/market/candles?ticker=ACME&interval=1s", cookie))).json();
    expect(candles.items).toEqual([{ time: t0.getTime() / 1000, open: 10, high: 12, low: 10, close: 11, volume: 600 }]);
    const minute = await (await candlesRoute.GET(request("/api/market/candles?ticker=ACME&interval=1m", cookie))).json();
    expect(minute.items).toHaveLength(1);
    expect((await candlesRoute.GET(request("/api/market/candles?ticker=acme&interval=5m", cookie))).status).toBe(400);

    const quotes = await (await quotesRoute.GET(request("/api/market/quotes?tickers=ACME,NOPE", cookie))).json();
    expect(Object.keys(quotes.items)).toEqual(["ACME"]);
    expect(quotes.items.ACME.price).toBe(11);
    const tickers = await (await tickersRoute.GET(request("/api/market/tickers", cookie))).json();
    expect(tickers.items).toEqual(expect.arrayContaining(["ACME", "INIT"]));
  });

  it("keeps generated news for the news route, newest first", async () => {
    const server = await boot();
    const key = await server.apiKey();
    const { cookie } = await server.signIn("reader@x.io");
    const news = (id: string, ticker: string, at: string) => ({ topic: `news:${ticker}`, type: "stock_news", data: { id, title: `T ${id}`, content: "", ticker, published_at: at } });
    expect((await postEvents(server, key, [news("n1", "ACME", "2026-11-22T10:00:00Z"), news("n2", "ACME", "2026-11-22T10:01:00Z"), news("n3", "INIT", "2026-11-22T10:02:00Z")])).status).toBe(202);
    const acme = await (await newsRoute.GET(request("/api/market/news?ticker=ACME", cookie))).json();
    expect(acme.items.map((n: { id: string }) => n.id)).toEqual(["n2", "n1"]);
    const all = await (await newsRoute.GET(request("/api/market/news?limit=2", cookie))).json();
    expect(all.items.map((n: { id: string }) => n.id)).toEqual(["n3", "n2"]);
  });
});

describe("watchlists", () => {
  it("starts with the defaults, and pushes each change to every socket of its user only", async () => {
    const server = await boot();
    const alice = await server.signIn("alice@x.io");
    const bob = await server.signIn("bob@x.io");
    const tab1 = await socket(server, alice.cookie, [`user:${alice.principal.id}`]);
    const tab2 = await socket(server, alice.cookie, [`user:${alice.principal.id}`]);
    const bobs = await socket(server, bob.cookie, [`user:${bob.principal.id}`]);

    const initial = await (await watchlistRoute.GET(request("/api/market/watchlist", alice.cookie))).json();
    expect(initial).toMatchObject({ user_id: alice.principal.id, tickers: [...DEFAULT_WATCHLIST], version: 1 });

    const added = await watchlistTickerRoute.POST(request("/api/market/watchlist/ko", alice.cookie, "POST"), params({ ticker: "ko" }));
    expect(added.status).toBe(200);
    expect((await added.json()).tickers).toEqual([...DEFAULT_WATCHLIST, "KO"]);
    for (const tab of [tab1, tab2]) {
      const pushed = await tab.waitFor((m) => m.type === "watchlist_updated");
      expect(pushed.data).toMatchObject({ user_id: alice.principal.id, tickers: [...DEFAULT_WATCHLIST, "KO"], version: 2 });
      expect(pushed.id).toBeDefined();
    }
    // Adding it again changes nothing and pushes nothing.
    await watchlistTickerRoute.POST(request("/api/market/watchlist/KO", alice.cookie, "POST"), params({ ticker: "KO" }));
    const removed = await (await watchlistTickerRoute.DELETE(request("/api/market/watchlist/AAPL", alice.cookie, "DELETE"), params({ ticker: "AAPL" }))).json();
    expect(removed.tickers).not.toContain("AAPL");
    expect(removed.version).toBe(3);
    await tab1.waitFor((m) => m.type === "watchlist_updated" && m.data.version === 3);
    expect(tab1.messages.filter((m) => m.type === "watchlist_updated").map((m) => m.data.version)).toEqual([2, 3]);

    const replaced = await (await watchlistRoute.PUT(request("/api/market/watchlist", alice.cookie, "PUT", { tickers: ["nvda", "TSLA"] }))).json();
    expect(replaced.tickers).toEqual(["NVDA", "TSLA"]);
    expect((await (await watchlistRoute.GET(request("/api/market/watchlist", bob.cookie))).json()).tickers).toEqual([...DEFAULT_WATCHLIST]);
    expect(bobs.messages.some((m) => m.type === "watchlist_updated")).toBe(false);
  });

  it("answers 400 with the field for a bad ticker or list, and 401 without a session", async () => {
    const server = await boot();
    const { cookie } = await server.signIn("carol@x.io");
    const bad = await watchlistRoute.PUT(request("/api/market/watchlist", cookie, "PUT", { tickers: ["AAPL", "not a ticker"] }));
    expect(bad.status).toBe(400);
    expect((await bad.json()).error.issues[0].path).toBe("tickers.1");
    const twice = await watchlistRoute.PUT(request("/api/market/watchlist", cookie, "PUT", { tickers: ["AAPL", "AAPL"] }));
    expect(twice.status).toBe(400);
    const badParam = await watchlistTickerRoute.POST(request("/api/market/watchlist/%24%24", cookie, "POST"), params({ ticker: "$$" }));
    expect(badParam.status).toBe(400);
    expect((await badParam.json()).error.issues[0].path).toBe("ticker");
    expect((await watchlistRoute.GET(request("/api/market/watchlist", ""))).status).toBe(401);
  });

  it("makes the simulator produce a ticker added to a watchlist", async () => {
    const server = await boot({ MARKET_FEED: "simulator", MARKET_TICKERS: "AAPL,MSFT", MARKET_TICK_RATE: "20" });
    const { cookie } = await server.signIn("dave@x.io");
    const client = await socket(server, cookie, ["market:ZZZT"]);
    await watchlistTickerRoute.POST(request("/api/market/watchlist/ZZZT", cookie, "POST"), params({ ticker: "ZZZT" }));
    const batch = await client.waitFor((m) => m.type === "market_data_batch");
    expect(batch.data[0].ticker).toBe("ZZZT");
    const tickers = await (await tickersRoute.GET(request("/api/market/tickers", cookie))).json();
    // The new list (the defaults plus ZZZT) joined the feed.
    expect(tickers.items).toEqual([...new Set(["AAPL", "MSFT", ...DEFAULT_WATCHLIST, "ZZZT"])].sort());
  });
});
