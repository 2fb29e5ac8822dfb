// Tests of DAG definitions: step ids, dependencies, cycles and the optional step timeout.
import { describe, expect, it } from "vitest";
import { dagSchema, dagStepsSchema } from "./dags";

const step = (step_id: string, depends_on: string[] = [], extra: Record<string, unknown> = {}) => ({
  step_id,
  depends_on,
  operator: "noop",
  params: {},
  retries: 0,
  ...extra,
});

function messages(steps: unknown): string[] {
  const result = dagStepsSchema.safeParse(steps);
  return result.success ? [] : result.error.issues.map((i) => `${i.path.join(".")}: ${i.message}`);
}

describe("dagStepsSchema", () => {
  it("accepts a diamond", () => {
    expect(messages([step("a"), step("b", ["a"]), step("c", ["a"]), step("d", ["b", "c"])])).toEqual([]);
  });

  it("keeps timeout_s optional and positive", () => {
    const parsed = dagStepsSchema.parse([step("a"), step("b", ["a"], { timeout_s: 30 })]);
    expect(parsed[0]).not.toHaveProperty("timeout_s");
    expect(parsed[1]!.timeout_s).toBe(30);
    expect(messages([step("a", [], { timeout_s: 0 })])).toEqual([expect.stringMatching(/^0\.timeout_s:/)]);
  });

  it("refuses duplicate step ids", () => {
    expect(messages([step("a"), step("a")])).toEqual(['1.step_id: duplicate step_id "a"']);
  });

  it("refuses unknown dependencies", () => {
    expect(messages([step("a", ["zzz"])])).toEqual(['0.depends_on.0: unknown step "zzz"']);
  });

  it("refuses a self-dependency", () => {
    expect(messages([step("a", ["a"])])).toEqual(["0.depends_on.0: a step cannot depend on itself"]);
  });

  it("refuses a cycle and names it", () => {
    expect(messages([step("a", ["c"]), step("b", ["a"]), step("c", ["b"]), step("d")])).toEqual([
      ": dependency cycle: a -> c -> b -> a",
    ]);
  });

  it("refuses an empty DAG and negative retries", () => {
    expect(messages([])).toHaveLength(1);
    expect(messages([step("a", [], { retries: -1 })])).toEqual([expect.stringMatching(/^0\.retries:/)]);
  });

  it("is used by the Dag entity", () => {
    const dag = { dag_id: "d1", name: "d", description: null, steps: [step("a", ["a"])], version: 1 };
    expect(dagSchema.safeParse(dag).success).toBe(false);
    expect(dagSchema.safeParse({ ...dag, steps: [step("a")] }).success).toBe(true);
  });
});
