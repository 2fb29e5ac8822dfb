// The alert evaluator with an injected clock and a fake alerts service: every operator, a sustained
// breach fires once, a short blip does not, the firing clears when the condition ends and fires
// again on the next breach, pattern rules keep one window per topic, silent topics end in the sweep.
import { describe, expect, it } from "vitest";
import type { AlertOp, AlertRuleEntity } from "@/lib/protocol/entities/alerts";
import type { BusEvent } from "../../bus/bus";
import { createLogger } from "../../log";
import type { FiringPayload } from "../../services/alerts";
import { createAlertEvaluator } from "./evaluator";
import { comparator, fieldReader } from "./operators";

const T0 = Date.parse("2026-11-22T10:00:00.000Z");

function rule(overrides: Partial<AlertRuleEntity> = {}): AlertRuleEntity {
  return {
    rule_id: "rule_1",
    name: "CPU hot",
    topic: "system",
    field: "cpu.usage",
    op: "gt",
    threshold: 90,
    window_s: 60,
    severity: "warning",
    enabled: true,
    owner_id: "u1",
    created_at: new Date(T0).toISOString(),
    updated_at: new Date(T0).toISOString(),
    version: 1,
    ...overrides,
  };
}

function setup(rules: AlertRuleEntity[]) {
  let now = T0;
  const fired: { id: string; rule_id: string; payload: FiringPayload }[] = [];
  const cleared: string[] = [];
  const sweeps: { touched_events: number }[] = [];
  let seq = 0;
  const evaluator = createAlertEvaluator({
    alerts: {
      listRules: async () => rules,
      fire: async (r, payload) => {
        const id = `alert_${++seq}`;
        fired.push({ id, rule_id: r.rule_id, payload });
        return id;
      },
      clear: async (id) => {
        cleared.push(id);
        return true;
      },
      clearAllOpen: async () => 0,
      reportSweep: async (status) => void sweeps.push(status),
    },
    bus: { subscribe: () => () => {} },
    log: createLogger("silent"),
    now: () => now,
    sweepMs: 60_000,
  });
  for (const r of rules) evaluator.setRule(r);
  const at = (seconds: number) => {
    now = T0 + seconds * 1000;
  };
  const send = async (seconds: number, topic: string, data: unknown, type = "system_metrics") => {
    at(seconds);
    evaluator.observe({ type, topic, ts: new Date(now).toISOString(), data } satisfies BusEvent);
    await evaluator.idle();
  };
  return { evaluator, fired, cleared, sweeps, at, send };
}

const cpu = (usage: number) => ({ cpu: { usage, cores: 8, frequency: 3 } });
const quote = (ticker: string, change_percent: number) => ({ ticker, price: 100, change: change_percent, change_percent, volume: 10, timestamp: new Date(T0).toISOString() });

describe("operators", () => {
  it.each<[AlertOp, number, boolean]>([
    ["gt", 91, true],
    ["gt", 90, false],
    ["gte", 90, true],
    ["gte", 89.9, false],
    ["lt", 89, true],
    ["lt", 90, false],
    ["lte", 90, true],
    ["lte", 90.1, false],
    ["eq", 90, true],
    ["eq", 90.5, false],
    ["ne", 91, true],
    ["ne", 90, false],
  ])("%s 90 with %d is %s", (op, value, expected) => {
    expect(comparator(op, 90)(value)).toBe(expected);
  });

  it("reads dot paths as numbers only", () => {
    expect(fieldReader("cpu.usage")(cpu(42))).toBe(42);
    expect(fieldReader("change_percent")(quote("A", -3.5))).toBe(-3.5);
    expect(fieldReader("cpu.missing")(cpu(42))).toBeUndefined();
    expect(fieldReader("cpu")(cpu(42))).toBeUndefined();
    expect(fieldReader("a.b")(null)).toBeUndefined();
    expect(fieldReader("x")({ x: "12" })).toBeUndefined();
  });
});

describe("the window of a rule", () => {
  it("fires once for a sustained breach, with what matched", async () => {
    const { fired, send } = setup([rule()]);
    for (let s = 0; s <= 120; s++) await send(s, "system", cpu(95));
    expect(fired).toHaveLength(1);
    expect(fired[0]!.payload).toMatchObject({ topic: "system", field: "cpu.usage", op: "gt", threshold: 90, value: 95, since: new Date(T0).toISOString() });
  });

  it("does not fire for a blip shorter than the window", async () => {
    const { fired, send } = setup([rule()]);
    for (let s = 0; s < 30; s++) await send(s, "system", cpu(95));
    await send(30, "system", cpu(50));
    for (let s = 31; s < 80; s++) await send(s, "system", cpu(95));
    expect(fired).toHaveLength(0);
    await send(91, "system", cpu(95)); // 60 s since 31
    expect(fired).toHaveLength(1);
  });

  it("clears when the condition ends and fires again on the next breach", async () => {
    const { fired, cleared, send } = setup([rule({ window_s: 10 })]);
    for (let s = 0; s <= 12; s++) await send(s, "system", cpu(95));
    expect(fired.map((f) => f.id)).toEqual(["alert_1"]);
    await send(13, "system", cpu(40));
    expect(cleared).toEqual(["alert_1"]);
    await send(14, "system", cpu(40));
    expect(cleared).toHaveLength(1);
    for (let s = 20; s <= 30; s++) await send(s, "system", cpu(99));
    expect(fired.map((f) => f.id)).toEqual(["alert_1", "alert_2"]);
  });

  it("keeps one window per topic for a pattern rule, and reads each quote of a batch", async () => {
    const { fired, cleared, send } = setup([rule({ topic: "market:*", field: "change_percent", op: "lt", threshold: -3, window_s: 10 })]);
    await send(0, "market:AAA", [quote("AAA", -4)], "market_data_batch");
    await send(5, "market:BBB", quote("BBB", -5), "market_data");
    await send(10, "market:AAA", [quote("AAA", -4.5)], "market_data_batch");
    expect(fired.map((f) => f.payload.topic)).toEqual(["market:AAA"]);
    await send(15, "market:BBB", quote("BBB", -6), "market_data");
    expect(fired.map((f) => f.payload.topic)).toEqual(["market:AAA", "market:BBB"]);
    await send(16, "market:AAA", quote("AAA", 1), "market_data");
    expect(cleared).toEqual([fired[0]!.id]);
  });

  it("matches each item's ticker against an exact rule in a batch of several tickers", async () => {
    const { fired, send } = setup([rule({ topic: "market:ZZZ", field: "change_percent", op: "lt", threshold: -3, window_s: 1 })]);
    await send(0, "market:AAA", [quote("AAA", -9), quote("ZZZ", -4)], "market_data_batch");
    await send(2, "market:AAA", [quote("AAA", -9), quote("ZZZ", -4)], "market_data_batch");
    expect(fired.map((f) => f.payload.topic)).toEqual(["market:ZZZ"]);
  });

  it("ignores disabled rules, other topics and missing fields; follows rule edits", async () => {
    const { evaluator, fired, cleared, send } = setup([rule({ window_s: 1 }), rule({ rule_id: "rule_off", enabled: false, window_s: 1 })]);
    await send(0, "market:AAA", quote("AAA", 95), "market_data");
    await send(0, "system", { memory: { usage: 99 } });
    expect(evaluator.stats().open_windows).toBe(0);
    await send(1, "system", cpu(95));
    await send(3, "system", cpu(95));
    expect(fired.map((f) => f.rule_id)).toEqual(["rule_1"]);
    evaluator.setRule(rule({ window_s: 1, enabled: false, version: 2 }));
    await evaluator.idle();
    expect(cleared).toEqual([fired[0]!.id]);
    evaluator.setRule(rule({ window_s: 1, version: 1 })); // an older copy does not come back
    await send(5, "system", cpu(95));
    await send(7, "system", cpu(95));
    expect(fired).toHaveLength(1);
  });

  it("fires in the sweep when the condition still holds, clears silent topics and reports what it looked at", async () => {
    const { evaluator, fired, cleared, sweeps, at, send } = setup([rule({ window_s: 10 })]);
    await send(0, "system", cpu(95));
    at(11);
    await evaluator.sweep();
    await evaluator.idle();
    expect(fired).toHaveLength(1);
    expect(sweeps.at(-1)).toEqual({ job: "alert-sweep", touched_events: 1, days_back: 0 });
    at(45); // silent for more than 30 s
    await evaluator.sweep();
    await evaluator.idle();
    expect(cleared).toEqual([fired[0]!.id]);
    expect(sweeps.at(-1)).toEqual({ job: "alert-sweep", touched_events: 0, days_back: 0 });
    expect(evaluator.stats().open_windows).toBe(0);
  });
});
