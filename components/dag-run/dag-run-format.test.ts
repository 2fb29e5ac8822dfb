// The words and numbers of the run page, and the join of a run's steps with their definitions.
import { describe, expect, it } from "vitest";
import type { DagRunStep, DagStepDefinition } from "@/lib/protocol/entities/dags";
import {
  countsText,
  formatStepDuration,
  operatorLabel,
  paramEntries,
  retriesShort,
  retriesText,
  runElapsedMs,
  stepElapsedMs,
  stepStatusText,
} from "./dag-run-format";
import { buildRunSteps } from "./run-steps";

const T = Date.parse("2026-01-01T10:00:00.000Z");
const at = (ms: number) => new Date(T + ms).toISOString();

describe("formatting", () => {
  it("formats step durations with a precision that suits them", () => {
    expect(formatStepDuration(42)).toBe("42 ms");
    expect(formatStepDuration(2_460)).toBe("2.4 s");
    expect(formatStepDuration(42_900)).toBe("42 s");
    expect(formatStepDuration(185_000)).toBe("3m 5s");
    expect(formatStepDuration(null)).toBe("–");
    expect(formatStepDuration(-5)).toBe("0 ms");
  });

  it("names statuses, operators and retries", () => {
    expect(stepStatusText({ status: "upstream_failed", retry_count: 0 })).toBe("Upstream failed");
    expect(stepStatusText({ status: "pending", retry_count: 1 })).toBe("Waiting to retry");
    expect(operatorLabel("http_request")).toBe("HTTP request");
    expect(operatorLabel("custom_thing")).toBe("custom_thing");
    expect(operatorLabel(null)).toBe("Unknown operator");
    expect(retriesText(0, 0)).toBe("No retries allowed");
    expect(retriesText(1, 3)).toBe("1 of 3 retries used");
    expect(retriesText(1, 1)).toBe("1 of 1 retry used");
    expect(retriesText(2, null)).toBe("Retried 2×");
    expect(retriesShort(0, 3)).toBeNull();
    expect(retriesShort(1, 3)).toBe("retry 1/3");
  });

  it("counts steps and lists params", () => {
    expect(countsText({ total_steps: 5, completed_steps: 3, running_steps: 1, failed_steps: 1, pending_steps: 0 })).toBe(
      "3 of 5 steps done · 1 running · 1 failed",
    );
    expect(paramEntries({ region: "eu", limit: 3, tags: ["a"] })).toEqual([
      ["limit", "3"],
      ["region", "eu"],
      ["tags", '["a"]'],
    ]);
    expect(paramEntries({})).toEqual([]);
  });
});

describe("elapsed times", () => {
  it("uses a finished step's duration, and the clock for a running one", () => {
    expect(stepElapsedMs({ status: "success", start_time: at(0), end_time: at(3_000), duration: 2_900 }, T + 99_000)).toBe(2_900);
    expect(stepElapsedMs({ status: "running", start_time: at(1_000), end_time: null, duration: null }, T + 4_000)).toBe(3_000);
    expect(stepElapsedMs({ status: "pending", start_time: null, end_time: null, duration: null }, T)).toBeNull();
    expect(stepElapsedMs({ status: "running", start_time: at(5_000), end_time: null, duration: null }, T)).toBe(0);
  });

  it("measures the run until it ends, or until now while it goes on", () => {
    expect(runElapsedMs({ status: "success", started_at: at(0), ended_at: at(7_000) }, T + 99_000)).toBe(7_000);
    expect(runElapsedMs({ status: "running", started_at: at(0), ended_at: null }, T + 5_000)).toBe(5_000);
    expect(runElapsedMs({ status: "queued", started_at: null, ended_at: null }, T)).toBeNull();
  });
});

describe("buildRunSteps", () => {
  const dag: { steps: DagStepDefinition[] } = {
    steps: [
      { step_id: "extract", depends_on: [], operator: "delay", params: { ms: 1 }, retries: 0 },
      { step_id: "load", depends_on: ["extract", "gone"], operator: "http_request", params: {}, retries: 2 },
    ],
  };
  const runStep = (step_id: string, over: Partial<DagRunStep> = {}): DagRunStep => ({
    dag_id: "d",
    run_id: "r",
    step_id,
    status: "pending",
    start_time: null,
    end_time: null,
    duration: null,
    retry_count: 0,
    error: null,
    version: 1,
    ...over,
  });

  it("joins the run's steps with their definitions, in the definition's order", () => {
    const views = buildRunSteps([runStep("load", { status: "running", retry_count: 1 }), runStep("extract", { status: "success" }), runStep("extra")], dag);
    expect(views.map((v) => [v.step_id, v.status, v.operator, v.depends_on, v.retries, v.retry_count])).toEqual([
      ["extract", "success", "delay", [], 0, 0],
      ["load", "running", "http_request", ["extract"], 2, 1],
      ["extra", "pending", null, [], null, 0],
    ]);
  });

  it("shows the definition's steps as pending before the run has any, and the run's alone without a definition", () => {
    expect(buildRunSteps([], dag).map((v) => [v.step_id, v.status])).toEqual([
      ["extract", "pending"],
      ["load", "pending"],
    ]);
    expect(buildRunSteps([runStep("b"), runStep("a")], null).map((v) => [v.step_id, v.operator, v.depends_on])).toEqual([
      ["b", null, []],
      ["a", null, []],
    ]);
  });
});
