// decodeText: bytes of a text file to a string (UTF-8, or UTF-16 with a BOM), refusing binary content.
import { ProcessingError } from "./processing-error";

/** Share of U+FFFD replacement characters above which a file is considered not to be text. */
const MAX_REPLACEMENT_RATIO = 0.1;

const UNREADABLE = "the file is not readable text (it looks like binary data or uses an unsupported encoding)";

/** Decodes a text file; throws ProcessingError("unreadable") for binary or mis-encoded content. */
export function decodeText(bytes: Uint8Array): string {
  const encoding = bomEncoding(bytes);
  const text = new TextDecoder(encoding, { fatal: false, ignoreBOM: false }).decode(bytes);
  if (encoding === "utf-8" && bytes.includes(0)) throw new ProcessingError("unreadable", UNREADABLE);
  if (text.includes("\u0000")) throw new ProcessingError("unreadable", UNREADABLE);
  if (text.length > 0 && countReplacements(text) / text.length > MAX_REPLACEMENT_RATIO) {
    throw new ProcessingError("unreadable", UNREADABLE);
  }
  return text.replace(/\r\n?/g, "\n");
}

function bomEncoding(bytes: Uint8Array): "utf-8" | "utf-16le" | "utf-16be" {
  if (bytes[0] === 0xff && bytes[1] === 0xfe) return "utf-16le";
  if (bytes[0] === 0xfe && bytes[1] === 0xff) return "utf-16be";
  return "utf-8";
}

function countReplacements(text: string): number {
  let count = 0;
  for (let i = text.indexOf("\ufffd"); i !== -1; i = text.indexOf("\ufffd", i + 1)) count++;
  return count;
}
