// GET /api/knowledge: `q` full-text search (best match first, with snippets), `tag`, `type`; otherwise newest first.
import { listKnowledgeQuery } from "@/lib/api/knowledge";
import { getRegistry } from "@/server/registry";
import { requirePrincipal } from "../_lib/auth";
import { handle, json } from "../_lib/respond";

export const dynamic = "force-dynamic";

export const GET = handle(async (req: Request) => {
  await requirePrincipal(req, { apiKey: true });
  const q = listKnowledgeQuery.parse(Object.fromEntries(new URL(req.url).searchParams));
  return json(await getRegistry().services.knowledge.list(q));
});
