// GET /api/insights: generated insights, newest first, filtered by type.
import { listInsightsQuery } from "@/lib/api/insights";
import { getRegistry } from "@/server/registry";
import { requirePrincipal } from "../_lib/auth";
import { handle, json } from "../_lib/respond";

export const dynamic = "force-dynamic";

export const GET = handle(async (req: Request) => {
  await requirePrincipal(req, { apiKey: true });
  const q = listInsightsQuery.parse(Object.fromEntries(new URL(req.url).searchParams));
  return json(await getRegistry().services.insights.list({ types: q.type, cursor: q.cursor, limit: q.limit }));
});
