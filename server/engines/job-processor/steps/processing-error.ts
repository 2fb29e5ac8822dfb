// ProcessingError: why a document could not be processed, as a stable code plus a message for people.
export const PROCESSING_ERROR_CODES = [
  "unsupported_format",
  "unreadable",
  "empty",
  "invalid_json",
  "invalid_csv",
  "no_text_layer",
] as const;

export type ProcessingErrorCode = (typeof PROCESSING_ERROR_CODES)[number];

/** A failure that is the document's fault (retrying will not help); `message` is shown to the user. */
export class ProcessingError extends Error {
  override readonly name = "ProcessingError";
  readonly code: ProcessingErrorCode;

  constructor(code: ProcessingErrorCode, message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.code = code;
  }
}

export function isProcessingError(error: unknown): error is ProcessingError {
  return error instanceof ProcessingError;
}
