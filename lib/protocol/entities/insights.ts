// Insights and dashboard metrics (topics `insights`, `metrics`): the Insight entity and its events' data.
import { z } from "zod";
import { entityIdSchema, entityVersionSchema, fractionSchema, isoDateTimeSchema, jsonObjectSchema, nonNegativeSchema, nonNegativeIntSchema } from "./common";

export const INSIGHT_TYPES = ["trend", "anomaly", "performance", "recommendation"] as const;
export const insightTypeSchema = z.enum(INSIGHT_TYPES);
export type InsightType = z.infer<typeof insightTypeSchema>;

export const insightSchema = z.object({
  insight_id: entityIdSchema,
  title: z.string().min(1),
  description: z.string(),
  type: insightTypeSchema,
  /** 0-1. */
  confidence: fractionSchema,
  metadata: jsonObjectSchema,
  created_at: isoDateTimeSchema,
  /**
   * PROTOCOL.md lists no version for insights (they are generated once and never change); like every
   * entity event it carries one, which defaults to 1 when a producer leaves it out.
   */
  version: entityVersionSchema.default(1),
});
export type Insight = z.infer<typeof insightSchema>;

export const insightGeneratedSchema = insightSchema;

/** `dashboard_metrics_update` (ephemeral): the dashboard's headline numbers. */
export const dashboardMetricsUpdateSchema = z.object({
  total_processed: nonNegativeIntSchema,
  /** Mean processing time of a job, in milliseconds. */
  processing_time: nonNegativeSchema,
  /** 0-1. */
  success_rate: fractionSchema,
  active_agents: nonNegativeIntSchema,
  knowledge_items: nonNegativeIntSchema,
  /** Change of each of the numbers above since the previous update, keyed by field name. */
  changes: z.record(z.string(), z.number()),
});
export type DashboardMetricsUpdate = z.infer<typeof dashboardMetricsUpdateSchema>;
