// GET /api/alerts/sweep: the alert evaluator's last sweep (what it looked at, when), for the alerts view.
import { getRegistry } from "@/server/registry";
import { requirePrincipal } from "../../_lib/auth";
import { handle, json } from "../../_lib/respond";

export const dynamic = "force-dynamic";

export const GET = handle(async (req: Request) => {
  await requirePrincipal(req, { apiKey: true });
  return json(getRegistry().services.alerts.lastSweep());
});
