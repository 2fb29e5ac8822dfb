// The insight analyzer: on a schedule and on demand, reads the stored history, runs every rule and
// stores the findings that are new (not seen within the period).
import type { Insight } from "@/lib/protocol/entities/insights";
import type { InsightsService } from "../../services/insights";
import { DEFAULT_PERIOD_MS, DEFAULT_WINDOW_MS } from "./history";
import { analyzeHistory } from "./rules";

export interface InsightAnalyzerOptions {
  insights: InsightsService;
  periodMs?: number;
  windowMs?: number;
  now?: () => Date;
}

/** Analyzes now; resolves with the insights it stored (often none). */
export async function analyzeNow(options: InsightAnalyzerOptions): Promise<Insight[]> {
  const periodMs = options.periodMs ?? DEFAULT_PERIOD_MS;
  const windowMs = Math.max(options.windowMs ?? DEFAULT_WINDOW_MS, 2 * periodMs);
  const now = options.now?.() ?? new Date();
  const history = await options.insights.historySince(new Date(now.getTime() - windowMs));
  const drafts = analyzeHistory({ now, periodMs, windowMs, ...history });
  return options.insights.record(drafts, periodMs);
}
