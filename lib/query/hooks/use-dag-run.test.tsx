// @vitest-environment jsdom
// Tests of the DAG run hooks against a fake fetch and pushed events: the live run detail, the
// optimistic cancel (shown at once, confirmed by the push, never undone by an older answer), the 409
// rollback with the server's reason, and the overview's latest runs.
import * as React from "react";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { act, renderHook, waitFor } from "@testing-library/react";
import { QueryClient, QueryClientProvider } from "@tanstack/react-query";
import { toast as sonner } from "sonner";
import type { DagRun, DagRunStep } from "@/lib/protocol/entities/dags";
import type { DagRunDetail } from "@/lib/api/dags";
import { ev, iso } from "@/lib/realtime/testing/fixtures";
import { queryKeys } from "../keys";
import { applyEvent } from "../patchers";
import { canCancelRun, isCancelling, useCancelRun, useDagRun, useLatestDagRuns, type DagRunRow } from "./use-dag-run";

vi.mock("sonner", () => ({ toast: Object.assign(vi.fn(), { error: vi.fn(), success: vi.fn(), info: vi.fn() }) }));
const toastError = vi.mocked(sonner.error);

const json = (status: number, body: unknown) => new Response(JSON.stringify(body), { status, headers: { "content-type": "application/json" } });

function makeStep(step_id: string, over: Partial<DagRunStep> = {}): DagRunStep {
  return { dag_id: "etl", run_id: "r1", step_id, status: "pending", start_time: null, end_time: null, duration: null, retry_count: 0, error: null, version: 1, ...over };
}
function makeRun(over: Partial<DagRunDetail> = {}): DagRunDetail {
  const run: DagRun = {
    dag_id: "etl",
    run_id: "r1",
    status: "running",
    started_at: iso(0),
    ended_at: null,
    total_steps: 2,
    completed_steps: 0,
    running_steps: 1,
    failed_steps: 0,
    pending_steps: 1,
    completion_percentage: 0,
    params: {},
    error: null,
    created_at: iso(0),
    client_mutation_id: null,
    version: 3,
  };
  return { ...run, steps: [makeStep("extract", { status: "running", start_time: iso(1), version: 2 }), makeStep("load")], ...over };
}
const runOnly = (r: DagRunDetail): DagRun => {
  const { steps: _steps, ...run } = r;
  return run;
};

/** A fetch that answers GETs of the run with `current()` and holds each POST until the test answers it. */
function fakeServer(current: () => DagRunDetail) {
  const posts: Array<{ url: string; init: RequestInit; resolve: (r: Response) => void }> = [];
  const gets: string[] = [];
  vi.stubGlobal("fetch", (url: string, init: RequestInit = {}) => {
    if ((init.method ?? "GET") === "GET") {
      gets.push(url);
      return Promise.resolve(json(200, current()));
    }
    return new Promise<Response>((resolve) => posts.push({ url, init, resolve }));
  });
  return { posts, gets };
}

function setup() {
  const qc = new QueryClient({ defaultOptions: { queries: { retry: false, gcTime: Infinity }, mutations: { retry: false } } });
  const wrapper = ({ children }: { children: React.ReactNode }) => <QueryClientProvider client={qc}>{children}</QueryClientProvider>;
  const detail = () => qc.getQueryData<DagRunRow>(queryKeys.dagRuns.detail("r1"));
  return { qc, wrapper, detail };
}

beforeEach(() => toastError.mockReset());
afterEach(() => vi.unstubAllGlobals());

describe("useDagRun", () => {
  it("loads the run with its steps, then takes pushed run and step changes", async () => {
    const { qc, wrapper } = setup();
    const { gets } = fakeServer(() => makeRun());
    const { result } = renderHook(() => useDagRun("r1"), { wrapper });
    await waitFor(() => expect(result.current.data?.status).toBe("running"));
    expect(gets).toEqual(["/api/dag-runs/r1"]);

    act(() => applyEvent(qc, ev("step_status", "dag-runs:r1", makeStep("extract", { status: "success", start_time: iso(1), end_time: iso(3), duration: 2000, version: 3 }))));
    await waitFor(() => expect(result.current.data?.steps.find((s) => s.step_id === "extract")?.status).toBe("success"));
    act(() => applyEvent(qc, ev("dag_run_progress", "dag-runs:r1", { ...runOnly(makeRun()), completed_steps: 1, completion_percentage: 50, version: 4 })));
    await waitFor(() => expect(result.current.data?.completion_percentage).toBe(50));
    // The run's own event carries no steps: the steps it had stay.
    expect(result.current.data?.steps).toHaveLength(2);
  });

  it("answers a missing run with a 404 ApiError", async () => {
    const { wrapper } = setup();
    vi.stubGlobal("fetch", async () => json(404, { error: { code: "not_found", message: "no such run" } }));
    const { result } = renderHook(() => useDagRun("nope"), { wrapper });
    await waitFor(() => expect(result.current.isError).toBe(true));
    expect(result.current.error).toMatchObject({ status: 404 });
  });
});

describe("useCancelRun", () => {
  it("shows the cancel at once; the push confirms it; the older answer after it changes nothing", async () => {
    const { qc, wrapper, detail } = setup();
    let server = makeRun();
    const { posts } = fakeServer(() => server);
    const { result } = renderHook(() => ({ run: useDagRun("r1"), cancel: useCancelRun() }), { wrapper });
    await waitFor(() => expect(result.current.run.data).toBeDefined());
    expect(canCancelRun(result.current.run.data!)).toBe(true);

    act(() => result.current.cancel.mutate(result.current.run.data!));
    await waitFor(() => expect(detail()?._action).toBe("cancel"));
    expect(isCancelling(detail()!)).toBe(true);
    expect(canCancelRun(detail()!)).toBe(false);
    expect(detail()!.status).toBe("running");
    await waitFor(() => expect(posts).toHaveLength(1));
    expect(posts[0]!.url).toBe("/api/dag-runs/r1/cancel");
    expect(posts[0]!.init.method).toBe("POST");

    // The pushes: the running step stops (skipped), the pending one is skipped, the run is cancelled.
    const cancelled = makeRun({
      status: "cancelled",
      ended_at: iso(5),
      running_steps: 0,
      pending_steps: 0,
      version: 5,
      steps: [makeStep("extract", { status: "skipped", start_time: iso(1), end_time: iso(5), version: 3 }), makeStep("load", { status: "skipped", version: 2 })],
    });
    server = cancelled;
    act(() => {
      for (const step of cancelled.steps) applyEvent(qc, ev("step_status", "dag-runs:r1", step));
      applyEvent(qc, ev("dag_run_status", "dag-runs:r1", runOnly(cancelled)));
    });
    expect(detail()!.status).toBe("cancelled");
    expect(isCancelling(detail()!)).toBe(false);
    expect(detail()!.steps.map((s) => s.status)).toEqual(["skipped", "skipped"]);

    // The HTTP answer was made before the last pushes: its older copy must not undo them.
    posts[0]!.resolve(json(200, makeRun({ status: "cancelled", version: 4, steps: [makeStep("extract", { status: "running", version: 2 }), makeStep("load")] })));
    await waitFor(() => expect(result.current.cancel.isSuccess).toBe(true));
    expect(detail()!._action).toBeUndefined();
    expect(detail()!).toMatchObject({ status: "cancelled", version: 5 });
    expect(detail()!.steps.map((s) => s.status)).toEqual(["skipped", "skipped"]);
  });

  it("applies the answer when it comes before the run's push, but never rolls back a step pushed before it", async () => {
    const { qc, wrapper, detail } = setup();
    const { posts } = fakeServer(() => makeRun());
    const { result } = renderHook(() => ({ run: useDagRun("r1"), cancel: useCancelRun() }), { wrapper });
    await waitFor(() => expect(result.current.run.data).toBeDefined());
    act(() => result.current.cancel.mutate(result.current.run.data!));
    await waitFor(() => expect(posts).toHaveLength(1));
    // The running step's stop was pushed (v4) after the answer took its copy of it (v3).
    act(() => applyEvent(qc, ev("step_status", "dag-runs:r1", makeStep("extract", { status: "skipped", end_time: iso(5), version: 4 }))));
    const answer = makeRun({
      status: "cancelled",
      version: 5,
      steps: [makeStep("extract", { status: "running", version: 3 }), makeStep("load", { status: "skipped", version: 2 })],
    });
    posts[0]!.resolve(json(200, answer));
    await waitFor(() => expect(result.current.cancel.isSuccess).toBe(true));
    expect(detail()).toMatchObject({ status: "cancelled", version: 5 });
    expect(detail()!._action).toBeUndefined();
    expect(detail()!.steps.map((s) => [s.step_id, s.status, s.version])).toEqual([
      ["extract", "skipped", 4],
      ["load", "skipped", 2],
    ]);
    // The same state pushed afterwards is a no-op.
    act(() => applyEvent(qc, ev("dag_run_status", "dag-runs:r1", runOnly(answer))));
    expect(detail()).toMatchObject({ status: "cancelled", version: 5 });
  });

  it("rolls back on a 409 with the server's reason, and refetches the run", async () => {
    const { wrapper, detail } = setup();
    let server = makeRun();
    const { posts, gets } = fakeServer(() => server);
    const { result } = renderHook(() => ({ run: useDagRun("r1"), cancel: useCancelRun() }), { wrapper });
    await waitFor(() => expect(result.current.run.data).toBeDefined());
    act(() => result.current.cancel.mutate(result.current.run.data!));
    await waitFor(() => expect(isCancelling(detail()!)).toBe(true));

    server = makeRun({ status: "success", ended_at: iso(9), version: 8 });
    posts[0]!.resolve(json(409, { error: { code: "conflict", message: "run r1 already finished" } }));
    await waitFor(() => expect(result.current.cancel.isError).toBe(true));
    expect(detail()!._action).toBeUndefined();
    expect(toastError).toHaveBeenCalledWith("Could not cancel run r1", {
      description: "Run r1 already finished (its state changed; the page shows the current one).",
      richColors: false,
    });
    await waitFor(() => expect(detail()!.status).toBe("success"));
    expect(gets).toHaveLength(2);
  });

  it("rolls back when the server cannot be reached", async () => {
    const { wrapper, detail } = setup();
    const current = makeRun();
    vi.stubGlobal("fetch", async (_url: string, init: RequestInit = {}) => {
      if ((init.method ?? "GET") === "GET") return json(200, current);
      throw new TypeError("Failed to fetch");
    });
    const { result } = renderHook(() => ({ run: useDagRun("r1"), cancel: useCancelRun() }), { wrapper });
    await waitFor(() => expect(result.current.run.data).toBeDefined());
    act(() => result.current.cancel.mutate(result.current.run.data!));
    await waitFor(() => expect(result.current.cancel.isError).toBe(true));
    expect(detail()).toMatchObject({ status: "running" });
    expect(detail()!._action).toBeUndefined();
    expect(toastError).toHaveBeenCalledWith("Could not cancel run r1", { description: "The server could not be reached.", richColors: false });
  });
});

describe("useLatestDagRuns", () => {
  it("lists the newest runs and takes a pushed new run at the top", async () => {
    const { qc, wrapper } = setup();
    const urls: string[] = [];
    vi.stubGlobal("fetch", async (url: string) => {
      urls.push(url);
      return json(200, { items: [makeRun({ run_id: "r1", started_at: iso(10) })], next_cursor: null });
    });
    const { result } = renderHook(() => useLatestDagRuns(5), { wrapper });
    await waitFor(() => expect(result.current.items.map((r) => r.run_id)).toEqual(["r1"]));
    expect(urls).toEqual(["/api/dag-runs?limit=5"]);
    act(() => applyEvent(qc, ev("dag_run_status", "dags", { ...runOnly(makeRun()), run_id: "r2", status: "queued", started_at: null, version: 1 })));
    await waitFor(() => expect(result.current.items.map((r) => [r.run_id, r.status])).toEqual([["r2", "queued"], ["r1", "running"]]));
  });
});
