// CSV: an RFC 4180 parser (quoted fields, doubled quotes, embedded delimiters and newlines) and rows -> prose.
import { ProcessingError } from "./processing-error";

export type CsvDelimiter = "," | ";" | "\t" | "|";
const DELIMITERS: readonly CsvDelimiter[] = [",", ";", "\t", "|"];

/**
 * Parses CSV text into records. A quote opens a quoted field only at the start of a field; inside
 * one, `""` is a literal quote and delimiters and newlines are data. Text after a closing quote is
 * kept as-is (lenient). An unterminated quoted field throws ProcessingError("invalid_csv").
 */
export function parseCsv(text: string, delimiter: CsvDelimiter = ","): string[][] {
  const records: string[][] = [];
  let record: string[] = [];
  let field = "";
  let blank = true; // the field so far is only whitespace
  let i = 0;
  let line = 1;
  const n = text.length;
  const endField = () => {
    record.push(field);
    field = "";
    blank = true;
  };
  const endRecord = () => {
    endField();
    records.push(record);
    record = [];
  };
  while (i < n) {
    const ch = text[i]!;
    // A quote opens a quoted field at its start (spaces before it, as in `a, "b"`, are dropped).
    if (ch === '"' && blank) {
      field = "";
      blank = false;
      const startLine = line;
      i++;
      for (;;) {
        if (i >= n) throw new ProcessingError("invalid_csv", `invalid CSV: the quoted field starting on line ${startLine} is never closed`);
        const c = text[i]!;
        if (c === '"') {
          if (text[i + 1] === '"') {
            field += '"';
            i += 2;
            continue;
          }
          i++;
          break;
        }
        if (c === "\n") line++;
        field += c;
        i++;
      }
      // Lenient: anything between the closing quote and the next delimiter stays in the field.
      continue;
    }
    if (ch === delimiter) {
      endField();
      i++;
    } else if (ch === "\n" || ch === "\r") {
      endRecord();
      i += ch === "\r" && text[i + 1] === "\n" ? 2 : 1;
      line++;
    } else {
      field += ch;
      if (blank && !/\s/.test(ch)) blank = false;
      i++;
    }
  }
  if (field !== "" || record.length > 0) endRecord();
  return records;
}

/** Guesses the delimiter from the first line (outside quotes): the most frequent of , ; tab |. */
export function detectDelimiter(text: string): CsvDelimiter {
  const counts = new Map<CsvDelimiter, number>();
  let inQuotes = false;
  for (const ch of text) {
    if (ch === '"') inQuotes = !inQuotes;
    else if (!inQuotes && (ch === "\n" || ch === "\r")) break;
    else if (!inQuotes && DELIMITERS.includes(ch as CsvDelimiter)) counts.set(ch as CsvDelimiter, (counts.get(ch as CsvDelimiter) ?? 0) + 1);
  }
  let best: CsvDelimiter = ",";
  let bestCount = 0;
  for (const d of DELIMITERS) {
    const c = counts.get(d) ?? 0;
    if (c > bestCount) {
      best = d;
      bestCount = c;
    }
  }
  return best;
}

/**
 * Turns CSV into readable lines: the first record is the header, every other non-empty record
 * becomes `column: value; column: value` (empty values left out). A header-only file lists its
 * columns.
 */
export function csvToText(text: string): string {
  const records = parseCsv(text, detectDelimiter(text)).filter((r) => r.some((f) => f.trim() !== ""));
  const [header, ...rows] = records;
  if (!header) return "";
  const names = header.map((h, i) => clean(h) || `column ${i + 1}`);
  if (rows.length === 0) return `Columns: ${names.join(", ")}`;
  return rows
    .map((row) =>
      row
        .map((value, i) => [names[i] ?? `column ${i + 1}`, clean(value)] as const)
        .filter(([, value]) => value !== "")
        .map(([name, value]) => `${name}: ${value}`)
        .join("; "),
    )
    .filter((line) => line !== "")
    .join("\n");
}

/** Collapses whitespace (including newlines inside quoted fields) so each record stays on one line. */
function clean(value: string): string {
  return value.replace(/\s+/g, " ").trim();
}
