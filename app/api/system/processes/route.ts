// GET /api/system/processes: the host's busiest processes by CPU (the latest sample), busiest first.
import type { ProcessesResponse } from "@/lib/api/system";
import { getRegistry } from "@/server/registry";
import { requirePrincipal } from "../../_lib/auth";
import { handle, json } from "../../_lib/respond";

export const dynamic = "force-dynamic";

export const GET = handle(async (req: Request) => {
  await requirePrincipal(req, { apiKey: true });
  const body: ProcessesResponse = getRegistry().services.system.processes();
  return json(body);
});
