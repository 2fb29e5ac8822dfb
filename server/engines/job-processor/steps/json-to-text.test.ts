import { describe, expect, it } from "vitest";
import { jsonToText } from "./json-to-text";
import { ProcessingError } from "./processing-error";

describe("jsonToText", () => {
  it("flattens values into `path: value` lines in document order", () => {
    const json = JSON.stringify({ title: "Report", author: { name: "Ann", tags: ["a", "b"] }, "odd key": "x", n: 3, ok: false, none: null, blank: " " });
    expect(jsonToText(json)).toBe(["title: Report", "author.name: Ann", "author.tags[0]: a", "author.tags[1]: b", '["odd key"]: x', "n: 3", "ok: false"].join("\n"));
  });

  it("lists a bare top-level value alone, and arrays by index", () => {
    expect(jsonToText('"just text"')).toBe("just text");
    expect(jsonToText('[{"a":"x"},["y"]]')).toBe("[0].a: x\n[1][0]: y");
  });

  it("survives very deep nesting", () => {
    const deep = "[".repeat(5000) + '"bottom"' + "]".repeat(5000);
    expect(jsonToText(deep)).toBe(`${"[0]".repeat(5000)}: bottom`);
  });

  it("rejects invalid JSON with the parser's reason and position", () => {
    const bad = '{\n  "a": 1,\n}';
    expect(() => jsonToText(bad)).toThrow(ProcessingError);
    try {
      jsonToText(bad);
      expect.unreachable();
    } catch (error) {
      expect(error).toBeInstanceOf(ProcessingError);
      expect((error as ProcessingError).code).toBe("invalid_json");
      expect((error as ProcessingError).message).toMatch(/^invalid JSON: .+/);
      expect((error as ProcessingError).message).toContain("(line 3 column 1)");
    }
    expect(() => jsonToText("{")).toThrow(/^invalid JSON: /);
  });
});
