import { describe, expect, it } from "vitest";
import { createDagBody } from "./dags";
import { DAG_OPERATORS } from "./dag-operators";

const issues = (operator: keyof typeof DAG_OPERATORS, params: unknown) => {
  const r = DAG_OPERATORS[operator].params.safeParse(params);
  return r.success ? [] : r.error.issues.map((i) => `${i.path.join(".")}: ${i.message}`);
};

describe("operator params", () => {
  it("accepts every operator's example", () => {
    for (const [name, op] of Object.entries(DAG_OPERATORS)) expect(op.params.safeParse(op.example).success, name).toBe(true);
  });

  it("delay needs whole milliseconds up to an hour", () => {
    expect(issues("delay", { ms: -1 })).toEqual(["ms: must be 0 or more"]);
    expect(issues("delay", { ms: 3_600_001 })).toEqual(["ms: at most one hour"]);
    expect(issues("delay", {})).toEqual(["ms: must be a number of milliseconds"]);
    expect(issues("delay", { ms: 5, extra: 1 })).toHaveLength(1);
  });

  it("http_request needs an http(s) URL and a known method, and defaults to GET expecting 200", () => {
    expect(issues("http_request", { url: "ftp://x.test/" })).toEqual(["url: must be an absolute http or https URL"]);
    expect(issues("http_request", { url: "http://x.test/", method: "BREW" })[0]).toMatch(/^method: must be one of GET, POST/);
    expect(DAG_OPERATORS.http_request.params.parse({ url: "http://127.0.0.1/" })).toMatchObject({ method: "GET", expected_status: 200 });
  });

  it("process_file needs a file name with an extension and content", () => {
    expect(issues("process_file", { filename: "notes", content: "x" })).toEqual(["filename: needs an extension (.txt, .md, .csv, .json, .html)"]);
    expect(issues("process_file", { filename: "a.txt", content: "" })).toEqual(["content: is required"]);
  });

  it("notify needs a title and a known level; fail needs a message", () => {
    expect(issues("notify", { title: "", level: "loud" }).map((i) => i.split(":")[0])).toEqual(["title", "level"]);
    expect(issues("fail", {})).toEqual(["message: Invalid input: expected string, received undefined"]);
  });

  it("leaves a templated string to the run, and still checks the rest", () => {
    const steps = [{ step_id: "call", operator: "http_request", params: { url: "{{params.base}}/health", expected_status: 99 } }];
    const r = createDagBody.safeParse({ name: "t", steps });
    expect(r.success).toBe(false);
    expect(r.error!.issues.map((i) => i.path.join("."))).toEqual(["steps.0.params.expected_status"]);
  });
});
