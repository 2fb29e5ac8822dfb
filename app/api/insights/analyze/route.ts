// POST /api/insights/analyze: runs the analyzer now; answers the insights it generated (often none).
import type { AnalyzeResponse } from "@/lib/api/insights";
import { getRegistry } from "@/server/registry";
import { requirePrincipal } from "../../_lib/auth";
import { handle, json } from "../../_lib/respond";

export const dynamic = "force-dynamic";

export const POST = handle(async (req: Request) => {
  await requirePrincipal(req, { apiKey: true });
  const generated = await getRegistry().engines.insightAnalyzer.runNow();
  return json({ generated } satisfies AnalyzeResponse);
});
