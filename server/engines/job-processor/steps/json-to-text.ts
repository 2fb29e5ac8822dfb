// JSON: parse a document and flatten its values into `path: value` lines in document order.
import { ProcessingError } from "./processing-error";

/**
 * Parses JSON and lists every string, number and boolean as `path: value` (paths like
 * `items[0].name`; a bare top-level value is listed alone). Nulls and empty strings are left out.
 * Invalid JSON throws ProcessingError("invalid_json", "invalid JSON: <reason>").
 */
export function jsonToText(text: string): string {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (error) {
    throw new ProcessingError("invalid_json", `invalid JSON: ${describeSyntaxError(error, text)}`, { cause: error });
  }
  return flatten(value).join("\n");
}

/** Iterative, so deeply nested documents cannot overflow the stack. */
function flatten(root: unknown): string[] {
  const lines: string[] = [];
  const stack: [path: string, value: unknown][] = [["", root]];
  while (stack.length > 0) {
    const [path, value] = stack.pop()!;
    if (typeof value === "string") {
      const v = value.trim();
      if (v !== "") lines.push(path ? `${path}: ${v}` : v);
    } else if (typeof value === "number" || typeof value === "boolean") {
      lines.push(path ? `${path}: ${String(value)}` : String(value));
    } else if (Array.isArray(value)) {
      for (let i = value.length - 1; i >= 0; i--) stack.push([`${path}[${i}]`, value[i]]);
    } else if (value !== null && typeof value === "object") {
      const entries = Object.entries(value);
      for (let i = entries.length - 1; i >= 0; i--) {
        const [key, child] = entries[i]!;
        stack.push([joinKey(path, key), child]);
      }
    }
  }
  return lines;
}

function joinKey(path: string, key: string): string {
  if (/^[\p{L}_$][\p{L}\p{N}_$-]*$/u.test(key)) return path ? `${path}.${key}` : key;
  return `${path}[${JSON.stringify(key)}]`;
}

/** The parser's reason, with the line and column when it names a position. */
function describeSyntaxError(error: unknown, text: string): string {
  const reason = error instanceof Error ? error.message : String(error);
  const match = /at position (\d+)/.exec(reason);
  if (!match || /\(line \d+ column \d+\)/.test(reason)) return reason;
  const position = Number(match[1]);
  const before = text.slice(0, position);
  const line = before.split("\n").length;
  const column = position - before.lastIndexOf("\n");
  return `${reason} (line ${line} column ${column})`;
}
