import { describe, expect, it } from "vitest";
import { decodeText } from "./decode-text";
import { ProcessingError } from "./processing-error";

const utf8 = (s: string) => new TextEncoder().encode(s);

describe("decodeText", () => {
  it("decodes UTF-8, drops a BOM and normalises line endings", () => {
    const bytes = new Uint8Array([0xef, 0xbb, 0xbf, ...utf8("Café\r\nZürich\rend")]);
    expect(decodeText(bytes)).toBe("Café\nZürich\nend");
  });

  it("decodes UTF-16 with a byte order mark", () => {
    const le = new Uint8Array([0xff, 0xfe, ...[..."Hé"].flatMap((c) => [c.charCodeAt(0) & 0xff, c.charCodeAt(0) >> 8])]);
    const be = new Uint8Array([0xfe, 0xff, ...[..."Hé"].flatMap((c) => [c.charCodeAt(0) >> 8, c.charCodeAt(0) & 0xff])]);
    expect(decodeText(le)).toBe("Hé");
    expect(decodeText(be)).toBe("Hé");
  });

  it("rejects content with NUL bytes as binary", () => {
    const bytes = new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0x00, 0x00, 0x00, 0x0d]);
    expect(() => decodeText(bytes)).toThrow(ProcessingError);
    expect(() => decodeText(bytes)).toThrow(/not readable text/);
    try {
      decodeText(bytes);
    } catch (error) {
      expect((error as ProcessingError).code).toBe("unreadable");
    }
  });

  it("rejects text that is more than 10% invalid UTF-8, tolerates a little", () => {
    const mostlyInvalid = new Uint8Array([...utf8("ab"), 0xc3, 0x28, 0xff, 0xfe, 0xfd, ...utf8("cd")]);
    expect(() => decodeText(mostlyInvalid)).toThrow(ProcessingError);
    const slightlyInvalid = new Uint8Array([...utf8("a".repeat(50)), 0xff, ...utf8("b".repeat(50))]);
    expect(decodeText(slightlyInvalid)).toBe(`${"a".repeat(50)}\ufffd${"b".repeat(50)}`);
  });
});
