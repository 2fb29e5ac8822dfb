// GET /api/dag-runs/{run_id}: the run with its steps.
import { getRegistry } from "@/server/registry";
import { requirePrincipal } from "../../_lib/auth";
import { handle, json } from "../../_lib/respond";

export const dynamic = "force-dynamic";

export const GET = handle(async (req: Request, ctx: { params: Promise<{ run_id: string }> }) => {
  await requirePrincipal(req, { apiKey: true });
  return json(await getRegistry().services.dags.getRun((await ctx.params).run_id));
});
