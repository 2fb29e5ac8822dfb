import { describe, expect, it } from "vitest";
import { fillParams } from "./templating";

describe("fillParams", () => {
  it("fills placeholders inside strings, deep in objects and arrays", () => {
    const filled = fillParams({ url: "{{params.base}}/api?x={{ params.n }}", list: ["{{params.base}}"], n: 3 }, { base: "http://h", n: 7 });
    expect(filled).toEqual({ url: "http://h/api?x=7", list: ["http://h"], n: 3 });
  });

  it("keeps a whole-string placeholder's value as it is, and empties missing ones", () => {
    expect(fillParams({ ms: "{{params.wait}}", note: "[{{params.missing}}]" }, { wait: 250 })).toEqual({ ms: 250, note: "[]" });
  });
});
