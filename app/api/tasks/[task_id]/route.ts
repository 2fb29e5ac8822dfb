// GET /api/tasks/{task_id}.
import { getRegistry } from "@/server/registry";
import { requirePrincipal } from "../../_lib/auth";
import { handle, json } from "../../_lib/respond";

export const dynamic = "force-dynamic";

export const GET = handle(async (req: Request, ctx: { params: Promise<{ task_id: string }> }) => {
  await requirePrincipal(req, { apiKey: true });
  return json(await getRegistry().services.tasks.get((await ctx.params).task_id));
});
