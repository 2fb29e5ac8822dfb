// GET /api/system/metrics?seconds=N: the host metrics of the last N seconds (1-300, default 300), oldest first.
import { metricsHistoryQuery, type MetricsHistoryResponse } from "@/lib/api/system";
import { getRegistry } from "@/server/registry";
import { requirePrincipal } from "../../_lib/auth";
import { handle, json } from "../../_lib/respond";

export const dynamic = "force-dynamic";

export const GET = handle(async (req: Request) => {
  await requirePrincipal(req, { apiKey: true });
  const { seconds } = metricsHistoryQuery.parse(Object.fromEntries(new URL(req.url).searchParams));
  const body: MetricsHistoryResponse = getRegistry().services.system.metricsHistory(seconds);
  return json(body);
});
