// Alerts patchers: rules (version-gated upsert, removal), the fired-alerts list (a firing enters at
// the top; its clearing sets cleared_at) and the evaluator's last sweep.
import type { QueryClient } from "@tanstack/react-query";
import type { AlertFiring, AlertSweep } from "@/lib/api/alerts";
import type { AlertRuleEntity } from "@/lib/protocol/entities/alerts";
import { queryKeys } from "../keys";
import { updateIfLoaded, type PatcherMap } from "./types";

/** How many fired alerts the loaded list keeps. */
export const FIRED_CAP = 200;

/** A rule as the cache holds it: `_pending` while its creation, edit or deletion is in flight. */
export type AlertRuleRow = AlertRuleEntity & { _pending?: "create" | "update" | "delete" };

/** Puts a rule into the loaded rules list unless the held copy is newer (oldest first). */
export function upsertRule(qc: QueryClient, rule: AlertRuleEntity): void {
  updateIfLoaded<AlertRuleRow[]>(qc, queryKeys.alerts.rules(), (rules) => {
    const i = rules.findIndex((r) => r.rule_id === rule.rule_id);
    if (i === -1) return [...rules, rule].sort((a, b) => a.created_at.localeCompare(b.created_at) || a.rule_id.localeCompare(b.rule_id));
    const held = rules[i]!;
    if (!held._pending && held.version >= rule.version) return rules;
    if (held._pending && held.version > rule.version) return rules;
    const next = rules.slice();
    next[i] = rule;
    return next;
  });
}

export function removeRule(qc: QueryClient, ruleId: string): void {
  updateIfLoaded<AlertRuleRow[]>(qc, queryKeys.alerts.rules(), (rules) => rules.filter((r) => r.rule_id !== ruleId));
}

function ruleOf(qc: QueryClient, ruleId: string): AlertRuleEntity | undefined {
  return qc.getQueryData<AlertRuleRow[]>(queryKeys.alerts.rules())?.find((r) => r.rule_id === ruleId);
}

function payloadName(payloadJson: string): string | undefined {
  try {
    const p = JSON.parse(payloadJson) as { rule_name?: unknown };
    return typeof p.rule_name === "string" ? p.rule_name : undefined;
  } catch {
    return undefined;
  }
}

export const alertPatchers: PatcherMap = {
  alert_rule_created: (qc, e) => upsertRule(qc, e.data),
  alert_rule_updated: (qc, e) => upsertRule(qc, e.data),
  alert_rule_deleted: (qc, e) => removeRule(qc, e.data.rule_id),
  temporal_alert: (qc, e) =>
    updateIfLoaded<AlertFiring[]>(qc, queryKeys.alerts.fired(), (list) => {
      if (list.some((f) => f.id === e.data.id)) return list;
      const rule = ruleOf(qc, e.data.rule_id);
      const firing: AlertFiring = {
        ...e.data,
        rule_name: rule?.name ?? payloadName(e.data.payload_json) ?? e.data.rule_id,
        rule_topic: rule?.topic ?? "",
        severity: rule?.severity ?? "warning",
        cleared_at: null,
      };
      return [firing, ...list].slice(0, FIRED_CAP);
    }),
  temporal_alert_cleared: (qc, e) =>
    updateIfLoaded<AlertFiring[]>(qc, queryKeys.alerts.fired(), (list) =>
      list.map((f) => (f.id === e.data.id && f.cleared_at === null ? { ...f, cleared_at: e.data.cleared_at } : f)),
    ),
  temporal_job_status: (qc, e) =>
    qc.setQueryData<AlertSweep>(queryKeys.alerts.jobStatus(), (old) => ({
      status: e.data,
      at: e.ts,
      rules_watched: old?.rules_watched ?? 0,
      open_windows: old?.open_windows ?? 0,
    })),
};
