// GET /api/system/alerts: recent resource and system alerts as they were pushed, newest first.
import type { AlertsResponse } from "@/lib/api/system";
import { getRegistry } from "@/server/registry";
import { requirePrincipal } from "../../_lib/auth";
import { handle, json } from "../../_lib/respond";

export const dynamic = "force-dynamic";

export const GET = handle(async (req: Request) => {
  await requirePrincipal(req, { apiKey: true });
  const body: AlertsResponse = getRegistry().services.system.alerts();
  return json(body);
});
