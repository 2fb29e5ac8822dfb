// POST /api/dag-runs/{run_id}/cancel: running steps stop, unfinished ones are skipped (409 when the run has ended).
import { getRegistry } from "@/server/registry";
import { requirePrincipal } from "../../../_lib/auth";
import { handle, json } from "../../../_lib/respond";

export const dynamic = "force-dynamic";

export const POST = handle(async (req: Request, ctx: { params: Promise<{ run_id: string }> }) => {
  const principal = await requirePrincipal(req, { apiKey: true });
  return json(await getRegistry().services.dags.cancel((await ctx.params).run_id, `cancelled by ${principal.email}`));
});
