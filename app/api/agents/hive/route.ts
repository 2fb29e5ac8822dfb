// GET /api/agents/hive: the hive status now (the same data `hive_status_update` pushes every 10 s).
import { getRegistry } from "@/server/registry";
import { requirePrincipal } from "../../_lib/auth";
import { handle, json } from "../../_lib/respond";

export const dynamic = "force-dynamic";

export const GET = handle(async (req: Request) => {
  await requirePrincipal(req, { apiKey: true });
  return json(await getRegistry().services.hive.snapshot());
});
