// GET /api/market/quotes[?tickers=AAPL,MSFT]: the latest quote per ticker, keyed by ticker.
import { quotesQuery, type QuotesResponse } from "@/lib/api/market";
import { getRegistry } from "@/server/registry";
import { requirePrincipal } from "../../_lib/auth";
import { handle, json } from "../../_lib/respond";

export const dynamic = "force-dynamic";

export const GET = handle(async (req: Request) => {
  await requirePrincipal(req, { apiKey: true });
  const query = quotesQuery.parse(Object.fromEntries(new URL(req.url).searchParams));
  const body: QuotesResponse = { items: await getRegistry().services.market.quotes(query.tickers) };
  return json(body);
});
