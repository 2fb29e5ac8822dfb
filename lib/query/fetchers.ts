// apiFetch: the one JSON fetch of the dashboard (cookies, errors as ApiError, 401 -> /login).

export interface ApiIssue {
  path: string;
  message: string;
}

/** A non-2xx answer of an API route. `code` is the route's machine code (or `http_<status>`). */
export class ApiError extends Error {
  readonly status: number;
  readonly code: string;
  readonly issues: ApiIssue[];
  readonly body: unknown;

  constructor(status: number, code: string, message: string, issues: ApiIssue[] = [], body: unknown = null) {
    super(message);
    this.name = "ApiError";
    this.status = status;
    this.code = code;
    this.issues = issues;
    this.body = body;
  }
}

export function isApiError(error: unknown): error is ApiError {
  return error instanceof ApiError;
}

export interface ApiFetchInit extends Omit<RequestInit, "body"> {
  /** A body: strings, FormData, Blob... are sent as they are. */
  body?: BodyInit | null;
  /** A value to send as JSON (sets content-type); use instead of `body`. */
  json?: unknown;
  /** Query string parameters; undefined and null values are left out, arrays repeat the key. */
  query?: QueryParams;
  /** On 401 in the browser, go to /login?next=<here> (default true; never for /api/auth/*). */
  redirectOn401?: boolean;
}

export type QueryParams = Record<string, string | number | boolean | null | undefined | readonly (string | number | boolean)[]>;

/**
 * Fetches `path` (relative to the app) and returns its JSON body (undefined for 204 or an empty
 * body). Sends cookies. Throws ApiError on a non-2xx answer; a network failure rejects as fetch does.
 */
export async function apiFetch<T>(path: string, init: ApiFetchInit = {}): Promise<T> {
  const { json, query, redirectOn401 = true, headers: givenHeaders, body: givenBody, ...rest } = init;
  const headers = new Headers(givenHeaders);
  if (!headers.has("accept")) headers.set("accept", "application/json");
  let body = givenBody;
  if (json !== undefined) {
    body = JSON.stringify(json);
    if (!headers.has("content-type")) headers.set("content-type", "application/json");
  }
  const url = query ? withQuery(path, query) : path;
  const res = await fetch(url, { credentials: "same-origin", ...rest, headers, body });

  const text = res.status === 204 ? "" : await res.text();
  let data: unknown = undefined;
  if (text.length > 0) {
    try {
      data = JSON.parse(text);
    } catch {
      data = text;
    }
  }
  if (res.ok) return data as T;

  if (res.status === 401 && redirectOn401 && !path.startsWith("/api/auth/")) redirectToLogin();
  throw toApiError(res.status, res.statusText, data);
}

/** Appends query parameters to a path. */
export function withQuery(path: string, params: QueryParams): string {
  const search = new URLSearchParams();
  for (const [key, value] of Object.entries(params)) {
    if (value === undefined || value === null) continue;
    if (Array.isArray(value)) for (const v of value) search.append(key, String(v));
    else search.append(key, String(value));
  }
  const qs = search.toString();
  if (!qs) return path;
  return `${path}${path.includes("?") ? "&" : "?"}${qs}`;
}

/** True for errors worth one retry: 5xx answers (network failures are left to the caller). */
export function isRetryableError(error: unknown): boolean {
  return error instanceof ApiError && error.status >= 500;
}

// ---- helpers ----

/** Reads `{error: {code, message, issues}}`, `{error: "msg"}`, `{code, message, issues}` or text. */
function toApiError(status: number, statusText: string, data: unknown): ApiError {
  let code = `http_${status}`;
  let message = statusText || `Request failed with status ${status}`;
  let issues: ApiIssue[] = [];
  const src = isRecord(data) ? (isRecord(data.error) ? data.error : data) : null;
  if (src) {
    if (typeof src.code === "string") code = src.code;
    if (typeof src.message === "string") message = src.message;
    else if (typeof (src as { error?: unknown }).error === "string") message = (src as { error: string }).error;
    const rawIssues = Array.isArray(src.issues) ? src.issues : isRecord(data) && Array.isArray(data.issues) ? data.issues : [];
    issues = rawIssues.filter(isRecord).map((i) => ({
      path: Array.isArray(i.path) ? i.path.join(".") : typeof i.path === "string" ? i.path : "",
      message: typeof i.message === "string" ? i.message : String(i.message),
    }));
  } else if (typeof data === "string" && data.length > 0 && data.length < 500) {
    message = data;
  }
  return new ApiError(status, code, message, issues, data ?? null);
}

function redirectToLogin(): void {
  if (typeof window === "undefined") return;
  const { pathname, search } = window.location;
  if (pathname === "/login" || pathname.startsWith("/login/")) return;
  const next = encodeURIComponent(`${pathname}${search}`);
  window.location.assign(`/login?next=${next}`);
}

function isRecord(v: unknown): v is Record<string, unknown> {
  return typeof v === "object" && v !== null && !Array.isArray(v);
}
