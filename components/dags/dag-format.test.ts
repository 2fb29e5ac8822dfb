// Tests of the DAGs page's words and shapes: dependency order, grid columns and rows, cell and run
// descriptions, issue paths, referenced params, step formatting and appending.
import { describe, expect, it } from "vitest";

import { createDagBody } from "@/lib/api/dags";
import { iso } from "@/lib/realtime/testing/fixtures";
import type { DagRunRow } from "@/lib/query/hooks/use-dags";
import {
  appendStep,
  DAG_TEMPLATE_STEPS,
  describeRun,
  describeStepCell,
  formatIssuePath,
  formatStepDuration,
  formatSteps,
  gridRows,
  gridRuns,
  referencedParams,
  topologicalSteps,
} from "./dag-format";
import { makeDag, makeRun } from "./dag-fixtures";

const step = (step_id: string, depends_on: string[] = []) => ({ step_id, depends_on, operator: "delay", params: { ms: 1 }, retries: 0 });

describe("topologicalSteps", () => {
  it("puts every step after its dependencies, keeping the definition's order among ready steps", () => {
    const ordered = topologicalSteps([step("load", ["transform"]), step("extract"), step("transform", ["extract"]), step("audit", ["extract"])]);
    expect(ordered.map((s) => s.step_id)).toEqual(["extract", "transform", "audit", "load"]);
  });

  it("keeps steps of a cycle (never stored, but be safe) at the end", () => {
    expect(topologicalSteps([step("a", ["b"]), step("b", ["a"]), step("c")]).map((s) => s.step_id)).toEqual(["c", "a", "b"]);
  });
});

describe("grid", () => {
  it("shows the newest runs, oldest on the left; a run being triggered is the newest", () => {
    const runs: DagRunRow[] = [
      makeRun({ run_id: "r3", created_at: iso(30) }),
      makeRun({ run_id: "r1", created_at: iso(10) }),
      { ...makeRun({ run_id: "pending-x", created_at: iso(5), client_mutation_id: "x" }), _pending: true },
      makeRun({ run_id: "r2", created_at: iso(20) }),
    ];
    expect(gridRuns(runs, 3).map((r) => r.run_id)).toEqual(["r2", "r3", "pending-x"]);
  });

  it("has a row per step in dependency order, then steps that old runs had and the definition lost", () => {
    const dag = makeDag({ dag_id: "etl", steps: [step("load", ["extract"]), step("extract")] });
    const rows = gridRows(dag, [makeRun({ run_id: "r1" }, {}, ["extract", "clean", "load"])]);
    expect(rows).toEqual([
      { step_id: "extract", operator: "delay", removed: false },
      { step_id: "load", operator: "delay", removed: false },
      { step_id: "clean", operator: null, removed: true },
    ]);
  });

  it("describes cells and runs in words", () => {
    expect(describeStepCell("extract", { status: "success", duration: 1234, retry_count: 1, error: null })).toBe("extract: success, 1.2 s, retries 1");
    expect(describeStepCell("load", { status: "failed", duration: 80, retry_count: 0, error: "boom" })).toBe("load: failed, 80 ms (boom)");
    expect(describeStepCell("notify", { status: "upstream_failed", duration: null, retry_count: 0, error: null })).toBe("notify: upstream failed");
    expect(describeStepCell("later", undefined)).toBe("later: pending");
    const run = makeRun({ run_id: "r1", status: "success", started_at: iso(0), ended_at: iso(3.4) });
    expect(describeRun(run, () => "10:00:00")).toBe("Run started 10:00:00: success, 3.4 s");
    const running = makeRun({ run_id: "r2", status: "running", started_at: iso(0), ended_at: null, completed_steps: 1, total_steps: 2 });
    expect(describeRun(running, () => "10:00:00")).toBe("Run started 10:00:00: running, 1 of 2 steps done");
    expect(formatStepDuration(125_000)).toBe("2m 5s");
  });
});

describe("formatIssuePath", () => {
  it("writes indexes in brackets", () => {
    expect(formatIssuePath("steps.1.depends_on.0")).toBe("steps[1].depends_on[0]");
    expect(formatIssuePath(["steps", 2, "params", "ms"])).toBe("steps[2].params.ms");
    expect(formatIssuePath("steps")).toBe("steps");
    expect(formatIssuePath("")).toBe("");
  });
});

describe("referencedParams", () => {
  it("finds {{params.x}} in any string param, once each", () => {
    const dag = makeDag({
      dag_id: "d",
      steps: [
        { ...step("a"), operator: "notify", params: { title: "Hi {{params.who}}", message: "{{ params.what }} and {{params.who}}" } },
        { ...step("b"), operator: "http_request", params: { url: "http://x/{{params.path}}", headers: { k: "{{params.token}}" } } },
      ],
    });
    expect(referencedParams(dag)).toEqual(["who", "what", "path", "token"]);
  });
});

describe("editor text", () => {
  it("the template is a valid definition", () => {
    expect(createDagBody.safeParse({ name: "T", steps: JSON.parse(formatSteps(DAG_TEMPLATE_STEPS)) }).success).toBe(true);
  });

  it("formats steps readably: fields in order, empty defaults left out, short lists on one line", () => {
    expect(formatSteps([{ params: { ms: 5 }, retries: 0, step_id: "a", operator: "delay", depends_on: [] }, { ...step("b", ["a"]), retries: 2 }])).toBe(
      [
        "[",
        "  {",
        '    "step_id": "a",',
        '    "operator": "delay",',
        '    "params": { "ms": 5 }',
        "  },",
        "  {",
        '    "step_id": "b",',
        '    "operator": "delay",',
        '    "depends_on": ["a"],',
        '    "params": { "ms": 1 },',
        '    "retries": 2',
        "  }",
        "]",
      ].join("\n"),
    );
  });

  it("appends a step with the operator's example, depending on the last step, with a fresh id", () => {
    const text = appendStep(formatSteps([step("delay")]), "delay")!;
    expect(JSON.parse(text)).toEqual([
      { step_id: "delay", operator: "delay", params: { ms: 1 } },
      { step_id: "delay_2", operator: "delay", depends_on: ["delay"], params: { ms: 1000 } },
    ]);
    expect(appendStep("", "fail")).not.toBeNull();
    expect(appendStep("{", "fail")).toBeNull();
    expect(appendStep("{}", "fail")).toBeNull();
  });
});
