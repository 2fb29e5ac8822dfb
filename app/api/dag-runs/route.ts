// GET /api/dag-runs?dag_id=&status=&cursor=&limit=: runs newest first, each with its steps (the grid).
import { listRunsQuery } from "@/lib/api/dags";
import { getRegistry } from "@/server/registry";
import { requirePrincipal } from "../_lib/auth";
import { handle, json } from "../_lib/respond";

export const dynamic = "force-dynamic";

export const GET = handle(async (req: Request) => {
  await requirePrincipal(req, { apiKey: true });
  const q = listRunsQuery.parse(Object.fromEntries(new URL(req.url).searchParams));
  return json(await getRegistry().services.dags.listRuns({ dagId: q.dag_id, statuses: q.status, cursor: q.cursor, limit: q.limit }));
});
