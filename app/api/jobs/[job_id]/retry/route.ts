// POST /api/jobs/{job_id}/retry: a failed or cancelled job goes back to the queue (409 otherwise).
import { getRegistry } from "@/server/registry";
import { requirePrincipal } from "../../../_lib/auth";
import { handle, json } from "../../../_lib/respond";

export const dynamic = "force-dynamic";

export const POST = handle(async (req: Request, ctx: { params: Promise<{ job_id: string }> }) => {
  await requirePrincipal(req, { apiKey: true });
  return json(await getRegistry().services.jobs.retry((await ctx.params).job_id));
});
