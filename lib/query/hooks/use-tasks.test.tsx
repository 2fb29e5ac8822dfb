// @vitest-environment jsdom
// Tests of the tasks hooks against a fake fetch and pushed events: filters to params and query string,
// the live queue (pushed tasks enter and leave by status and kind), the pending row of "new task" and
// its confirmation, the optimistic cancel and its rollback.
import * as React from "react";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { act, renderHook, waitFor } from "@testing-library/react";
import { QueryClient, QueryClientProvider, type InfiniteData } from "@tanstack/react-query";
import { toast as sonner } from "sonner";
import type { Task } from "@/lib/protocol/entities/tasks";
import type { CatalogEvent } from "@/lib/protocol/events";
import { iso, makeTask } from "@/lib/realtime/testing/fixtures";
import type { Page } from "../collections";
import { queryKeys } from "../keys";
import { mergeFetched } from "../merge-fetched";
import { DEFAULT_STALE_TIME_MS } from "../query-client";
import { applyEvent } from "../patchers";
import { canCancelTask, taskListParams, taskListQuery, useCancelTask, useCreateTask, useTask, useTasksList, type TaskRow } from "./use-tasks";

vi.mock("sonner", () => ({ toast: Object.assign(vi.fn(), { error: vi.fn(), success: vi.fn(), info: vi.fn() }) }));

const toastError = vi.mocked(sonner.error);
const json = (status: number, body: unknown) => new Response(JSON.stringify(body), { status, headers: { "content-type": "application/json" } });

function deferredFetch() {
  const calls: Array<{ url: string; init: RequestInit; resolve: (r: Response) => void }> = [];
  vi.stubGlobal("fetch", (url: string, init: RequestInit) => new Promise<Response>((resolve) => calls.push({ url, init, resolve })));
  return calls;
}

function newClient() {
  // The app's staleTime: pushed data stays fresh (lib/query/query-client.ts).
  return new QueryClient({ defaultOptions: { queries: { retry: false, gcTime: Infinity, staleTime: DEFAULT_STALE_TIME_MS }, mutations: { retry: false } } });
}

function setup(lists: Array<{ key: readonly unknown[]; tasks: Task[] }>) {
  const qc = newClient();
  for (const { key, tasks } of lists) qc.setQueryData(key, mergeFetched(qc, key, { pages: [{ items: tasks, next_cursor: null }], pageParams: [null] }));
  const wrapper = ({ children }: { children: React.ReactNode }) => <QueryClientProvider client={qc}>{children}</QueryClientProvider>;
  const rows = (key: readonly unknown[]) => qc.getQueryData<InfiniteData<Page<TaskRow>>>(key)?.pages.flatMap((p) => p.items) ?? [];
  const push = (type: string, task: Task, id: string) =>
    act(() => applyEvent(qc, { type, topic: "tasks", id, ts: iso(100), data: task } as CatalogEvent));
  return { qc, wrapper, rows, push };
}

const ACTIVE = queryKeys.tasks.list(taskListParams({ scope: "active" }, 50));
const ACTIVE_STANDALONE = queryKeys.tasks.list(taskListParams({ scope: "active", kind: "standalone" }, 50));
const ACTIVE_JOB_STEPS = queryKeys.tasks.list(taskListParams({ scope: "active", kind: "job" }, 50));
const FINISHED = queryKeys.tasks.list(taskListParams({ scope: "finished" }, 50));

beforeEach(() => toastError.mockReset());
afterEach(() => vi.unstubAllGlobals());

describe("taskListParams and taskListQuery", () => {
  it("maps the views to statuses and kinds, and sends them comma-separated", () => {
    expect(taskListParams()).toEqual({ status: ["pending", "assigned", "running"] });
    expect(taskListParams({ scope: "finished", kind: "job" }, 20)).toEqual({ status: ["completed", "failed", "cancelled"], standalone: false, limit: 20 });
    expect(taskListParams({ scope: "all", kind: "standalone", agentId: "a1" })).toEqual({ standalone: true, agent_id: "a1" });
    expect(taskListQuery(taskListParams({ scope: "active", kind: "standalone" }, 50), "c2")).toEqual({
      status: "pending,assigned,running",
      standalone: "true",
      agent_id: undefined,
      job_id: undefined,
      type: undefined,
      limit: 50,
      cursor: "c2",
    });
  });

  it("allows cancel only for unfinished, confirmed tasks with nothing in flight", () => {
    const t = (o: Partial<TaskRow>) => ({ ...makeTask({ task_id: "t" }), ...o });
    expect(["pending", "assigned", "running", "completed", "failed", "cancelled"].map((status) => canCancelTask(t({ status: status as Task["status"] })))).toEqual([
      true,
      true,
      true,
      false,
      false,
      false,
    ]);
    expect(canCancelTask(t({ _pending: true }))).toBe(false);
    expect(canCancelTask(t({ _action: "cancel" }))).toBe(false);
  });
});

describe("useTasksList", () => {
  it("fetches the active standalone queue and follows pushes: new tasks enter, finished ones leave", async () => {
    const qc = newClient();
    const wrapper = ({ children }: { children: React.ReactNode }) => <QueryClientProvider client={qc}>{children}</QueryClientProvider>;
    const urls: string[] = [];
    vi.stubGlobal("fetch", async (url: string) => {
      urls.push(url);
      return json(200, { items: [makeTask({ task_id: "t1", description: "first", status: "running", agent_id: "a1" })], next_cursor: null });
    });
    const { result } = renderHook(() => useTasksList({ scope: "active", kind: "standalone" }), { wrapper });
    await waitFor(() => expect(result.current.items.map((t) => t.task_id)).toEqual(["t1"]));
    expect(urls).toEqual(["/api/tasks?status=pending%2Cassigned%2Crunning&standalone=true&limit=50"]);

    const emit = (type: string, task: Task, id: string) => act(() => applyEvent(qc, { type, topic: "tasks", id, ts: iso(9), data: task } as CatalogEvent));
    emit("task_created", makeTask({ task_id: "t2", description: "second", created_at: iso(10), assignment_reason: "no idle agent with summarization ≥ 0.5" }), "1-0");
    // A job's step does not belong in the standalone view.
    emit("task_created", makeTask({ task_id: "t3", job_id: "job_1", created_at: iso(11) }), "2-0");
    await waitFor(() => expect(result.current.items.map((t) => t.task_id)).toEqual(["t2", "t1"]));
    expect(result.current.items[0]!.assignment_reason).toBe("no idle agent with summarization ≥ 0.5");

    emit("task_completed", makeTask({ task_id: "t1", status: "completed", progress: 1, agent_id: "a1", version: 2 }), "3-0");
    await waitFor(() => expect(result.current.items.map((t) => t.task_id)).toEqual(["t2"]));
  });
});

describe("useCreateTask", () => {
  const input = { description: "Summarise the Q3 report", type: "summarization" as const, priority: 7 };

  it("shows a pending row at once in the lists it belongs to; the push confirms it and the 201 does not duplicate it", async () => {
    const { wrapper, rows, push } = setup([
      { key: ACTIVE_STANDALONE, tasks: [makeTask({ task_id: "t0", status: "running" })] },
      { key: ACTIVE_JOB_STEPS, tasks: [] },
      { key: FINISHED, tasks: [] },
    ]);
    const calls = deferredFetch();
    const { result } = renderHook(() => useCreateTask(), { wrapper });
    act(() => result.current.create(input));
    await waitFor(() =>
      expect(rows(ACTIVE_STANDALONE)[0]).toMatchObject({
        description: "Summarise the Q3 report",
        status: "pending",
        priority: 7,
        _pending: true,
        required_capabilities: [{ name: "summarization", min_proficiency: 0.5 }],
      }),
    );
    expect(rows(ACTIVE_JOB_STEPS)).toEqual([]);
    expect(rows(FINISHED)).toEqual([]);

    const sent = JSON.parse(String(calls[0]!.init.body));
    expect(calls[0]!.url).toBe("/api/tasks");
    expect(sent).toMatchObject({ description: "Summarise the Q3 report", type: "summarization", priority: 7 });
    const task = makeTask({ task_id: "t9", description: input.description, type: "summarization", priority: 7, client_mutation_id: sent.client_mutation_id, created_at: iso(50) });
    push("task_created", task, "1-0");
    expect(rows(ACTIVE_STANDALONE).map((t) => [t.task_id, t._pending])).toEqual([
      ["t9", undefined],
      ["t0", undefined],
    ]);
    push("task_assigned", { ...task, status: "assigned", agent_id: "a1", version: 2, assignment_reason: "best proficiency" }, "2-0");
    calls[0]!.resolve(json(201, task));
    await waitFor(() => expect(result.current.isSuccess).toBe(true));
    expect(rows(ACTIVE_STANDALONE).map((t) => [t.task_id, t.status])).toEqual([
      ["t9", "assigned"],
      ["t0", "running"],
    ]);
  });

  it("rolls the row back with a toast naming the problem on a 400", async () => {
    const { wrapper, rows } = setup([{ key: ACTIVE, tasks: [] }]);
    vi.stubGlobal("fetch", async () =>
      json(400, { error: { code: "invalid_request", message: "Invalid request", issues: [{ path: "priority", message: "must be 0-10" }] } }),
    );
    const { result } = renderHook(() => useCreateTask(), { wrapper });
    act(() => result.current.create({ ...input, priority: 12 }));
    await waitFor(() => expect(result.current.isError).toBe(true));
    expect(rows(ACTIVE)).toEqual([]);
    expect(toastError).toHaveBeenCalledWith("Task “Summarise the Q3 report” was not created: priority must be 0-10", { richColors: false });
  });
});

describe("useCancelTask", () => {
  it("shows the task cancelled at once; the answer confirms and the active view drops it", async () => {
    const t1 = makeTask({ task_id: "t1", status: "running", agent_id: "a1", version: 3 });
    const { wrapper, rows } = setup([{ key: ACTIVE, tasks: [t1] }]);
    const calls = deferredFetch();
    const { result } = renderHook(() => useCancelTask(), { wrapper });
    act(() => result.current.mutate(t1));
    await waitFor(() => expect(rows(ACTIVE)[0]).toMatchObject({ status: "cancelled", _action: "cancel" }));
    expect(calls[0]!.url).toBe("/api/tasks/t1/cancel");
    calls[0]!.resolve(json(200, { ...t1, status: "cancelled", version: 4 }));
    await waitFor(() => expect(rows(ACTIVE)).toEqual([]));
  });

  it("rolls back on a 409 (the task finished meanwhile) with the server's message", async () => {
    const t1 = makeTask({ task_id: "t1", description: "Summarise", status: "running", version: 3 });
    const { wrapper, rows } = setup([{ key: ACTIVE, tasks: [t1] }]);
    const calls = deferredFetch();
    const { result } = renderHook(() => useCancelTask(), { wrapper });
    act(() => result.current.mutate(t1));
    await waitFor(() => expect(rows(ACTIVE)[0]?._action).toBe("cancel"));
    calls[0]!.resolve(json(409, { error: { code: "conflict", message: "task t1 already finished" } }));
    await waitFor(() => expect(result.current.isError).toBe(true));
    expect(rows(ACTIVE)[0]).toMatchObject({ status: "running" });
    expect(rows(ACTIVE)[0]!._action).toBeUndefined();
    expect(toastError).toHaveBeenCalledWith("Could not cancel “Summarise”", {
      description: "Task t1 already finished (its state changed; the queue shows the current one).",
      richColors: false,
    });
  });
});

describe("useTask", () => {
  it("starts from the copy the tab holds (no request) and follows pushes", async () => {
    const { qc, wrapper, push } = setup([{ key: ACTIVE, tasks: [makeTask({ task_id: "t1", description: "held", status: "running", progress: 0.2 })] }]);
    const fetchSpy = vi.fn();
    vi.stubGlobal("fetch", fetchSpy);
    const { result } = renderHook(() => useTask("t1"), { wrapper });
    expect(result.current.data).toMatchObject({ description: "held", progress: 0.2 });
    push("task_progress", makeTask({ task_id: "t1", description: "held", status: "running", progress: 0.6, version: 2 }), "1-0");
    await waitFor(() => expect(result.current.data?.progress).toBe(0.6));
    expect(fetchSpy).not.toHaveBeenCalled();
    expect(qc.getQueryData(queryKeys.tasks.detail("t1"))).toMatchObject({ progress: 0.6 });
  });
});
