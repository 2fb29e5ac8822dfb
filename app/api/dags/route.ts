// GET /api/dags: every DAG definition by name. POST /api/dags: a new definition (201; 409 when its id is taken).
import { createDagBody } from "@/lib/api/dags";
import type { DagStepDefinition } from "@/lib/protocol/entities/dags";
import { getRegistry } from "@/server/registry";
import { requirePrincipal } from "../_lib/auth";
import { handle, json, readJson } from "../_lib/respond";

export const dynamic = "force-dynamic";

export const GET = handle(async (req: Request) => {
  await requirePrincipal(req, { apiKey: true });
  return json({ items: await getRegistry().services.dags.list(), next_cursor: null });
});

export const POST = handle(async (req: Request) => {
  const principal = await requirePrincipal(req, { apiKey: true });
  const body = createDagBody.parse(await readJson(req));
  const dag = await getRegistry().services.dags.create({
    dagId: body.dag_id,
    name: body.name,
    description: body.description,
    steps: body.steps as DagStepDefinition[],
    ownerId: principal.kind === "user" ? principal.id : null,
  });
  return json(dag, 201);
});
