// Test support: requests to route handlers as Next hands them over (Request in, Response out), signed
// in by cookie, with the `{ params }` context dynamic routes receive.
const BASE = "http://127.0.0.1:3000";

/** A JSON request (GET by default) from a signed-in browser on the app's own host. */
export function routeRequest(url: string, cookie: string, method = "GET", body?: unknown): Request {
  return new Request(`${BASE}${url}`, {
    method,
    headers: { cookie, host: "127.0.0.1:3000", ...(body === undefined ? {} : { "content-type": "application/json" }) },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
}

/** A multipart upload of `form` (e.g. POST /api/jobs). */
export function formRequest(url: string, cookie: string, form: FormData): Request {
  return new Request(`${BASE}${url}`, { method: "POST", body: form, headers: { cookie, host: "127.0.0.1:3000" } });
}

/** The context a dynamic route receives: `{ params: Promise<P> }`. */
export function routeParams<P extends object>(p: P): { params: Promise<P> } {
  return { params: Promise.resolve(p) };
}
