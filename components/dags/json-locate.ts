// parseJsonWithLocations: JSON.parse that also says where each value sits in the text (so the DAG
// editor can select the value a validation issue names) and where a syntax error is (line, column).

/** A value's span in the text: `[start, end)` character offsets. */
export interface JsonSpan {
  start: number;
  end: number;
}

export type JsonPath = ReadonlyArray<string | number>;

export type JsonParseResult =
  | { ok: true; value: unknown; spans: Map<string, JsonSpan> }
  | { ok: false; message: string; offset: number; line: number; column: number };

/** Parses `text` as JSON (the same grammar as JSON.parse), keeping every value's span by path. */
export function parseJsonWithLocations(text: string): JsonParseResult {
  const spans = new Map<string, JsonSpan>();
  const parser = new Parser(text, spans);
  try {
    parser.skipWs();
    if (parser.at >= text.length) throw new JsonSyntaxError("The text is empty: expected a JSON value", 0);
    const value = parser.value([]);
    parser.skipWs();
    if (parser.at < text.length) throw new JsonSyntaxError(`Unexpected ${describeChar(text[parser.at])} after the end of the value`, parser.at);
    return { ok: true, value, spans };
  } catch (error) {
    if (!(error instanceof JsonSyntaxError)) throw error;
    const { line, column } = lineColumn(text, error.offset);
    return { ok: false, message: error.message, offset: error.offset, line, column };
  }
}

/** The span of `path`, or of its longest prefix that exists (a missing field points at its object). */
export function locate(spans: Map<string, JsonSpan>, path: JsonPath): JsonSpan | null {
  for (let n = path.length; n >= 0; n -= 1) {
    const span = spans.get(pathKey(path.slice(0, n)));
    if (span) return span;
  }
  return null;
}

/** 1-based line and column of `offset` in `text`. */
export function lineColumn(text: string, offset: number): { line: number; column: number } {
  const before = text.slice(0, Math.max(0, Math.min(offset, text.length)));
  const lines = before.split("\n");
  return { line: lines.length, column: (lines.at(-1)?.length ?? 0) + 1 };
}

/** The map key of a path. */
export function pathKey(path: JsonPath): string {
  return JSON.stringify(path.map((p) => (typeof p === "number" ? p : String(p))));
}

// ---- parser ----

class JsonSyntaxError extends Error {
  constructor(
    message: string,
    readonly offset: number,
  ) {
    super(message);
  }
}

const NUMBER_RE = /-?(?:0|[1-9]\d*)(?:\.\d+)?(?:[eE][+-]?\d+)?/y;
// eslint-disable-next-line no-control-regex -- JSON strings may not hold raw control characters
const STRING_RE = /"(?:[^"\\\u0000-\u001f]|\\(?:["\\/bfnrt]|u[0-9a-fA-F]{4}))*"/y;

class Parser {
  at = 0;
  constructor(
    private readonly text: string,
    private readonly spans: Map<string, JsonSpan>,
  ) {}

  skipWs(): void {
    while (this.at < this.text.length && " \t\n\r".includes(this.text[this.at]!)) this.at += 1;
  }

  value(path: JsonPath): unknown {
    this.skipWs();
    const start = this.at;
    const c = this.text[this.at];
    let value: unknown;
    if (c === "{") value = this.object(path);
    else if (c === "[") value = this.array(path);
    else if (c === '"') value = this.string();
    else if (c === "-" || (c !== undefined && c >= "0" && c <= "9")) value = this.number();
    else if (this.text.startsWith("true", this.at)) value = this.literal("true", true);
    else if (this.text.startsWith("false", this.at)) value = this.literal("false", false);
    else if (this.text.startsWith("null", this.at)) value = this.literal("null", null);
    else if (c === undefined) throw new JsonSyntaxError("Unexpected end of the text: expected a value", this.at);
    else if (c === "'") throw new JsonSyntaxError("Strings need double quotes (\"), not single quotes", this.at);
    else throw new JsonSyntaxError(`Unexpected ${describeChar(c)}: expected a value`, this.at);
    this.spans.set(pathKey(path), { start, end: this.at });
    return value;
  }

  private object(path: JsonPath): Record<string, unknown> {
    const out: Record<string, unknown> = {};
    this.at += 1; // {
    this.skipWs();
    if (this.text[this.at] === "}") {
      this.at += 1;
      return out;
    }
    for (;;) {
      this.skipWs();
      const c = this.text[this.at];
      if (c !== '"') {
        if (c === "}") throw new JsonSyntaxError("Trailing comma before '}'", this.at);
        if (c === undefined) throw new JsonSyntaxError("Unexpected end of the text: expected a property name or '}'", this.at);
        throw new JsonSyntaxError(`Property names need double quotes: unexpected ${describeChar(c)}`, this.at);
      }
      const key = this.string();
      this.skipWs();
      if (this.text[this.at] !== ":") throw new JsonSyntaxError(`Expected ':' after the property name "${key}"`, this.at);
      this.at += 1;
      Object.defineProperty(out, key, { value: this.value([...path, key]), enumerable: true, writable: true, configurable: true });
      this.skipWs();
      const next = this.text[this.at];
      if (next === ",") {
        this.at += 1;
        continue;
      }
      if (next === "}") {
        this.at += 1;
        return out;
      }
      throw new JsonSyntaxError(next === undefined ? "Unexpected end of the text: expected ',' or '}'" : `Expected ',' or '}' after the value of "${key}"`, this.at);
    }
  }

  private array(path: JsonPath): unknown[] {
    const out: unknown[] = [];
    this.at += 1; // [
    this.skipWs();
    if (this.text[this.at] === "]") {
      this.at += 1;
      return out;
    }
    for (;;) {
      this.skipWs();
      if (this.text[this.at] === "]") throw new JsonSyntaxError("Trailing comma before ']'", this.at);
      out.push(this.value([...path, out.length]));
      this.skipWs();
      const next = this.text[this.at];
      if (next === ",") {
        this.at += 1;
        continue;
      }
      if (next === "]") {
        this.at += 1;
        return out;
      }
      throw new JsonSyntaxError(next === undefined ? "Unexpected end of the text: expected ',' or ']'" : `Expected ',' or ']' after item ${out.length - 1} of the list`, this.at);
    }
  }

  private string(): string {
    STRING_RE.lastIndex = this.at;
    const m = STRING_RE.exec(this.text);
    if (!m) {
      const end = this.text.indexOf('"', this.at + 1);
      const newline = this.text.indexOf("\n", this.at + 1);
      if (end === -1 || (newline !== -1 && newline < end)) throw new JsonSyntaxError("Unterminated string", this.at);
      throw new JsonSyntaxError("Invalid character or escape in a string", this.at);
    }
    this.at += m[0].length;
    return JSON.parse(m[0]) as string;
  }

  private number(): number {
    NUMBER_RE.lastIndex = this.at;
    const m = NUMBER_RE.exec(this.text);
    if (!m) throw new JsonSyntaxError("Invalid number", this.at);
    this.at += m[0].length;
    return Number(m[0]);
  }

  private literal<T>(word: string, value: T): T {
    this.at += word.length;
    return value;
  }
}

function describeChar(c: string | undefined): string {
  if (c === undefined) return "end of the text";
  if (c === "\n") return "line break";
  return `'${c}'`;
}
