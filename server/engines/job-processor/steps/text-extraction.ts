// extractText: reads an uploaded file and returns its plain text, choosing the reader by extension.
import { readFile } from "node:fs/promises";
import { csvToText } from "./csv-to-text";
import { decodeText } from "./decode-text";
import { extensionOf, formatFor, SUPPORTED_EXTENSIONS, type DocumentFormat } from "./formats";
import { htmlToText } from "./html-to-text";
import { jsonToText } from "./json-to-text";
import { markdownToText } from "./markdown-to-text";
import { pdfToText } from "./pdf-to-text";
import { ProcessingError } from "./processing-error";

export { jobTypeFor, SUPPORTED_EXTENSIONS, type DocumentFormat, type JobType } from "./formats";
export { ProcessingError, type ProcessingErrorCode } from "./processing-error";

export interface ExtractTextInput {
  /** Where the uploaded bytes are stored. */
  path: string;
  /** The name the user gave the file; its extension picks the format. */
  filename: string;
}

export interface ExtractTextOptions {
  /** Aborting rejects with the signal's reason (not a ProcessingError). */
  signal?: AbortSignal;
  /** The text is cut to this many characters (at a word boundary when one is near). */
  maxChars?: number;
}

export interface ExtractedText {
  text: string;
  format: DocumentFormat;
}

export const DEFAULT_MAX_CHARS = 1_000_000;

export const EMPTY_MESSAGE = "the file contains no text";

/**
 * Reads the file and extracts its text. Document problems throw ProcessingError (unsupported_format,
 * unreadable, empty, invalid_json, invalid_csv, no_text_layer); I/O errors are rethrown as they are.
 */
export async function extractText(input: ExtractTextInput, options: ExtractTextOptions = {}): Promise<ExtractedText> {
  const { signal, maxChars = DEFAULT_MAX_CHARS } = options;
  if (!(maxChars > 0)) throw new RangeError(`extractText: maxChars must be positive, got ${maxChars}`);
  const format = formatFor(input.filename);
  if (!format) throw unsupported(input.filename);
  signal?.throwIfAborted();
  const bytes = await readFile(input.path, { signal }).then(
    (buffer) => new Uint8Array(buffer.buffer, buffer.byteOffset, buffer.byteLength),
    (error: unknown) => {
      signal?.throwIfAborted(); // the caller's reason, not fs's AbortError
      throw error;
    },
  );
  signal?.throwIfAborted();
  const text = format === "pdf" ? await pdfToText(bytes, { signal, maxChars }) : fromText(format, decodeText(bytes));
  if (text.trim() === "") throw new ProcessingError("empty", EMPTY_MESSAGE);
  return { text: truncate(text.trim(), maxChars), format };
}

function fromText(format: Exclude<DocumentFormat, "pdf">, text: string): string {
  if (text.trim() === "") return "";
  switch (format) {
    case "text":
      return text;
    case "markdown":
      return markdownToText(text);
    case "csv":
      return csvToText(text);
    case "json":
      return jsonToText(text);
    case "html":
      return htmlToText(text);
  }
}

function unsupported(filename: string): ProcessingError {
  const extension = extensionOf(filename);
  const supported = [...new Set(Object.values(SUPPORTED_EXTENSIONS).map(canonicalExtension))].join(", ");
  const what = extension ? `unsupported file type ".${extension}"` : "unsupported file type (the file name has no extension)";
  return new ProcessingError("unsupported_format", `${what}: supported types are ${supported}`);
}

function canonicalExtension(format: DocumentFormat): string {
  return format === "text" ? "txt" : format === "markdown" ? "md" : format;
}

/** Cuts at `maxChars`, backing up to the last whitespace within 200 characters so words stay whole. */
function truncate(text: string, maxChars: number): string {
  if (text.length <= maxChars) return text;
  // Never split a surrogate pair.
  const end = /[\ud800-\udbff]/.test(text[maxChars - 1] ?? "") ? maxChars - 1 : maxChars;
  const cut = text.slice(0, end);
  const space = cut.search(/\s\S*$/);
  return (space > end - 200 && space > 0 ? cut.slice(0, space) : cut).trimEnd();
}
