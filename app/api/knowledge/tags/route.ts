// GET /api/knowledge/tags: every tag with the number of items that carry it, most used first.
import { getRegistry } from "@/server/registry";
import { requirePrincipal } from "../../_lib/auth";
import { handle, json } from "../../_lib/respond";

export const dynamic = "force-dynamic";

export const GET = handle(async (req: Request) => {
  await requirePrincipal(req, { apiKey: true });
  return json({ items: await getRegistry().services.knowledge.tags() });
});
