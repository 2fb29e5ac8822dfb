// @vitest-environment jsdom
// Tests of the knowledge hooks: live list (not while searching), optimistic edit (pending, confirmed by push, rolled back with the reason) and delete.
import * as React from "react";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { act, renderHook, waitFor } from "@testing-library/react";
import { QueryClient, QueryClientProvider } from "@tanstack/react-query";
import { toast as sonner } from "sonner";
import type { KnowledgeItem } from "@/lib/protocol/entities/knowledge";
import { ev, iso, makeKnowledge } from "@/lib/realtime/testing/fixtures";
import { ApiError } from "../fetchers";
import { queryKeys } from "../keys";
import { applyEvent } from "../patchers";
import {
  isSavingKnowledge,
  knowledgeErrorReason,
  knowledgeListParams,
  useDeleteKnowledge,
  useKnowledgeItem,
  useKnowledgeList,
  useUpdateKnowledge,
  type KnowledgeFilters,
} from "./use-knowledge";

vi.mock("sonner", () => ({ toast: Object.assign(vi.fn(), { error: vi.fn(), success: vi.fn(), info: vi.fn() }) }));

const toastError = vi.mocked(sonner.error);

beforeEach(() => toastError.mockReset());
afterEach(() => vi.unstubAllGlobals());

type Route = (url: URL, init: RequestInit) => Promise<Response> | Response | undefined;

/** A fetch answering from `routes` (first match wins); unmatched requests fail the test loudly. */
function stubFetch(...routes: Route[]) {
  const calls: { method: string; url: URL; body: unknown }[] = [];
  vi.stubGlobal("fetch", async (input: string, init: RequestInit = {}) => {
    const url = new URL(input, "http://localhost");
    calls.push({ method: init.method ?? "GET", url, body: typeof init.body === "string" ? JSON.parse(init.body) : init.body });
    for (const route of routes) {
      const res = await route(url, init);
      if (res) return res;
    }
    return json(500, { error: { code: "internal", message: `unexpected ${init.method ?? "GET"} ${url.pathname}` } });
  });
  return calls;
}

const json = (status: number, body: unknown) => new Response(JSON.stringify(body), { status, headers: { "content-type": "application/json" } });
const on = (method: string, path: string | RegExp, answer: (url: URL, init: RequestInit) => Promise<Response> | Response): Route => (url, init) =>
  (init.method ?? "GET") === method && (typeof path === "string" ? url.pathname === path : path.test(url.pathname)) ? answer(url, init) : undefined;

function setup() {
  const qc = new QueryClient({ defaultOptions: { queries: { retry: false, gcTime: Infinity, staleTime: Infinity }, mutations: { retry: false } } });
  const wrapper = ({ children }: { children: React.ReactNode }) => <QueryClientProvider client={qc}>{children}</QueryClientProvider>;
  return { qc, wrapper };
}

/** The list hook and the mutations, rendered together as the page uses them. */
function renderPage(qc: QueryClient, wrapper: ReturnType<typeof setup>["wrapper"], filters: KnowledgeFilters = {}) {
  return renderHook(
    ({ f }) => ({ list: useKnowledgeList(f), update: useUpdateKnowledge(), remove: useDeleteKnowledge() }),
    { wrapper, initialProps: { f: filters } },
  );
}

const a = makeKnowledge({ item_id: "k_a", title: "Quarterly report", tags: ["finance"], created_at: iso(20), version: 1 });
const b = makeKnowledge({ item_id: "k_b", title: "Meeting notes", tags: ["ops"], created_at: iso(10), version: 1 });

describe("knowledgeListParams", () => {
  it("trims, lower-cases the tag and leaves empty filters out", () => {
    expect(knowledgeListParams({ q: "  ", tag: " Finance ", type: "" }, 30)).toEqual({ tag: "finance", limit: 30 });
    expect(knowledgeListParams({ q: " revenue " })).toEqual({ q: "revenue" });
  });
});

describe("useKnowledgeList", () => {
  it("shows a pushed item at the top of the newest-first list", async () => {
    const { qc, wrapper } = setup();
    stubFetch(on("GET", "/api/knowledge", () => json(200, { items: [a, b], next_cursor: null })));
    const { result } = renderPage(qc, wrapper);
    await waitFor(() => expect(result.current.list.items.map((i) => i.item_id)).toEqual(["k_a", "k_b"]));
    const c = makeKnowledge({ item_id: "k_c", title: "New", created_at: iso(30) });
    act(() => applyEvent(qc, ev("knowledge_item_created", "knowledge", c)));
    await waitFor(() => expect(result.current.list.items.map((i) => i.item_id)).toEqual(["k_c", "k_a", "k_b"]));
  });

  it("keeps search results as ranked (no pushed items), but updates the ones shown", async () => {
    const { qc, wrapper } = setup();
    const calls = stubFetch(
      on("GET", "/api/knowledge", (url) =>
        json(200, { items: [{ ...a, snippet: "the &lt;Q3&gt; <mark>report</mark>" }], next_cursor: url.searchParams.get("q") === "report" ? null : "x" }),
      ),
    );
    const { result } = renderPage(qc, wrapper, { q: "report" });
    await waitFor(() => expect(result.current.list.items).toHaveLength(1));
    expect(calls[0]!.url.searchParams.get("q")).toBe("report");
    expect(result.current.list.searching).toBe(true);
    act(() => applyEvent(qc, ev("knowledge_item_created", "knowledge", makeKnowledge({ item_id: "k_c", title: "A report", created_at: iso(30) }))));
    act(() =>
      applyEvent(qc, ev("knowledge_item_updated", "knowledge", { ...a, title: "Q3 report", version: 2, updated_fields: ["title"] })),
    );
    await waitFor(() => expect(result.current.list.items[0]!.title).toBe("Q3 report"));
    expect(result.current.list.items.map((i) => i.item_id)).toEqual(["k_a"]);
    expect(result.current.list.items[0]!.snippet).toContain("<mark>report</mark>");
  });

  it("shows only pushed items that carry the chosen tag", async () => {
    const { qc, wrapper } = setup();
    stubFetch(on("GET", "/api/knowledge", () => json(200, { items: [a], next_cursor: null })));
    const { result } = renderPage(qc, wrapper, { tag: "finance" });
    await waitFor(() => expect(result.current.list.items).toHaveLength(1));
    act(() => {
      applyEvent(qc, ev("knowledge_item_created", "knowledge", makeKnowledge({ item_id: "k_x", tags: ["ops"], created_at: iso(40) })));
      applyEvent(qc, ev("knowledge_item_created", "knowledge", makeKnowledge({ item_id: "k_y", tags: ["finance"], created_at: iso(41) })));
    });
    await waitFor(() => expect(result.current.list.items.map((i) => i.item_id)).toEqual(["k_y", "k_a"]));
  });
});

describe("useUpdateKnowledge", () => {
  async function loaded(answer: (url: URL, init: RequestInit) => Promise<Response> | Response) {
    const { qc, wrapper } = setup();
    const calls = stubFetch(
      on("GET", "/api/knowledge", () => json(200, { items: [a, b], next_cursor: null })),
      on("GET", "/api/knowledge/k_a", () => json(200, a)),
      on("PATCH", "/api/knowledge/k_a", answer),
    );
    const page = renderPage(qc, wrapper);
    const detail = renderHook(() => useKnowledgeItem("k_a"), { wrapper });
    await waitFor(() => expect(page.result.current.list.items).toHaveLength(2));
    await waitFor(() => expect(detail.result.current.data?.title).toBe("Quarterly report"));
    const rowA = () => page.result.current.list.items.find((i) => i.item_id === "k_a")!;
    return { qc, calls, page, detail, rowA };
  }

  it("shows the edit at once as pending, and the push confirms it", async () => {
    let answer!: (r: Response) => void;
    const { qc, calls, page, detail, rowA } = await loaded(() => new Promise<Response>((r) => (answer = r)));
    act(() => page.result.current.update.mutate({ item: a, changes: { title: "Q3 report", tags: ["finance", "q3"] } }));
    await waitFor(() => expect(rowA().title).toBe("Q3 report"));
    expect(rowA().tags).toEqual(["finance", "q3"]);
    expect(isSavingKnowledge(rowA())).toBe(true);
    expect(detail.result.current.data?.title).toBe("Q3 report");
    expect(isSavingKnowledge(detail.result.current.data!)).toBe(true);
    expect(calls.find((c) => c.method === "PATCH")!.body).toEqual({ title: "Q3 report", tags: ["finance", "q3"] });

    const saved: KnowledgeItem = { ...a, title: "Q3 report", tags: ["finance", "q3"], version: 2, updated_at: iso(50) };
    act(() => applyEvent(qc, ev("knowledge_item_updated", "knowledge", { ...saved, updated_fields: ["title", "tags"] })));
    await waitFor(() => expect(isSavingKnowledge(rowA())).toBe(false));
    expect(isSavingKnowledge(detail.result.current.data!)).toBe(false);

    await act(async () => answer(json(200, saved)));
    await waitFor(() => expect(page.result.current.update.isSuccess).toBe(true));
    expect(rowA()).toMatchObject({ title: "Q3 report", version: 2 });
    expect(rowA()._saving).toBeUndefined();
    expect(toastError).not.toHaveBeenCalled();
  });

  it("the answer confirms it too when no push comes", async () => {
    const saved: KnowledgeItem = { ...a, title: "Renamed", version: 2 };
    const { page, rowA } = await loaded(() => json(200, saved));
    act(() => page.result.current.update.mutate({ item: a, changes: { title: "Renamed" } }));
    await waitFor(() => expect(page.result.current.update.isSuccess).toBe(true));
    expect(rowA()).toMatchObject({ title: "Renamed", version: 2 });
    expect(isSavingKnowledge(rowA())).toBe(false);
  });

  it("rolls back on 409 and says why", async () => {
    const { page, detail, rowA } = await loaded(() => json(409, { error: { code: "conflict", message: "The item was changed by someone else." } }));
    act(() => page.result.current.update.mutate({ item: a, changes: { title: "Mine" } }));
    await waitFor(() => expect(page.result.current.update.isError).toBe(true));
    expect(rowA()).toMatchObject({ title: "Quarterly report", tags: ["finance"] });
    expect(isSavingKnowledge(rowA())).toBe(false);
    expect(detail.result.current.data?.title).toBe("Quarterly report");
    expect(toastError).toHaveBeenCalledWith("Could not save “Quarterly report”", {
      description: "The item was changed by someone else (it changed meanwhile; the current version is shown).",
      richColors: false,
    });
  });

  it("rolls back on 400 with the field's problem", async () => {
    const { page, rowA } = await loaded(() =>
      json(400, { error: { code: "invalid_request", message: "Invalid request", issues: [{ path: "tags.1", message: "a tag is at most 40 characters" }] } }),
    );
    act(() => page.result.current.update.mutate({ item: a, changes: { tags: ["finance", "x".repeat(41)] } }));
    await waitFor(() => expect(page.result.current.update.isError).toBe(true));
    expect(rowA().tags).toEqual(["finance"]);
    expect(toastError).toHaveBeenCalledWith("Could not save “Quarterly report”", { description: "A tag is at most 40 characters", richColors: false });
  });
});

describe("useDeleteKnowledge", () => {
  function loaded(answer: () => Promise<Response> | Response) {
    const { qc, wrapper } = setup();
    stubFetch(
      on("GET", "/api/knowledge", () => json(200, { items: [a, b], next_cursor: null })),
      on("DELETE", "/api/knowledge/k_a", answer),
    );
    return { qc, page: renderPage(qc, wrapper) };
  }
  const ids = (page: ReturnType<typeof loaded>["page"]) => page.result.current.list.items.map((i) => i.item_id);

  it("removes the item at once, for good on 204 (the push changes nothing)", async () => {
    let answer!: (r: Response) => void;
    const { qc, page } = loaded(() => new Promise<Response>((r) => (answer = r)));
    await waitFor(() => expect(ids(page)).toEqual(["k_a", "k_b"]));
    act(() => page.result.current.remove.mutate(a));
    await waitFor(() => expect(ids(page)).toEqual(["k_b"]));
    await act(async () => answer(new Response(null, { status: 204 })));
    await waitFor(() => expect(page.result.current.remove.isSuccess).toBe(true));
    act(() => applyEvent(qc, ev("knowledge_item_deleted", "knowledge", { item_id: "k_a", version: 2 })));
    // A late copy of the item cannot bring it back.
    act(() => applyEvent(qc, ev("knowledge_item_updated", "knowledge", { ...a, version: 2, updated_fields: ["title"] })));
    expect(ids(page)).toEqual(["k_b"]);
  });

  it("brings the item back with a toast when the deletion fails", async () => {
    const { qc, page } = loaded(() => json(500, { error: { code: "internal", message: "Storage is unavailable." } }));
    await waitFor(() => expect(ids(page)).toEqual(["k_a", "k_b"]));
    act(() => page.result.current.remove.mutate(a));
    await waitFor(() => expect(page.result.current.remove.isError).toBe(true));
    expect(ids(page)).toEqual(["k_a", "k_b"]);
    expect(toastError).toHaveBeenCalledWith("Could not delete “Quarterly report”", { description: "Storage is unavailable.", richColors: false });
    expect(qc.getQueryData(queryKeys.knowledge.list({ limit: 30 }))).toBeDefined();
  });
});

describe("knowledgeErrorReason", () => {
  it("words each failure", () => {
    expect(knowledgeErrorReason(new ApiError(400, "invalid_request", "Invalid", [{ path: "title", message: "is required" }]))).toBe("Title is required");
    expect(knowledgeErrorReason(new ApiError(404, "not_found", "Not found"))).toBe("The item no longer exists.");
    expect(knowledgeErrorReason(new TypeError("Failed to fetch"))).toBe("The server could not be reached.");
  });
});
