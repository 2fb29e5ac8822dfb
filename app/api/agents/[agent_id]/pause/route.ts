// POST /api/agents/{agent_id}/pause {reason?}: the agent stops taking work (its current task moves to another agent); 409 when it cannot.
import { agentActionBody } from "@/lib/api/agents";
import { getRegistry } from "@/server/registry";
import { requirePrincipal } from "../../../_lib/auth";
import { handle, json, readJson } from "../../../_lib/respond";

export const dynamic = "force-dynamic";

export const POST = handle(async (req: Request, ctx: { params: Promise<{ agent_id: string }> }) => {
  const principal = await requirePrincipal(req, { apiKey: true });
  const body = agentActionBody.parse(await readJson(req));
  const reason = body.reason || `paused by ${principal.email}`;
  return json(await getRegistry().services.agents.pause((await ctx.params).agent_id, reason));
});
