// Alerts patchers: rules upsert by version and go on deletion; a firing enters the loaded feed once
// and its clearing marks it; the sweep status follows temporal_job_status.
import { QueryClient } from "@tanstack/react-query";
import { describe, expect, it } from "vitest";
import type { AlertFiring } from "@/lib/api/alerts";
import type { CatalogEvent } from "@/lib/protocol/events";
import { queryKeys } from "../keys";
import { applyEvent } from "./index";
import type { AlertRuleRow } from "./alerts";

const T0 = "2026-11-22T10:00:00.000Z";
const ev = (type: string, data: unknown): CatalogEvent => ({ type, topic: "alerts", id: `1-${Math.random()}`, ts: T0, data }) as CatalogEvent;
const rule = (version: number, extra: Partial<AlertRuleRow> = {}): AlertRuleRow => ({
  rule_id: "rule_1",
  name: "ZZZ drop",
  topic: "market:ZZZ",
  field: "change_percent",
  op: "lt",
  threshold: -3,
  window_s: 10,
  severity: "error",
  enabled: true,
  owner_id: null,
  created_at: T0,
  updated_at: T0,
  version,
  ...extra,
});

describe("alert patchers", () => {
  it("upserts rules by version, replaces a pending copy, removes deleted ones", () => {
    const qc = new QueryClient();
    qc.setQueryData<AlertRuleRow[]>(queryKeys.alerts.rules(), [rule(0, { _pending: "create" })]);
    applyEvent(qc, ev("alert_rule_created", rule(1)));
    expect(qc.getQueryData<AlertRuleRow[]>(queryKeys.alerts.rules())).toEqual([rule(1)]);
    applyEvent(qc, ev("alert_rule_updated", rule(3, { enabled: false })));
    applyEvent(qc, ev("alert_rule_updated", rule(2)));
    expect(qc.getQueryData<AlertRuleRow[]>(queryKeys.alerts.rules())?.[0]).toMatchObject({ version: 3, enabled: false });
    applyEvent(qc, ev("alert_rule_deleted", { rule_id: "rule_1", version: 4 }));
    expect(qc.getQueryData(queryKeys.alerts.rules())).toEqual([]);
  });

  it("puts a firing at the top once, named after its rule, and marks it cleared", () => {
    const qc = new QueryClient();
    qc.setQueryData<AlertRuleRow[]>(queryKeys.alerts.rules(), [rule(1)]);
    qc.setQueryData<AlertFiring[]>(queryKeys.alerts.fired(), []);
    const fired = { id: "alert_1", rule_id: "rule_1", fired_at: T0, payload_json: '{"value":-4}' };
    applyEvent(qc, ev("temporal_alert", fired));
    applyEvent(qc, ev("temporal_alert", fired));
    expect(qc.getQueryData<AlertFiring[]>(queryKeys.alerts.fired())).toEqual([{ ...fired, rule_name: "ZZZ drop", rule_topic: "market:ZZZ", severity: "error", cleared_at: null }]);
    applyEvent(qc, ev("temporal_alert_cleared", { ...fired, cleared_at: "2026-11-22T10:01:00.000Z" }));
    expect(qc.getQueryData<AlertFiring[]>(queryKeys.alerts.fired())?.[0]?.cleared_at).toBe("2026-11-22T10:01:00.000Z");
  });

  it("keeps the latest sweep", () => {
    const qc = new QueryClient();
    applyEvent(qc, ev("temporal_job_status", { job: "alert-sweep", touched_events: 12, days_back: 0 }));
    expect(qc.getQueryData(queryKeys.alerts.jobStatus())).toMatchObject({ status: { touched_events: 12 }, at: T0 });
  });
});
