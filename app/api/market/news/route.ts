// GET /api/market/news[?ticker=&limit=]: recent news, newest first.
import { newsQuery, type NewsResponse } from "@/lib/api/market";
import { getRegistry } from "@/server/registry";
import { requirePrincipal } from "../../_lib/auth";
import { handle, json } from "../../_lib/respond";

export const dynamic = "force-dynamic";

export const GET = handle(async (req: Request) => {
  await requirePrincipal(req, { apiKey: true });
  const query = newsQuery.parse(Object.fromEntries(new URL(req.url).searchParams));
  const body: NewsResponse = { items: await getRegistry().services.market.news(query.ticker, query.limit), next_cursor: null };
  return json(body);
});
