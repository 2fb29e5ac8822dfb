// POST /api/dags/{dag_id}/runs {params?, client_mutation_id?}: a queued run (201, with its pending steps).
import { triggerRunBody } from "@/lib/api/dags";
import { getRegistry } from "@/server/registry";
import { requirePrincipal } from "../../../_lib/auth";
import { handle, json, readJson } from "../../../_lib/respond";

export const dynamic = "force-dynamic";

export const POST = handle(async (req: Request, ctx: { params: Promise<{ dag_id: string }> }) => {
  const principal = await requirePrincipal(req, { apiKey: true });
  const body = triggerRunBody.parse(await readJson(req));
  const run = await getRegistry().services.dags.trigger((await ctx.params).dag_id, {
    params: body.params,
    ownerId: principal.kind === "user" ? principal.id : null,
    clientMutationId: body.client_mutation_id ?? null,
  });
  return json(run, 201);
});
