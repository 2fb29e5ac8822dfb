// GET /api/agents/{agent_id}; DELETE /api/agents/{agent_id}: remove it (its task moves to another agent).
import { getRegistry } from "@/server/registry";
import { requirePrincipal } from "../../_lib/auth";
import { handle, json } from "../../_lib/respond";

export const dynamic = "force-dynamic";

type Ctx = { params: Promise<{ agent_id: string }> };

export const GET = handle(async (req: Request, ctx: Ctx) => {
  await requirePrincipal(req, { apiKey: true });
  return json(await getRegistry().services.agents.get((await ctx.params).agent_id));
});

export const DELETE = handle(async (req: Request, ctx: Ctx) => {
  const principal = await requirePrincipal(req, { apiKey: true });
  await getRegistry().services.agents.remove((await ctx.params).agent_id, `removed by ${principal.email}`);
  return json(null, 204);
});
