// PDF -> text with pdf.js (legacy build, main-thread "fake" worker in Node): every page's text layer.
import { ProcessingError } from "./processing-error";

import type { TextContent } from "pdfjs-dist/types/src/display/api";

type PdfJs = typeof import("pdfjs-dist/legacy/build/pdf.mjs");

export const NO_TEXT_LAYER_MESSAGE = "the PDF has no extractable text (scanned images are not supported)";

let loading: Promise<PdfJs> | null = null;

/**
 * Loads pdf.js once. Importing the worker module first registers `globalThis.pdfjsWorker`, so pdf.js
 * runs its worker on the main thread without resolving `workerSrc` (which bundlers and vitest break).
 */
function loadPdfJs(): Promise<PdfJs> {
  loading ??= (async () => {
    await import("pdfjs-dist/legacy/build/pdf.worker.mjs");
    return import("pdfjs-dist/legacy/build/pdf.mjs");
  })();
  return loading;
}

/**
 * The text of every page: a page's items joined with spaces (none where pdf.js split a word),
 * pages separated by a blank line. Stops reading pages once `maxChars` is reached.
 */
export async function pdfToText(bytes: Uint8Array, options: { signal?: AbortSignal; maxChars?: number } = {}): Promise<string> {
  const { signal, maxChars = Infinity } = options;
  const pdfjs = await loadPdfJs();
  signal?.throwIfAborted();
  const task = pdfjs.getDocument({
    data: bytes.slice(), // pdf.js may take ownership of the buffer
    useSystemFonts: true,
    isEvalSupported: false,
    disableFontFace: true,
    verbosity: pdfjs.VerbosityLevel.ERRORS,
  });
  const onAbort = () => void task.destroy();
  signal?.addEventListener("abort", onAbort, { once: true });
  try {
    const doc = await task.promise;
    const pages: string[] = [];
    let length = 0;
    for (let n = 1; n <= doc.numPages && length < maxChars; n++) {
      signal?.throwIfAborted();
      const page = await doc.getPage(n);
      const text = pageText(await page.getTextContent());
      page.cleanup();
      if (text !== "") {
        pages.push(text);
        length += text.length + 2;
      }
    }
    if (pages.length === 0) throw new ProcessingError("no_text_layer", NO_TEXT_LAYER_MESSAGE);
    return pages.join("\n\n");
  } catch (error) {
    signal?.throwIfAborted();
    if (error instanceof ProcessingError) throw error;
    throw new ProcessingError("unreadable", `the PDF could not be read: ${reason(error)}`, { cause: error });
  } finally {
    signal?.removeEventListener("abort", onAbort);
    await task.destroy().catch(() => {});
  }
}

/** Where the previous piece of text sits on the page. */
interface Run {
  x: number;
  y: number;
  width: number;
  height: number;
}

function pageText(content: TextContent): string {
  let text = "";
  let prev: Run | null = null;
  for (const item of content.items) {
    if (!("str" in item)) continue;
    const x = Number(item.transform[4]);
    const y = Number(item.transform[5]);
    if (item.str !== "") {
      const sameLine = prev !== null && Math.abs(y - prev.y) < Math.max(1, prev.height * 0.5);
      const gap = prev === null ? 0 : x - (prev.x + prev.width);
      const glued = sameLine && prev !== null && gap >= -0.5 && gap < Math.max(0.5, prev.height * 0.1);
      const height: number = item.height || (prev ? prev.height : 10);
      text += (text === "" || glued ? "" : " ") + item.str;
      prev = { x, y, width: item.width, height };
    } else if (item.hasEOL) {
      prev = null; // an explicit end of line: the next item starts a new run
    }
  }
  return text.replace(/\s+/g, " ").trim();
}

function reason(error: unknown): string {
  if (error instanceof Error && error.name === "PasswordException") return "it is password-protected";
  const message = error instanceof Error ? error.message : String(error);
  return message.replace(/\.$/, "") || "unknown error";
}
