// Tests of the DAG editor's checks: the body it sends, problems with their paths (located in the
// JSON text), JSON syntax errors, and the server's issues shown the same way.
import { describe, expect, it } from "vitest";

import { checkDraft, emptyDraft, serverIssues, type DagDraft } from "./dag-draft";
import { formatSteps } from "./dag-format";

const draft = (steps: unknown, over: Partial<DagDraft> = {}): DagDraft => ({ dagId: "", name: "ETL", description: "", steps: formatSteps(steps as never), ...over });
const spanText = (d: DagDraft, span: { start: number; end: number } | undefined) => (span ? d.steps.slice(span.start, span.end) : null);

describe("checkDraft", () => {
  it("accepts the starting template and sends the parsed body (defaults filled, blank description null)", () => {
    const result = checkDraft({ ...emptyDraft(), name: "  Nightly  " }, "create");
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    expect(result.body).toMatchObject({ name: "Nightly", description: null });
    expect(result.body.steps[0]).toMatchObject({ step_id: "wait", depends_on: [], retries: 0 });
    expect(result.body).not.toHaveProperty("dag_id");
  });

  it("names each problem by its path, with its step, and finds it in the text", () => {
    const d = draft([
      { step_id: "extract", operator: "delay", params: { ms: -5 } },
      { step_id: "load", operator: "notify", depends_on: ["x"], params: { title: "Done" } },
      { step_id: "ping", operator: "teleport", params: {} },
    ]);
    const result = checkDraft(d, "edit");
    expect(result.ok).toBe(false);
    const issues = result.issues.map((i) => [i.field, i.label, i.message, i.stepId, spanText(d, i.span)]);
    expect(issues).toEqual([
      ["steps", "steps[0].params.ms", "must be 0 or more", "extract", "-5"],
      ["steps", "steps[2].operator", expect.stringMatching(/^unknown operator "teleport"; use one of delay, /), "ping", '"teleport"'],
      ["steps", "steps[1].depends_on[0]", 'unknown step "x"', "load", '"x"'],
    ]);
  });

  it("reports a cycle on the steps as a whole", () => {
    const result = checkDraft(
      draft([
        { step_id: "a", operator: "delay", depends_on: ["b"], params: { ms: 1 } },
        { step_id: "b", operator: "delay", depends_on: ["a"], params: { ms: 1 } },
      ]),
      "create",
    );
    expect(result.issues).toMatchObject([{ field: "steps", label: "steps", message: "dependency cycle: a -> b -> a" }]);
  });

  it("reports broken JSON with its line and column, and still checks the name", () => {
    const d: DagDraft = { dagId: "", name: " ", description: "", steps: '[\n  { "step_id": "a" ' };
    const result = checkDraft(d, "create");
    expect(result.issues.map((i) => [i.field, i.label, i.message])).toEqual([
      ["steps", "JSON, line 2 column 20", "Unexpected end of the text: expected ',' or '}'"],
      ["name", "name", "is required"],
    ]);
  });

  it("checks the optional id when creating", () => {
    const result = checkDraft({ ...emptyDraft(), name: "ETL", dagId: "no spaces please" }, "create");
    expect(result.issues).toMatchObject([{ field: "dag_id", message: expect.stringContaining("must be 1-128 characters") }]);
  });
});

describe("serverIssues", () => {
  it("shows the server's paths like the browser's, located in the text that was sent", () => {
    const d = draft([
      { step_id: "a", operator: "delay", params: { ms: 1 } },
      { step_id: "b", operator: "delay", depends_on: ["a"], params: { ms: 2 } },
    ]);
    const issues = serverIssues(
      [
        { path: "steps.1.params.ms", message: "too slow for this server" },
        { path: "", message: "DAG limit reached" },
      ],
      d.steps,
    );
    expect(issues.map((i) => [i.field, i.label, i.stepId, spanText(d, i.span)])).toEqual([
      ["steps", "steps[1].params.ms", "b", "2"],
      ["form", "", undefined, null],
    ]);
  });
});
