// Alerts service: temporal alert rules (create, edit, delete; pushed as alert_rule_* on `alerts`),
// their firings (fired -> `temporal_alert` plus a bell notification to the owner; cleared ->
// `temporal_alert_cleared`), the fired-alerts list and the evaluator's sweep reports.
import type { AlertFiring, AlertFiringsPage, AlertSweep } from "@/lib/api/alerts";
import type { AlertRuleEntity, TemporalJobStatus } from "@/lib/protocol/entities/alerts";
import { topics } from "@/lib/protocol/topics";
import type { Bus } from "../bus/bus";
import { newId } from "../ids";
import type { Repositories } from "../storage/repositories";
import type { AlertFiringListRow, AlertFiringRow, AlertRuleFields, AlertRuleRow } from "../storage/repositories/alerts";
import { decodeCursor, nowMs, pageOf } from "./cursor";
import { ServiceError } from "./errors";
import type { NotificationLevel, NotificationsService } from "./notifications";

export interface AlertsServiceDeps {
  repos: Repositories;
  bus: Bus;
  notifications: NotificationsService;
  now?: () => Date;
}

/** What a firing records: the value that breached, where, and since when the condition held. */
export interface FiringPayload {
  topic: string;
  field: string;
  op: string;
  threshold: number;
  value: number;
  since: string;
  rule_name: string;
}

const LEVEL_OF_SEVERITY: Record<AlertRuleRow["severity"], NotificationLevel> = { info: "info", warning: "warning", error: "error", critical: "error" };

export function createAlertsService(deps: AlertsServiceDeps) {
  const { repos, bus } = deps;
  const now = () => nowMs(deps.now ?? (() => new Date()));
  let lastSweep: { status: TemporalJobStatus; at: Date; rules_watched: number; open_windows: number } | null = null;

  async function mustFind(ruleId: string): Promise<AlertRuleRow> {
    const row = await repos.alerts.findRule(ruleId);
    if (!row) throw new ServiceError("not_found", `no alert rule ${ruleId}`);
    return row;
  }

  async function publishRule(row: AlertRuleRow, type: "alert_rule_created" | "alert_rule_updated"): Promise<AlertRuleEntity> {
    const rule = toAlertRule(row);
    await bus.publish({ type, topic: topics.alerts(), data: rule, ephemeral: false });
    return rule;
  }

  return {
    async listRules(): Promise<AlertRuleEntity[]> {
      return (await repos.alerts.listRules()).map(toAlertRule);
    },

    async getRule(ruleId: string): Promise<AlertRuleEntity> {
      return toAlertRule(await mustFind(ruleId));
    },

    async createRule(input: AlertRuleFields & { ruleId?: string; ownerId: string | null }): Promise<AlertRuleEntity> {
      const { ownerId, ruleId, ...fields } = input;
      const row = await repos.alerts.insertRule({ ...fields, rule_id: ruleId ?? newId("rule"), owner_id: ownerId, created_at: now() });
      if (!row) throw new ServiceError("conflict", `an alert rule with the id "${ruleId}" exists already`, [{ path: "rule_id", message: "is taken" }]);
      return publishRule(row, "alert_rule_created");
    },

    async updateRule(ruleId: string, patch: Partial<AlertRuleFields>): Promise<AlertRuleEntity> {
      const row = await repos.alerts.updateRule(ruleId, patch, now());
      if (!row) throw new ServiceError("not_found", `no alert rule ${ruleId}`);
      return publishRule(row, "alert_rule_updated");
    },

    /** Deletes the rule and its firings. */
    async deleteRule(ruleId: string): Promise<void> {
      const row = await repos.alerts.deleteRule(ruleId);
      if (!row) throw new ServiceError("not_found", `no alert rule ${ruleId}`);
      await bus.publish({ type: "alert_rule_deleted", topic: topics.alerts(), data: { rule_id: ruleId, version: row.version + 1 }, ephemeral: false });
    },

    async listFirings(query: { ruleId?: string; cursor?: string; limit: number }): Promise<AlertFiringsPage> {
      const after = decodeCursor(query.cursor);
      const rows = await repos.alerts.listFirings({ ruleId: query.ruleId, after, limit: query.limit + 1 });
      return pageOf(rows, query.limit, toFiring, (r) => ({ created_at: r.fired_at, id: r.id }));
    },

    // ---- for the alert evaluator --------------------------------------------------------------

    /** Records a firing, publishes `temporal_alert` and tells the rule's owner. Null when the rule is gone. */
    async fire(rule: { rule_id: string; name: string; severity: AlertRuleRow["severity"]; owner_id: string | null }, payload: FiringPayload, at: Date = now()): Promise<string | null> {
      const id = newId("alert");
      const firedAt = nowMs(() => at);
      let row: AlertFiringRow | undefined;
      try {
        row = await repos.alerts.insertFiring({ id, rule_id: rule.rule_id, fired_at: firedAt, payload });
      } catch {
        return null; // the rule was deleted meanwhile (foreign key)
      }
      if (!row) return null;
      await bus.publish({
        type: "temporal_alert",
        topic: topics.alerts(),
        data: { id, rule_id: rule.rule_id, fired_at: firedAt.toISOString(), payload_json: JSON.stringify(payload) },
        ephemeral: false,
      });
      if (rule.owner_id) {
        await deps.notifications.notify(rule.owner_id, {
          title: `Alert: ${rule.name}`,
          message: `${payload.topic} ${payload.field} is ${formatNumber(payload.value)} (${payload.op} ${formatNumber(payload.threshold)}) since ${payload.since}.`,
          level: LEVEL_OF_SEVERITY[rule.severity],
          link: "/alerts",
        });
      }
      return id;
    },

    /** Ends an open firing and publishes `temporal_alert_cleared`; false when it was not open. */
    async clear(firingId: string, at: Date = now()): Promise<boolean> {
      const row = await repos.alerts.clearFiring(firingId, nowMs(() => at));
      if (!row) return false;
      await bus.publish({ type: "temporal_alert_cleared", topic: topics.alerts(), data: clearedData(row), ephemeral: false });
      return true;
    },

    /** At evaluator start: firings left open by a stopped process are cleared (their windows are gone). */
    async clearAllOpen(): Promise<number> {
      let n = 0;
      for (const row of await repos.alerts.openFirings()) if (await this.clear(row.id)) n += 1;
      return n;
    },

    /** Publishes `temporal_job_status` for one sweep and keeps it for GET /api/alerts/sweep. */
    async reportSweep(status: TemporalJobStatus, stats: { rules_watched: number; open_windows: number }): Promise<void> {
      lastSweep = { status, at: now(), ...stats };
      await bus.publish({ type: "temporal_job_status", topic: topics.alerts(), data: status, ephemeral: false });
    },

    lastSweep(): AlertSweep {
      return lastSweep
        ? { status: lastSweep.status, at: lastSweep.at.toISOString(), rules_watched: lastSweep.rules_watched, open_windows: lastSweep.open_windows }
        : { status: null, at: null, rules_watched: 0, open_windows: 0 };
    },
  };
}

export type AlertsService = ReturnType<typeof createAlertsService>;

export function toAlertRule(row: AlertRuleRow): AlertRuleEntity {
  return {
    rule_id: row.rule_id,
    name: row.name,
    topic: row.topic,
    field: row.field,
    op: row.op,
    threshold: row.threshold,
    window_s: row.window_s,
    severity: row.severity,
    enabled: row.enabled,
    owner_id: row.owner_id,
    created_at: row.created_at.toISOString(),
    updated_at: row.updated_at.toISOString(),
    version: row.version,
  };
}

function toFiring(row: AlertFiringListRow): AlertFiring {
  return {
    id: row.id,
    rule_id: row.rule_id,
    rule_name: row.rule_name,
    rule_topic: row.rule_topic,
    severity: row.severity,
    fired_at: row.fired_at.toISOString(),
    cleared_at: row.cleared_at?.toISOString() ?? null,
    payload_json: JSON.stringify(row.payload),
  };
}

function clearedData(row: AlertFiringRow) {
  return {
    id: row.id,
    rule_id: row.rule_id,
    fired_at: row.fired_at.toISOString(),
    cleared_at: (row.cleared_at ?? new Date()).toISOString(),
    payload_json: JSON.stringify(row.payload),
  };
}

function formatNumber(n: number): string {
  return Number.isInteger(n) ? String(n) : n.toFixed(2);
}
