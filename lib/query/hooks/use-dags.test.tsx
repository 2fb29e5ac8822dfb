// @vitest-environment jsdom
// Tests of the DAG hooks against a fake fetch and pushed events: the definitions list, the runs of
// the grid (pushed steps win over a slower fetch), triggering a run (a pending queued run, confirmed
// once by the 201 or the push, rolled back with a toast), creating, the optimistic edit and delete.
import * as React from "react";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { act, renderHook, waitFor } from "@testing-library/react";
import { QueryClient, QueryClientProvider, type InfiniteData } from "@tanstack/react-query";
import { toast as sonner } from "sonner";
import { makeDag, makeRun, makeStep } from "@/components/dags/dag-fixtures";
import type { DagRunDetail } from "@/lib/api/dags";
import type { Dag } from "@/lib/protocol/entities/dags";
import type { CatalogEvent } from "@/lib/protocol/events";
import { iso } from "@/lib/realtime/testing/fixtures";
import type { Page } from "../collections";
import { queryKeys } from "../keys";
import { mergeFetched } from "../merge-fetched";
import { applyEvent } from "../patchers";
import { useCreateDag, useDagRuns, useDagsList, useDeleteDag, useTriggerRun, useUpdateDag, type DagRow, type DagRunRow } from "./use-dags";

vi.mock("sonner", () => ({ toast: Object.assign(vi.fn(), { error: vi.fn(), success: vi.fn(), info: vi.fn() }) }));

const toastError = vi.mocked(sonner.error);
const dagsKey = queryKeys.dags.list();
const runsKey = queryKeys.dagRuns.list({ dag_id: "etl" });
const json = (status: number, body: unknown) => new Response(body === undefined ? null : JSON.stringify(body), { status, headers: { "content-type": "application/json" } });

/** A fetch that answers when the test says so, recording what was sent. */
function deferredFetch() {
  const calls: Array<{ url: string; init: RequestInit; resolve: (r: Response) => void }> = [];
  vi.stubGlobal("fetch", (url: string, init: RequestInit) => new Promise<Response>((resolve) => calls.push({ url, init, resolve })));
  return calls;
}

function setup({ dags = [], runs }: { dags?: Dag[]; runs?: DagRunDetail[] } = {}) {
  const qc = new QueryClient({ defaultOptions: { queries: { retry: false, gcTime: Infinity, staleTime: Infinity }, mutations: { retry: false } } });
  qc.setQueryData(dagsKey, mergeFetched(qc, dagsKey, { pages: [{ items: dags, next_cursor: null }], pageParams: [null] }));
  if (runs) qc.setQueryData(runsKey, mergeFetched(qc, runsKey, { pages: [{ items: runs, next_cursor: null }], pageParams: [null] }));
  const wrapper = ({ children }: { children: React.ReactNode }) => <QueryClientProvider client={qc}>{children}</QueryClientProvider>;
  const cards = () => qc.getQueryData<InfiniteData<Page<DagRow>>>(dagsKey)?.pages.flatMap((p) => p.items) ?? [];
  const gridRuns = () => qc.getQueryData<InfiniteData<Page<DagRunRow>>>(runsKey)?.pages.flatMap((p) => p.items) ?? [];
  let n = 0;
  const push = (type: CatalogEvent["type"], data: unknown, topic = "dags") =>
    act(() => applyEvent(qc, { type, topic, id: `${100 + (n += 1)}-0`, ts: iso(100), data } as CatalogEvent));
  return { qc, wrapper, cards, gridRuns, push };
}

beforeEach(() => {
  toastError.mockReset();
  vi.mocked(sonner.success).mockReset();
});
afterEach(() => vi.unstubAllGlobals());

describe("useDagsList", () => {
  it("loads the DAGs and takes pushed ones, sorted by name; a deleted one leaves", async () => {
    const qc = new QueryClient({ defaultOptions: { queries: { retry: false } } });
    const wrapper = ({ children }: { children: React.ReactNode }) => <QueryClientProvider client={qc}>{children}</QueryClientProvider>;
    const urls: string[] = [];
    vi.stubGlobal("fetch", async (url: string) => {
      urls.push(url);
      return json(200, { items: [makeDag({ dag_id: "etl", name: "ETL" })], next_cursor: null });
    });
    const { result } = renderHook(() => useDagsList(), { wrapper });
    await waitFor(() => expect(result.current.items.map((d) => d.name)).toEqual(["ETL"]));
    expect(urls).toEqual(["/api/dags"]);

    act(() => applyEvent(qc, { type: "dag_created", topic: "dags", id: "1-0", ts: iso(5), data: makeDag({ dag_id: "backup", name: "Backup" }) }));
    await waitFor(() => expect(result.current.items.map((d) => d.name)).toEqual(["Backup", "ETL"]));
    act(() => applyEvent(qc, { type: "dag_deleted", topic: "dags", id: "2-0", ts: iso(6), data: { dag_id: "etl", version: 2 } }));
    await waitFor(() => expect(result.current.items.map((d) => d.name)).toEqual(["Backup"]));
  });
});

describe("useDagRuns", () => {
  it("asks for the DAG's recent runs and recolours a step when its step_status is pushed", async () => {
    const { qc, wrapper } = setup();
    const calls = deferredFetch();
    const { result } = renderHook(() => useDagRuns("etl", 20), { wrapper });
    await waitFor(() => expect(calls).toHaveLength(1));
    expect(calls[0]!.url).toBe("/api/dag-runs?dag_id=etl&limit=20");
    calls[0]!.resolve(json(200, { items: [makeRun({ run_id: "r1", status: "running", ended_at: null }, { extract: "running" })], next_cursor: null }));
    await waitFor(() => expect(result.current.items).toHaveLength(1));

    act(() => applyEvent(qc, { type: "step_status", topic: "dags", id: "3-0", ts: iso(4), data: makeStep({ run_id: "r1", step_id: "extract", status: "success", duration: 1200, version: 2 }) }));
    await waitFor(() => expect(result.current.items[0]!.steps.find((s) => s.step_id === "extract")).toMatchObject({ status: "success", duration: 1200 }));
  });

  it("keeps a pushed step when a list fetch that started before it ends after it", async () => {
    const { qc, wrapper } = setup();
    const calls = deferredFetch();
    const { result } = renderHook(() => useDagRuns("etl"), { wrapper });
    await waitFor(() => expect(calls).toHaveLength(1));
    // The push arrives while the fetch is on its way; the fetch then answers with the older step.
    act(() => applyEvent(qc, { type: "step_status", topic: "dags", id: "4-0", ts: iso(4), data: makeStep({ run_id: "r1", step_id: "extract", status: "failed", version: 3 }) }));
    calls[0]!.resolve(json(200, { items: [makeRun({ run_id: "r1", status: "running", ended_at: null }, { extract: "running" })], next_cursor: null }));
    await waitFor(() => expect(result.current.items).toHaveLength(1));
    expect(result.current.items[0]!.steps.find((s) => s.step_id === "extract")?.status).toBe("failed");
  });
});

describe("useTriggerRun", () => {
  const dag = makeDag({ dag_id: "etl", name: "ETL" });

  it("shows a queued run with pending steps at once; the push confirms it and the 201 does not duplicate it", async () => {
    const { wrapper, gridRuns, push } = setup({ dags: [dag], runs: [makeRun({ run_id: "r0" })] });
    const calls = deferredFetch();
    const { result } = renderHook(() => useTriggerRun(), { wrapper });
    act(() => result.current.trigger({ dag, params: { who: "me" } }));

    const pending = gridRuns()[0]!;
    expect(pending).toMatchObject({ status: "queued", _pending: true, params: { who: "me" } });
    expect(pending.steps.map((s) => [s.step_id, s.status])).toEqual([
      ["extract", "pending"],
      ["load", "pending"],
    ]);
    expect(gridRuns()).toHaveLength(2);

    await waitFor(() => expect(calls).toHaveLength(1));
    expect(calls[0]!.url).toBe("/api/dags/etl/runs");
    expect(calls[0]!.init.method).toBe("POST");
    const sent = JSON.parse(String(calls[0]!.init.body));
    expect(sent).toEqual({ params: { who: "me" }, client_mutation_id: pending.client_mutation_id });

    // The runner's first push (without steps) beats the 201.
    const { steps: _steps, ...queued } = makeRun({ run_id: "r1", status: "queued", started_at: null, ended_at: null, client_mutation_id: sent.client_mutation_id, version: 1 });
    push("dag_run_status", { ...queued, status: "running", started_at: iso(10), version: 2 });
    expect(gridRuns().map((r) => [r.run_id, r.status, r._pending])).toEqual([
      ["r1", "running", undefined],
      ["r0", "success", undefined],
    ]);

    calls[0]!.resolve(json(201, makeRun({ run_id: "r1", status: "queued", started_at: null, ended_at: null, client_mutation_id: sent.client_mutation_id, version: 1 })));
    await waitFor(() => expect(result.current.isSuccess).toBe(true));
    expect(gridRuns().map((r) => [r.run_id, r.status])).toEqual([
      ["r1", "running"],
      ["r0", "success"],
    ]);
  });

  it("is confirmed by the 201 when it comes first; the later push updates the same run", async () => {
    const { wrapper, gridRuns, push } = setup({ dags: [dag], runs: [] });
    const calls = deferredFetch();
    const { result } = renderHook(() => useTriggerRun(), { wrapper });
    act(() => result.current.trigger({ dag }));
    await waitFor(() => expect(calls).toHaveLength(1));
    const cmid = JSON.parse(String(calls[0]!.init.body)).client_mutation_id as string;
    const created = makeRun({ run_id: "r1", status: "queued", started_at: null, ended_at: null, client_mutation_id: cmid, version: 1 });
    calls[0]!.resolve(json(201, created));
    await waitFor(() => expect(result.current.isSuccess).toBe(true));
    expect(gridRuns()).toMatchObject([{ run_id: "r1", status: "queued" }]);
    expect(gridRuns()[0]!._pending).toBeUndefined();

    const { steps: _steps, ...run } = created;
    push("dag_run_status", { ...run, status: "running", started_at: iso(10), version: 2 });
    push("step_status", makeStep({ run_id: "r1", step_id: "extract", status: "running", version: 2 }));
    expect(gridRuns()).toHaveLength(1);
    expect(gridRuns()[0]).toMatchObject({ run_id: "r1", status: "running" });
    expect(gridRuns()[0]!.steps.map((s) => [s.step_id, s.status])).toEqual([
      ["extract", "running"],
      ["load", "pending"],
    ]);
  });

  it("rolls the pending run back on a 400 and says why", async () => {
    const { wrapper, gridRuns } = setup({ dags: [dag], runs: [makeRun({ run_id: "r0" })] });
    vi.stubGlobal("fetch", async () =>
      json(400, { error: { code: "invalid_request", message: "Invalid request", issues: [{ path: "params.who", message: "must be a string" }] } }),
    );
    const { result } = renderHook(() => useTriggerRun(), { wrapper });
    act(() => result.current.trigger({ dag, params: { who: 1 } }));
    expect(gridRuns()).toHaveLength(2);
    await waitFor(() => expect(result.current.isError).toBe(true));
    expect(gridRuns().map((r) => r.run_id)).toEqual(["r0"]);
    expect(toastError).toHaveBeenCalledWith("A run of “ETL” was not started: params.who must be a string", { richColors: false });
  });
});

describe("useCreateDag", () => {
  it("puts the created DAG in the list where it sorts; the push after it is a no-op", async () => {
    const { wrapper, cards, push } = setup({ dags: [makeDag({ dag_id: "zeta", name: "Zeta" })] });
    const calls = deferredFetch();
    const { result } = renderHook(() => useCreateDag(), { wrapper });
    const body = { name: "Alpha", description: null, steps: makeDag({ dag_id: "x" }).steps };
    act(() => result.current.mutate(body));
    await waitFor(() => expect(calls).toHaveLength(1));
    expect(calls[0]!.url).toBe("/api/dags");
    expect(JSON.parse(String(calls[0]!.init.body))).toEqual(body);
    const alpha = makeDag({ dag_id: "alpha", name: "Alpha" });
    calls[0]!.resolve(json(201, alpha));
    await waitFor(() => expect(result.current.isSuccess).toBe(true));
    expect(cards().map((d) => d.dag_id)).toEqual(["alpha", "zeta"]);
    push("dag_created", alpha);
    expect(cards().map((d) => d.dag_id)).toEqual(["alpha", "zeta"]);
  });

  it("rejects with the server's issues for the editor (nothing added)", async () => {
    const { wrapper, cards } = setup();
    vi.stubGlobal("fetch", async () =>
      json(400, { error: { code: "invalid_request", message: "Invalid request", issues: [{ path: "steps.1.depends_on.0", message: 'unknown step "x"' }] } }),
    );
    const { result } = renderHook(() => useCreateDag(), { wrapper });
    act(() => result.current.mutate({ name: "Alpha", steps: makeDag({ dag_id: "x" }).steps }));
    await waitFor(() => expect(result.current.isError).toBe(true));
    expect((result.current.error as { issues: unknown[] }).issues).toEqual([{ path: "steps.1.depends_on.0", message: 'unknown step "x"' }]);
    expect(cards()).toEqual([]);
  });
});

describe("useUpdateDag", () => {
  it("shows the edit at once, and the answer confirms it", async () => {
    const etl = makeDag({ dag_id: "etl", name: "ETL", version: 3 });
    const { wrapper, cards } = setup({ dags: [etl] });
    const calls = deferredFetch();
    const { result } = renderHook(() => useUpdateDag(), { wrapper });
    const steps = [{ step_id: "only", depends_on: [], operator: "delay", params: { ms: 5 }, retries: 0 }];
    act(() => result.current.mutate({ dag: etl, body: { name: "ETL v2", description: "Nightly", steps } }));
    await waitFor(() => expect(cards()[0]).toMatchObject({ name: "ETL v2", description: "Nightly", steps, _action: "update" }));
    await waitFor(() => expect(calls).toHaveLength(1));
    expect(calls[0]!.url).toBe("/api/dags/etl");
    expect(calls[0]!.init.method).toBe("PUT");

    calls[0]!.resolve(json(200, { ...etl, name: "ETL v2", description: "Nightly", steps, version: 4 }));
    await waitFor(() => expect(result.current.isSuccess).toBe(true));
    expect(cards()).toEqual([expect.objectContaining({ name: "ETL v2", version: 4 })]);
    expect(cards()[0]!._action).toBeUndefined();
  });

  it("goes back to the server's copy on a 400 with a toast; the error carries the issues", async () => {
    const etl = makeDag({ dag_id: "etl", name: "ETL", version: 3 });
    const { wrapper, cards } = setup({ dags: [etl] });
    vi.stubGlobal("fetch", async () =>
      json(400, { error: { code: "invalid_request", message: "Invalid request", issues: [{ path: "steps.0.params.ms", message: "at most one hour" }] } }),
    );
    const { result } = renderHook(() => useUpdateDag(), { wrapper });
    const steps = [{ step_id: "only", depends_on: [], operator: "delay", params: { ms: 9_999_999 }, retries: 0 }];
    act(() => result.current.mutate({ dag: etl, body: { name: "ETL v2", description: null, steps } }));
    await waitFor(() => expect(result.current.isError).toBe(true));
    expect(cards()).toEqual([expect.objectContaining({ name: "ETL", steps: etl.steps })]);
    expect(cards()[0]!._action).toBeUndefined();
    expect(toastError).toHaveBeenCalledWith("DAG “ETL v2” was not saved: steps.0.params.ms at most one hour", { richColors: false });
    expect((result.current.error as { issues: unknown[] }).issues).toHaveLength(1);
  });
});

describe("useDeleteDag", () => {
  it("removes the card at once and keeps it gone after the 204", async () => {
    const etl = makeDag({ dag_id: "etl", name: "ETL" });
    const zeta = makeDag({ dag_id: "zeta", name: "Zeta" });
    const { wrapper, cards, push } = setup({ dags: [etl, zeta] });
    const calls = deferredFetch();
    const { result } = renderHook(() => useDeleteDag(), { wrapper });
    act(() => result.current.mutate(etl));
    await waitFor(() => expect(cards().map((d) => d.dag_id)).toEqual(["zeta"]));
    await waitFor(() => expect(calls).toHaveLength(1));
    expect(calls[0]!.url).toBe("/api/dags/etl");
    expect(calls[0]!.init.method).toBe("DELETE");
    calls[0]!.resolve(new Response(null, { status: 204 }));
    await waitFor(() => expect(result.current.isSuccess).toBe(true));
    // A late copy of the old definition does not bring it back.
    push("dag_updated", etl);
    expect(cards().map((d) => d.dag_id)).toEqual(["zeta"]);
  });

  it("brings the card back where it sorts when the server refuses (409), with the reason", async () => {
    const alpha = makeDag({ dag_id: "alpha", name: "Alpha" });
    const etl = makeDag({ dag_id: "etl", name: "ETL" });
    const { wrapper, cards } = setup({ dags: [alpha, etl] });
    const calls = deferredFetch();
    const { result } = renderHook(() => useDeleteDag(), { wrapper });
    act(() => result.current.mutate(alpha));
    await waitFor(() => expect(cards().map((d) => d.dag_id)).toEqual(["etl"]));
    await waitFor(() => expect(calls).toHaveLength(1));
    calls[0]!.resolve(json(409, { error: { code: "conflict", message: "a run of alpha is running" } }));
    await waitFor(() => expect(result.current.isError).toBe(true));
    expect(cards().map((d) => d.dag_id)).toEqual(["alpha", "etl"]);
    expect(toastError).toHaveBeenCalledWith("Could not delete “Alpha”", { description: "A run of alpha is running.", richColors: false });
  });
});
