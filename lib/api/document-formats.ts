// Supported document formats, shared by the processor and the upload page: which file extension maps
// to which extraction format and job type.
export const DOCUMENT_FORMATS = ["text", "markdown", "csv", "json", "html", "pdf"] as const;
export type DocumentFormat = (typeof DOCUMENT_FORMATS)[number];
export type JobType = DocumentFormat | "other";

/** Lower-case extensions (without the dot) and the format each one is read as. */
export const SUPPORTED_EXTENSIONS: Readonly<Record<string, DocumentFormat>> = Object.freeze({
  txt: "text",
  log: "text",
  md: "markdown",
  markdown: "markdown",
  csv: "csv",
  json: "json",
  html: "html",
  htm: "html",
  pdf: "pdf",
});

/** The extension of a file name, lower-cased and without the dot ("" when there is none). */
export function extensionOf(filename: string): string {
  const base = filename.split(/[\\/]/).pop() ?? "";
  const dot = base.lastIndexOf(".");
  return dot <= 0 ? "" : base.slice(dot + 1).toLowerCase();
}

/** The format a file is read as, or null when its extension is not supported. */
export function formatFor(filename: string): DocumentFormat | null {
  return SUPPORTED_EXTENSIONS[extensionOf(filename)] ?? null;
}

/** The job's `type` for an uploaded file: its format, or "other" for unsupported files. */
export function jobTypeFor(filename: string): JobType {
  return formatFor(filename) ?? "other";
}
