// GET /api/tasks: newest first, filtered, cursor-paginated. POST /api/tasks: a task for the agents (201).
import { createTaskBody, listTasksQuery } from "@/lib/api/tasks";
import { getRegistry } from "@/server/registry";
import { requirePrincipal } from "../_lib/auth";
import { handle, json, readJson } from "../_lib/respond";

export const dynamic = "force-dynamic";

export const GET = handle(async (req: Request) => {
  await requirePrincipal(req, { apiKey: true });
  const q = listTasksQuery.parse(Object.fromEntries(new URL(req.url).searchParams));
  return json(
    await getRegistry().services.tasks.list({
      statuses: q.status,
      agentId: q.agent_id,
      jobId: q.job_id,
      type: q.type,
      standalone: q.standalone,
      cursor: q.cursor,
      limit: q.limit,
    }),
  );
});

export const POST = handle(async (req: Request) => {
  const principal = await requirePrincipal(req, { apiKey: true });
  const body = createTaskBody.parse(await readJson(req));
  const task = await getRegistry().services.tasks.create({
    description: body.description,
    type: body.type,
    priority: body.priority,
    requiredCapabilities: body.required_capabilities,
    ownerId: principal.kind === "user" ? principal.id : null,
    clientMutationId: body.client_mutation_id ?? null,
  });
  return json(task, 201);
});
