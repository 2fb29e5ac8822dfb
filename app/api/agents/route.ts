// GET /api/agents: every agent, oldest first. POST /api/agents: add an agent (201), idle and ready for work.
import { createAgentBody } from "@/lib/api/agents";
import { getRegistry } from "@/server/registry";
import { requirePrincipal } from "../_lib/auth";
import { handle, json, readJson } from "../_lib/respond";

export const dynamic = "force-dynamic";

export const GET = handle(async (req: Request) => {
  await requirePrincipal(req, { apiKey: true });
  return json({ items: await getRegistry().services.agents.list(), next_cursor: null });
});

export const POST = handle(async (req: Request) => {
  await requirePrincipal(req, { apiKey: true });
  const body = createAgentBody.parse(await readJson(req));
  const agent = await getRegistry().services.agents.create({
    name: body.name,
    type: body.type,
    capabilities: body.capabilities,
    clientMutationId: body.client_mutation_id ?? null,
  });
  return json(agent, 201);
});
