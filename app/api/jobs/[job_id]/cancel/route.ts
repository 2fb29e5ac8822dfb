// POST /api/jobs/{job_id}/cancel: a queued or processing job is cancelled (409 otherwise).
import { getRegistry } from "@/server/registry";
import { requirePrincipal } from "../../../_lib/auth";
import { handle, json } from "../../../_lib/respond";

export const dynamic = "force-dynamic";

export const POST = handle(async (req: Request, ctx: { params: Promise<{ job_id: string }> }) => {
  await requirePrincipal(req, { apiKey: true });
  return json(await getRegistry().services.jobs.cancel((await ctx.params).job_id));
});
