// GET /api/system/modules: every module's health (status, reason, what it affects, its figures) from the last check.
import type { ModulesResponse } from "@/lib/api/system";
import { getRegistry } from "@/server/registry";
import { requirePrincipal } from "../../_lib/auth";
import { handle, json } from "../../_lib/respond";

export const dynamic = "force-dynamic";

export const GET = handle(async (req: Request) => {
  await requirePrincipal(req, { apiKey: true });
  const body: ModulesResponse = getRegistry().services.system.modules();
  return json(body);
});
