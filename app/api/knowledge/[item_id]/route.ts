// GET, PATCH {title?, tags?} and DELETE /api/knowledge/{item_id}.
import { updateKnowledgeBody } from "@/lib/api/knowledge";
import { getRegistry } from "@/server/registry";
import { requirePrincipal } from "../../_lib/auth";
import { handle, json, readJson } from "../../_lib/respond";

export const dynamic = "force-dynamic";

type Ctx = { params: Promise<{ item_id: string }> };

export const GET = handle(async (req: Request, ctx: Ctx) => {
  await requirePrincipal(req, { apiKey: true });
  return json(await getRegistry().services.knowledge.get((await ctx.params).item_id));
});

export const PATCH = handle(async (req: Request, ctx: Ctx) => {
  await requirePrincipal(req, { apiKey: true });
  const body = updateKnowledgeBody.parse(await readJson(req));
  return json(await getRegistry().services.knowledge.update((await ctx.params).item_id, body));
});

export const DELETE = handle(async (req: Request, ctx: Ctx) => {
  await requirePrincipal(req, { apiKey: true });
  await getRegistry().services.knowledge.delete((await ctx.params).item_id);
  return json(null, 204);
});
