// POST /api/market/watchlist/{ticker}: adds a ticker to the user's watchlist; DELETE removes it. Both answer the whole list.
import { z } from "zod";
import { watchlistTickerParam } from "@/lib/api/market";
import { getRegistry } from "@/server/registry";
import { requirePrincipal } from "../../../_lib/auth";
import { handle, json } from "../../../_lib/respond";

export const dynamic = "force-dynamic";

type Ctx = { params: Promise<{ ticker: string }> };
const params = z.object({ ticker: watchlistTickerParam });

export const POST = handle(async (req: Request, ctx: Ctx) => {
  const principal = await requirePrincipal(req);
  const { ticker } = params.parse({ ticker: (await ctx.params).ticker });
  return json(await getRegistry().services.watchlists.add(principal.id, ticker));
});

export const DELETE = handle(async (req: Request, ctx: Ctx) => {
  const principal = await requirePrincipal(req);
  const { ticker } = params.parse({ ticker: (await ctx.params).ticker });
  return json(await getRegistry().services.watchlists.remove(principal.id, ticker));
});
