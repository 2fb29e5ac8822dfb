// Temporal alerts (topic `alerts`): alert rules and the data of their events.
import { z } from "zod";
import { parsePattern } from "../topics";
import { entityIdSchema, isoDateTimeSchema, nonNegativeIntSchema, severitySchema } from "./common";

export const ALERT_OPS = ["gt", "gte", "lt", "lte", "eq", "ne"] as const;
export const alertOpSchema = z.enum(ALERT_OPS);
export type AlertOp = z.infer<typeof alertOpSchema>;

/** A rule of the alert evaluator: fires when `field` of the events on `topic` compares to `threshold` within `window_s`. */
export const alertRuleSchema = z.object({
  rule_id: entityIdSchema,
  name: z.string().min(1),
  /** A topic pattern (exact topic, `family:*` or `*`). */
  topic: z.string().refine((t) => parsePattern(t) !== null, { message: "not a topic pattern" }),
  /** Dot path into the event's data, e.g. `cpu.usage`. */
  field: z.string().min(1),
  op: alertOpSchema,
  threshold: z.number(),
  window_s: z.number().int().positive(),
  severity: severitySchema,
  enabled: z.boolean(),
});
export type AlertRule = z.infer<typeof alertRuleSchema>;

/** `temporal_alert`: one firing of a rule. `payload_json` is JSON text (what matched), as the name says. */
export const temporalAlertSchema = z.object({
  id: entityIdSchema,
  rule_id: entityIdSchema,
  fired_at: isoDateTimeSchema,
  payload_json: z.string().refine(isJsonText, { message: "must be JSON text" }),
});
export type TemporalAlert = z.infer<typeof temporalAlertSchema>;

/** `temporal_job_status`: progress of the evaluator's periodic job over the event history. */
export const temporalJobStatusSchema = z.object({
  /** Name of the job. */
  job: z.string().min(1),
  /** How many stored events the job looked at. */
  touched_events: nonNegativeIntSchema,
  /** How far back it looked, in days. */
  days_back: nonNegativeIntSchema,
});
export type TemporalJobStatus = z.infer<typeof temporalJobStatusSchema>;

/** An alert rule as stored and pushed: the rule plus who made it, when, and its version. */
export const alertRuleEntitySchema = alertRuleSchema.extend({
  owner_id: entityIdSchema.nullable(),
  created_at: isoDateTimeSchema,
  updated_at: isoDateTimeSchema,
  version: z.number().int().positive(),
});
export type AlertRuleEntity = z.infer<typeof alertRuleEntitySchema>;

/** `alert_rule_created`, `alert_rule_updated`: the whole rule. */
export const alertRuleCreatedSchema = alertRuleEntitySchema;
export const alertRuleUpdatedSchema = alertRuleEntitySchema;
/** `alert_rule_deleted`: the rule's id and the version of the deletion. */
export const alertRuleDeletedSchema = z.object({ rule_id: entityIdSchema, version: z.number().int().positive() });

/** `temporal_alert_cleared`: a firing whose condition ended (an addition to PROTOCOL.md). */
export const temporalAlertClearedSchema = temporalAlertSchema.extend({ cleared_at: isoDateTimeSchema });
export type TemporalAlertCleared = z.infer<typeof temporalAlertClearedSchema>;

function isJsonText(text: string): boolean {
  try {
    JSON.parse(text);
    return true;
  } catch {
    return false;
  }
}
