// GET, PUT (the whole definition again) and DELETE (409 while a run is queued or running) /api/dags/{dag_id}.
import { updateDagBody } from "@/lib/api/dags";
import type { DagStepDefinition } from "@/lib/protocol/entities/dags";
import { getRegistry } from "@/server/registry";
import { requirePrincipal } from "../../_lib/auth";
import { handle, json, readJson } from "../../_lib/respond";

export const dynamic = "force-dynamic";

type Ctx = { params: Promise<{ dag_id: string }> };

export const GET = handle(async (req: Request, ctx: Ctx) => {
  await requirePrincipal(req, { apiKey: true });
  return json(await getRegistry().services.dags.get((await ctx.params).dag_id));
});

export const PUT = handle(async (req: Request, ctx: Ctx) => {
  await requirePrincipal(req, { apiKey: true });
  const body = updateDagBody.parse(await readJson(req));
  return json(await getRegistry().services.dags.update((await ctx.params).dag_id, { ...body, steps: body.steps as DagStepDefinition[] }));
});

export const DELETE = handle(async (req: Request, ctx: Ctx) => {
  await requirePrincipal(req, { apiKey: true });
  await getRegistry().services.dags.delete((await ctx.params).dag_id);
  return json(null, 204);
});
