// apiFetch: JSON in and out, cookies, ApiError on non-2xx, 401 redirect to /login (browser only).
import { afterEach, describe, expect, it, vi } from "vitest";
import { ApiError, apiFetch, isRetryableError, withQuery } from "./fetchers";
import { makeQueryClient } from "./query-client";

afterEach(() => {
  vi.unstubAllGlobals();
});

function stubFetch(status: number, body: unknown, headers: Record<string, string> = {}) {
  const fetchMock = vi.fn(async (_url: string, _init?: RequestInit) =>
    new Response(body === undefined ? null : typeof body === "string" ? body : JSON.stringify(body), { status, headers }),
  );
  vi.stubGlobal("fetch", fetchMock);
  return fetchMock;
}

describe("apiFetch", () => {
  it("sends cookies and JSON, and returns the parsed body", async () => {
    const fetchMock = stubFetch(200, { ok: 1 });
    await expect(apiFetch("/api/x", { method: "POST", json: { a: 1 }, query: { cursor: "c1", q: undefined, tag: ["a", "b"] } })).resolves.toEqual({ ok: 1 });
    const [url, init] = fetchMock.mock.calls[0]!;
    expect(url).toBe("/api/x?cursor=c1&tag=a&tag=b");
    expect(init!.credentials).toBe("same-origin");
    expect(init!.body).toBe('{"a":1}');
    expect(new Headers(init!.headers).get("content-type")).toBe("application/json");
  });

  it("returns undefined for 204", async () => {
    stubFetch(204, undefined);
    await expect(apiFetch("/api/x")).resolves.toBeUndefined();
  });

  it("throws ApiError with the route's code, message and issues", async () => {
    stubFetch(400, { error: { code: "validation", message: "Bad input", issues: [{ path: ["email"], message: "Required" }] } });
    const err = await apiFetch("/api/x").catch((e: unknown) => e);
    expect(err).toBeInstanceOf(ApiError);
    expect(err).toMatchObject({ status: 400, code: "validation", message: "Bad input", issues: [{ path: "email", message: "Required" }] });
  });

  it("understands flat error bodies and plain text", async () => {
    stubFetch(404, { code: "not_found", message: "No such job" });
    await expect(apiFetch("/api/jobs/x")).rejects.toMatchObject({ status: 404, code: "not_found", message: "No such job" });
    stubFetch(502, "Bad gateway");
    await expect(apiFetch("/api/jobs")).rejects.toMatchObject({ status: 502, code: "http_502", message: "Bad gateway" });
  });

  it("does not redirect outside the browser", async () => {
    stubFetch(401, { error: { code: "unauthenticated", message: "Sign in" } });
    await expect(apiFetch("/api/me")).rejects.toMatchObject({ status: 401 });
  });

  it("redirects to /login?next=... on 401 in the browser, except for auth routes", async () => {
    const assign = vi.fn();
    vi.stubGlobal("window", { location: { pathname: "/jobs", search: "?status=failed", assign } });
    stubFetch(401, {});
    await expect(apiFetch("/api/jobs")).rejects.toMatchObject({ status: 401 });
    expect(assign).toHaveBeenCalledWith("/login?next=%2Fjobs%3Fstatus%3Dfailed");
    assign.mockClear();
    await expect(apiFetch("/api/auth/login", { method: "POST" })).rejects.toMatchObject({ status: 401 });
    await expect(apiFetch("/api/me", { redirectOn401: false })).rejects.toMatchObject({ status: 401 });
    expect(assign).not.toHaveBeenCalled();
  });
});

describe("retry policy", () => {
  it("retries once, and only 5xx answers", () => {
    expect(isRetryableError(new ApiError(503, "x", "x"))).toBe(true);
    expect(isRetryableError(new ApiError(404, "x", "x"))).toBe(false);
    expect(isRetryableError(new TypeError("network"))).toBe(false);
    const retry = makeQueryClient().getDefaultOptions().queries!.retry as (n: number, e: unknown) => boolean;
    expect(retry(0, new ApiError(500, "x", "x"))).toBe(true);
    expect(retry(1, new ApiError(500, "x", "x"))).toBe(false);
    expect(retry(0, new ApiError(400, "x", "x"))).toBe(false);
  });

  it("withQuery appends to an existing query string", () => {
    expect(withQuery("/a?x=1", { y: 2, z: null })).toBe("/a?x=1&y=2");
  });
});
