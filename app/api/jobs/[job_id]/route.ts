// GET /api/jobs/{job_id}; DELETE /api/jobs/{job_id} (not while processing: 409).
import { getRegistry } from "@/server/registry";
import { requirePrincipal } from "../../_lib/auth";
import { handle, json } from "../../_lib/respond";

export const dynamic = "force-dynamic";

type Ctx = { params: Promise<{ job_id: string }> };

export const GET = handle(async (req: Request, ctx: Ctx) => {
  await requirePrincipal(req, { apiKey: true });
  return json(await getRegistry().services.jobs.get((await ctx.params).job_id));
});

export const DELETE = handle(async (req: Request, ctx: Ctx) => {
  await requirePrincipal(req, { apiKey: true });
  await getRegistry().services.jobs.delete((await ctx.params).job_id);
  return json(null, 204);
});
