// POST /api/tasks/{task_id}/cancel: an unfinished task is cancelled (a running one stops); 409 when it is finished.
import { getRegistry } from "@/server/registry";
import { requirePrincipal } from "../../../_lib/auth";
import { handle, json } from "../../../_lib/respond";

export const dynamic = "force-dynamic";

export const POST = handle(async (req: Request, ctx: { params: Promise<{ task_id: string }> }) => {
  const principal = await requirePrincipal(req, { apiKey: true });
  return json(await getRegistry().services.tasks.cancel((await ctx.params).task_id, `cancelled by ${principal.email}`));
});
