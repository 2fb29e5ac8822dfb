// GET /api/market/tickers: every known ticker (the feed's, and any seen in quotes, news or watchlists).
import type { TickersResponse } from "@/lib/api/market";
import { getRegistry } from "@/server/registry";
import { requirePrincipal } from "../../_lib/auth";
import { handle, json } from "../../_lib/respond";

export const dynamic = "force-dynamic";

export const GET = handle(async (req: Request) => {
  await requirePrincipal(req, { apiKey: true });
  const body: TickersResponse = { items: await getRegistry().services.market.tickers() };
  return json(body);
});
