import { describe, expect, it } from "vitest";
import { descendantsOf, readySteps, runOutcome, topologicalOrder, type StepState } from "./dag-graph";

// a -> b, a -> c, (b, c) -> d: a diamond, plus e standing alone.
const diamond = [
  { step_id: "d", depends_on: ["b", "c"] },
  { step_id: "b", depends_on: ["a"] },
  { step_id: "c", depends_on: ["a"] },
  { step_id: "a", depends_on: [] },
  { step_id: "e", depends_on: [] },
];
const state = (entries: Record<string, StepState["status"]>, retry: Record<string, string> = {}): StepState[] =>
  Object.entries(entries).map(([step_id, status]) => ({ step_id, status, next_attempt_at: retry[step_id] ?? null }));
const now = new Date("2026-01-01T00:00:10.000Z");

describe("DAG graph rules", () => {
  it("orders steps after their dependencies", () => {
    const order = topologicalOrder(diamond).map((s) => s.step_id);
    expect(order.indexOf("a")).toBeLessThan(order.indexOf("b"));
    expect(order.indexOf("b")).toBeLessThan(order.indexOf("d"));
    expect(order.indexOf("c")).toBeLessThan(order.indexOf("d"));
    expect(order).toHaveLength(5);
  });

  it("finds every descendant of a step", () => {
    expect(descendantsOf(diamond, "a").sort()).toEqual(["b", "c", "d"]);
    expect(descendantsOf(diamond, "c")).toEqual(["d"]);
    expect(descendantsOf(diamond, "e")).toEqual([]);
  });

  it("selects the roots first, then steps whose every dependency succeeded", () => {
    expect(readySteps(diamond, state({ a: "pending", b: "pending", c: "pending", d: "pending", e: "pending" }), now)).toEqual(["a", "e"]);
    expect(readySteps(diamond, state({ a: "success", b: "pending", c: "pending", d: "pending", e: "running" }), now)).toEqual(["b", "c"]);
    // d waits for c even though b is done.
    expect(readySteps(diamond, state({ a: "success", b: "success", c: "running", d: "pending", e: "success" }), now)).toEqual([]);
    expect(readySteps(diamond, state({ a: "success", b: "success", c: "success", d: "pending", e: "success" }), now)).toEqual(["d"]);
  });

  it("holds a step back until its retry is due", () => {
    const waiting = state({ a: "pending", b: "pending", c: "pending", d: "pending", e: "pending" }, { a: "2026-01-01T00:00:11.000Z" });
    expect(readySteps(diamond, waiting, now)).toEqual(["e"]);
    expect(readySteps(diamond, waiting, new Date("2026-01-01T00:00:11.000Z"))).toEqual(["a", "e"]);
  });

  it("never runs a step below a failed one", () => {
    expect(readySteps(diamond, state({ a: "failed", b: "upstream_failed", c: "upstream_failed", d: "upstream_failed", e: "success" }), now)).toEqual([]);
  });

  it("gives the outcome only when nothing is pending or running", () => {
    expect(runOutcome(state({ a: "success", b: "running" }))).toBeNull();
    expect(runOutcome(state({ a: "success", b: "success" }))).toBe("success");
    expect(runOutcome(state({ a: "failed", b: "upstream_failed" }))).toBe("failed");
    expect(runOutcome(state({ a: "success", b: "skipped" }))).toBe("success");
  });
});
