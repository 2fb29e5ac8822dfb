import { describe, expect, it } from "vitest";
import { csvToText, detectDelimiter, parseCsv } from "./csv-to-text";
import { ProcessingError } from "./processing-error";

describe("parseCsv", () => {
  it("splits plain records and fields", () => {
    expect(parseCsv("a,b,c\n1,2,3")).toEqual([
      ["a", "b", "c"],
      ["1", "2", "3"],
    ]);
  });

  it("keeps delimiters, newlines and doubled quotes inside quoted fields", () => {
    expect(parseCsv('name,quote\n"Smith, John","He said ""hi""\nthen left"\n')).toEqual([
      ["name", "quote"],
      ["Smith, John", 'He said "hi"\nthen left'],
    ]);
  });

  it("handles CRLF, CR, empty fields, a missing final newline and an empty last field", () => {
    expect(parseCsv("a,b\r\n1,\r\n,2\r3,")).toEqual([
      ["a", "b"],
      ["1", ""],
      ["", "2"],
      ["3", ""],
    ]);
  });

  it("treats a quote inside an unquoted field as data and drops spaces before an opening quote", () => {
    expect(parseCsv('5" screen,x\na, "b, c"')).toEqual([
      ['5" screen', "x"],
      ["a", "b, c"],
    ]);
  });

  it("keeps an empty quoted field and text after a closing quote", () => {
    expect(parseCsv('"",x\n"ab"cd,y')).toEqual([
      ["", "x"],
      ["abcd", "y"],
    ]);
  });

  it("rejects a quoted field that is never closed, naming its line", () => {
    expect(() => parseCsv('a,b\n1,2\n3,"never\nclosed')).toThrow(ProcessingError);
    expect(() => parseCsv('a,b\n1,2\n3,"never\nclosed')).toThrow("invalid CSV: the quoted field starting on line 3 is never closed");
  });

  it("uses another delimiter when asked", () => {
    expect(parseCsv('a;"b;c"\n1;2', ";")).toEqual([
      ["a", "b;c"],
      ["1", "2"],
    ]);
  });
});

describe("detectDelimiter", () => {
  it("picks the most frequent delimiter of the first line, ignoring quoted ones", () => {
    expect(detectDelimiter("a,b,c\n1,2,3")).toBe(",");
    expect(detectDelimiter("a;b;c\n1,5;2;3")).toBe(";");
    expect(detectDelimiter("a\tb\n1\t2")).toBe("\t");
    expect(detectDelimiter('"x;y;z",b\n1,2')).toBe(",");
    expect(detectDelimiter("single")).toBe(",");
  });
});

describe("csvToText", () => {
  it("writes each row as `column: value` pairs, skipping empty values and blank rows", () => {
    const csv = 'name,notes,city\n"Smith, John","said ""hi""\nand left",Paris\n\nAnn,,Rome\n';
    expect(csvToText(csv)).toBe('name: Smith, John; notes: said "hi" and left; city: Paris\nname: Ann; city: Rome');
  });

  it("names unnamed and extra columns", () => {
    expect(csvToText("id,\n1,x,extra")).toBe("id: 1; column 2: x; column 3: extra");
  });

  it("lists the columns of a header-only file, and is empty for an empty one", () => {
    expect(csvToText("a;b;c\n")).toBe("Columns: a, b, c");
    expect(csvToText("\n\n")).toBe("");
  });
});
