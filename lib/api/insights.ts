// REST shapes of the insights routes: the insight feed, on-demand analysis and the dashboard overview.
import { z } from "zod";
import { INSIGHT_TYPES, type DashboardMetricsUpdate, type Insight } from "@/lib/protocol/entities/insights";
import type { Page } from "./jobs";

const csv = <T extends string>(values: readonly [T, ...T[]]) =>
  z
    .string()
    .transform((v) => v.split(",").map((s) => s.trim()).filter(Boolean))
    .pipe(z.array(z.enum(values)));

/** GET /api/insights: newest first. */
export const listInsightsQuery = z.object({
  type: csv(INSIGHT_TYPES).optional(),
  cursor: z.string().max(200).optional(),
  limit: z.coerce.number().int().min(1).max(100).default(30),
});
export type InsightsPage = Page<Insight>;

/** POST /api/insights/analyze: runs every rule now; answers the insights it generated (often none). */
export interface AnalyzeResponse {
  generated: Insight[];
}

/**
 * GET /api/insights/overview: the KPI numbers (as `dashboard_metrics_update` carries them) and the
 * charts' data over the last 24 hours.
 */
export interface InsightsOverview {
  metrics: DashboardMetricsUpdate;
  /** 24 hourly buckets, oldest first; `hour` is the ISO start of the hour. */
  per_hour: { hour: string; completed: number; failed: number }[];
  /** Finished jobs (completed or failed) by job type over the last 24 hours, most first. */
  by_type: { type: string; completed: number; failed: number }[];
  generated_at: string;
}
