// GET /api/market/candles?ticker=&interval=1s|1m[&limit=]: a ticker's OHLCV candles, oldest first.
import { candlesQuery, type CandlesResponse } from "@/lib/api/market";
import { getRegistry } from "@/server/registry";
import { requirePrincipal } from "../../_lib/auth";
import { handle, json } from "../../_lib/respond";

export const dynamic = "force-dynamic";

export const GET = handle(async (req: Request) => {
  await requirePrincipal(req, { apiKey: true });
  const query = candlesQuery.parse(Object.fromEntries(new URL(req.url).searchParams));
  const body: CandlesResponse = { ticker: query.ticker, interval: query.interval, items: getRegistry().services.market.candles(query.ticker, query.interval, query.limit) };
  return json(body);
});
