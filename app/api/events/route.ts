// POST /api/events: outside programs publish catalog events with `Authorization: Bearer <api key>`.
// One event or an array; all are validated first and nothing is applied unless all are valid.
import { getRegistry } from "@/server/registry";
import { requirePrincipal } from "../_lib/auth";
import { handle, json, readJson } from "../_lib/respond";

export const dynamic = "force-dynamic";

export const POST = handle(async (req: Request) => {
  await requirePrincipal(req, { apiKeyOnly: true });
  const result = await getRegistry().services.ingest.ingest(await readJson(req));
  return json(result, 202);
});
