// GET /api/market/watchlist: the signed-in user's watchlist. PUT {tickers}: replaces it (pushed as watchlist_updated).
import { watchlistPutBody } from "@/lib/api/market";
import { getRegistry } from "@/server/registry";
import { requirePrincipal } from "../../_lib/auth";
import { handle, json, readJson } from "../../_lib/respond";

export const dynamic = "force-dynamic";

export const GET = handle(async (req: Request) => {
  const principal = await requirePrincipal(req);
  return json(await getRegistry().services.watchlists.get(principal.id));
});

export const PUT = handle(async (req: Request) => {
  const principal = await requirePrincipal(req);
  const body = watchlistPutBody.parse(await readJson(req));
  return json(await getRegistry().services.watchlists.replace(principal.id, body.tickers));
});
