// Route handler plumbing: JSON answers, and one mapping of every failure to its HTTP status
// (zod problems 400 with the issues, missing auth 401, forbidden 403, unknown 404, the rest 500
// without a stack).
import { ZodError } from "zod";
import { getRegistry } from "@/server/registry";

export interface FieldIssue {
  path: string;
  message: string;
}

export class HttpError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly issues: FieldIssue[] = [],
  ) {
    super(message);
  }
}

export function json(data: unknown, status = 200, headers: Record<string, string> = {}): Response {
  return new Response(status === 204 ? null : JSON.stringify(data), {
    status,
    headers: { "content-type": "application/json; charset=utf-8", "cache-control": "no-store", ...headers },
  });
}

export function errorResponse(status: number, code: string, message: string, issues?: FieldIssue[]): Response {
  return json({ error: { code, message, ...(issues && issues.length > 0 ? { issues } : {}) } }, status);
}

const SERVICE_STATUS: Record<string, number> = {
  validation_failed: 400,
  unauthenticated: 401,
  forbidden: 403,
  not_found: 404,
  conflict: 409,
};

/** Wraps a handler so that every thrown error becomes the right JSON answer. */
export function handle<A extends unknown[]>(fn: (...args: A) => Promise<Response>): (...args: A) => Promise<Response> {
  return async (...args: A) => {
    try {
      return await fn(...args);
    } catch (err) {
      return toResponse(err);
    }
  };
}

export function toResponse(err: unknown): Response {
  if (err instanceof HttpError) return errorResponse(err.status, err.code, err.message, err.issues);
  if (err instanceof ZodError) {
    return errorResponse(400, "validation_failed", "the request is invalid", err.issues.map((i) => ({ path: i.path.join("."), message: i.message })));
  }
  // Services run in the custom server's copy of the modules, so match their errors by shape, not class.
  if (isServiceError(err)) return errorResponse(SERVICE_STATUS[err.code] ?? 500, err.code, err.message, err.issues);
  try {
    getRegistry().log.error({ err }, "route failed");
  } catch {
    // not booted: nothing to log to
  }
  return errorResponse(500, "internal", "the server could not complete the request");
}

/** Reads a JSON body; a body that is not JSON is a 400, not a 500. */
export async function readJson(req: Request): Promise<unknown> {
  const text = await req.text();
  if (text.length === 0) return {};
  try {
    return JSON.parse(text);
  } catch {
    throw new HttpError(400, "invalid_json", "the request body is not valid JSON");
  }
}

function isServiceError(err: unknown): err is { code: string; message: string; issues: FieldIssue[] } {
  return (
    typeof err === "object" &&
    err !== null &&
    (err as { name?: unknown }).name === "ServiceError" &&
    typeof (err as { code?: unknown }).code === "string"
  );
}
