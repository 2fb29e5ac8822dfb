// Tests of the locating JSON parser: same values as JSON.parse, spans by path, and syntax errors with line and column.
import fc from "fast-check";
import { describe, expect, it } from "vitest";

import { lineColumn, locate, parseJsonWithLocations } from "./json-locate";

describe("parseJsonWithLocations", () => {
  it("parses what JSON.parse parses, to the same value", () => {
    fc.assert(
      fc.property(fc.jsonValue(), fc.constantFrom(undefined, 2), (value, indent) => {
        const text = JSON.stringify(value, null, indent);
        const parsed = parseJsonWithLocations(text);
        expect(parsed.ok).toBe(true);
        if (parsed.ok) expect(parsed.value).toEqual(JSON.parse(text));
      }),
    );
  });

  it("says where each value is; a missing one points at its parent", () => {
    const text = '[\n  {"step_id": "a", "depends_on": ["x"], "params": {"ms": 5}}\n]';
    const parsed = parseJsonWithLocations(text);
    if (!parsed.ok) throw new Error(parsed.message);
    const at = (path: Array<string | number>) => {
      const span = locate(parsed.spans, path)!;
      return text.slice(span.start, span.end);
    };
    expect(at([0, "depends_on", 0])).toBe('"x"');
    expect(at([0, "params", "ms"])).toBe("5");
    expect(at([0, "params", "url"])).toBe('{"ms": 5}');
    expect(at([])).toBe(text);
  });

  it("reports syntax errors with a position people can find", () => {
    const trailing = parseJsonWithLocations('[\n  {"a": 1},\n]');
    expect(trailing).toMatchObject({ ok: false, message: "Trailing comma before ']'", line: 3, column: 1 });
    const quotes = parseJsonWithLocations("{'a': 1}");
    expect(quotes).toMatchObject({ ok: false, line: 1, column: 2 });
    expect(parseJsonWithLocations('{"a" 1}')).toMatchObject({ ok: false, message: `Expected ':' after the property name "a"` });
    expect(parseJsonWithLocations("")).toMatchObject({ ok: false, message: "The text is empty: expected a JSON value" });
    expect(parseJsonWithLocations("[1] 2")).toMatchObject({ ok: false, message: "Unexpected '2' after the end of the value" });
    expect(parseJsonWithLocations('"a\nb"')).toMatchObject({ ok: false, message: "Unterminated string" });
  });

  it("refuses everything JSON.parse refuses", () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 12 }), (text) => {
        let native = true;
        try {
          JSON.parse(text);
        } catch {
          native = false;
        }
        expect(parseJsonWithLocations(text).ok).toBe(native);
      }),
    );
  });

  it("counts lines and columns from 1", () => {
    expect(lineColumn("ab\ncd", 0)).toEqual({ line: 1, column: 1 });
    expect(lineColumn("ab\ncd", 4)).toEqual({ line: 2, column: 2 });
  });
});
