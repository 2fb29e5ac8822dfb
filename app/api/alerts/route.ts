// GET /api/alerts: fired temporal alerts, newest first (`?rule_id=&cursor=&limit=`), with their rule's name.
import { listAlertsQuery } from "@/lib/api/alerts";
import { getRegistry } from "@/server/registry";
import { requirePrincipal } from "../_lib/auth";
import { handle, json } from "../_lib/respond";

export const dynamic = "force-dynamic";

export const GET = handle(async (req: Request) => {
  await requirePrincipal(req, { apiKey: true });
  const query = listAlertsQuery.parse(Object.fromEntries(new URL(req.url).searchParams));
  return json(await getRegistry().services.alerts.listFirings({ ruleId: query.rule_id, cursor: query.cursor, limit: query.limit }));
});
