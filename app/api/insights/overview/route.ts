// GET /api/insights/overview: KPI numbers and the last 24 hours' chart data.
import { getRegistry } from "@/server/registry";
import { requirePrincipal } from "../../_lib/auth";
import { handle, json } from "../../_lib/respond";

export const dynamic = "force-dynamic";

export const GET = handle(async (req: Request) => {
  await requirePrincipal(req, { apiKey: true });
  return json(await getRegistry().services.insights.overview());
});
