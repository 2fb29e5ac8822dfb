// Tests of safeNextPath: only same-site paths survive as the post-login destination.
import { describe, expect, it } from "vitest";

import { safeNextPath } from "./safe-next";

describe("safeNextPath", () => {
  it.each([
    ["/", "/"],
    ["/jobs", "/jobs"],
    ["/jobs?status=failed#top", "/jobs?status=failed#top"],
    ["/dags/dag_1/runs", "/dags/dag_1/runs"],
    ["/jobs?x=1&_rsc=abc123", "/jobs?x=1"],
    ["/?_rsc=abc123", "/"],
  ])("keeps the local path %s", (input, expected) => {
    expect(safeNextPath(input)).toBe(expected);
  });

  it.each([
    [null],
    [undefined],
    [""],
    ["jobs"],
    ["https://evil.example/"],
    ["//evil.example"],
    ["/\\evil.example"],
    ["/\t/evil.example"],
    ["javascript:alert(1)"],
    ["/login"],
    ["/login?next=/jobs"],
  ])("falls back to / for %j", (input) => {
    expect(safeNextPath(input)).toBe("/");
  });
});
