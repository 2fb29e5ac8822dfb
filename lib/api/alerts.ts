// REST shapes of the alert routes: rule bodies (a real topic pattern, a dot path, a window of
// 1-86400 s), the fired-alerts list and the evaluator's last sweep.
import { z } from "zod";
import { ALERT_OPS, type AlertRuleEntity, type TemporalJobStatus } from "@/lib/protocol/entities/alerts";
import { severitySchema, topicIdSchema, type Severity } from "@/lib/protocol/entities/common";
import { parsePattern } from "@/lib/protocol/topics";
import type { Page } from "./jobs";

/** `cpu.usage`, `change_percent`, `items.0.value`: names of letters, digits, `_` and `-`, joined by dots. */
export const FIELD_PATH_RE = /^[A-Za-z0-9_-]+(\.[A-Za-z0-9_-]+)*$/;

export const alertRuleBody = z.object({
  name: z.string().trim().min(1, "is required").max(120, "at most 120 characters"),
  topic: z
    .string()
    .trim()
    .min(1, "is required")
    .refine((t) => parsePattern(t) !== null, { message: "not a topic pattern: use a topic such as system or market:AAPL, family:* or *" }),
  field: z.string().trim().min(1, "is required").max(200).regex(FIELD_PATH_RE, "a dot path into the event's data, e.g. cpu.usage"),
  op: z.enum(ALERT_OPS, { message: `one of ${ALERT_OPS.join(", ")}` }),
  threshold: z.number({ message: "a number" }).finite("a finite number"),
  window_s: z.number({ message: "a number of seconds" }).int("whole seconds").min(1, "1-86400 seconds").max(86_400, "1-86400 seconds"),
  severity: severitySchema.default("warning"),
  enabled: z.boolean().default(true),
});
/** POST /api/alerts/rules: `rule_id` may be proposed by the client (its optimistic copy keeps it); 409 when taken. */
export const createAlertRuleBody = alertRuleBody.extend({ rule_id: topicIdSchema.optional() });
export type CreateAlertRuleBody = z.input<typeof createAlertRuleBody>;
/** PUT /api/alerts/rules/{rule_id}: any of the fields (the toggle sends only `enabled`). */
export const updateAlertRuleBody = alertRuleBody.partial().refine((b) => Object.keys(b).length > 0, { message: "nothing to change" });
export type UpdateAlertRuleBody = z.input<typeof updateAlertRuleBody>;

/** GET /api/alerts?rule_id=&cursor=&limit=: fired alerts, newest first. */
export const listAlertsQuery = z.object({
  rule_id: z.string().max(256).optional(),
  cursor: z.string().max(200).optional(),
  limit: z.coerce.number().int().min(1).max(200).default(50),
});

export const OP_SYMBOLS: Record<(typeof ALERT_OPS)[number], string> = { gt: ">", gte: "≥", lt: "<", lte: "≤", eq: "=", ne: "≠" };

/** One firing of a rule as listed: `cleared_at` null while the condition still holds. */
export interface AlertFiring {
  id: string;
  rule_id: string;
  rule_name: string;
  /** The rule's topic pattern. */
  rule_topic: string;
  severity: Severity;
  fired_at: string;
  cleared_at: string | null;
  /** JSON text: `{topic, field, op, threshold, value, since, rule_name}`. */
  payload_json: string;
}

export type AlertRulesPage = Page<AlertRuleEntity>;
export type AlertFiringsPage = Page<AlertFiring>;

/** GET /api/alerts/sweep: the evaluator's last sweep (null before the first) and the rules it watches. */
export interface AlertSweep {
  status: TemporalJobStatus | null;
  at: string | null;
  rules_watched: number;
  open_windows: number;
}
