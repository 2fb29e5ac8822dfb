// Optimistic helpers: pending insert, confirmation by push or HTTP in either order, rollback, auto rollback, patches.
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { QueryClient, QueryObserver, type InfiniteData } from "@tanstack/react-query";
import type { Job } from "@/lib/protocol/entities/jobs";
import { ev, iso, makeJob } from "@/lib/realtime/testing/fixtures";
import type { Page } from "./collections";
import { queryKeys } from "./keys";
import { mergeFetched } from "./merge-fetched";
import { PENDING_TIMEOUT_MS, confirmPending, insertPending, optimisticPatch, rollbackPending, setOptimisticToast } from "./optimistic";
import { applyEvent } from "./patchers";

const newClient = () => new QueryClient({ defaultOptions: { queries: { retry: false, gcTime: Infinity } } });
const infinite = <T,>(items: T[], total?: number): InfiniteData<Page<T>, unknown> => ({
  pages: [total === undefined ? { items, next_cursor: null } : { items, next_cursor: null, total }],
  pageParams: [null],
});
type Cached = Job & { _pending?: boolean };
const listItems = (qc: QueryClient, key: readonly unknown[]) =>
  qc.getQueryData<InfiniteData<Page<Cached>>>(key)?.pages.flatMap((p) => p.items) ?? [];

const toast = vi.fn();
beforeEach(() => {
  toast.mockReset();
  setOptimisticToast(toast);
});
afterEach(() => {
  setOptimisticToast(null);
  vi.useRealTimers();
});

function setupLists() {
  const qc = newClient();
  const existing = makeJob({ job_id: "old", status: "completed", created_at: iso(1) });
  qc.setQueryData(queryKeys.jobs.list(), infinite([existing], 1));
  qc.setQueryData(queryKeys.jobs.list({ status: "failed" }), infinite<Job>([]));
  qc.setQueryData(queryKeys.jobs.list({ status: "queued" }), infinite<Job>([]));
  return qc;
}

const pendingJob = { job_id: "pending-m1", client_mutation_id: "m1", status: "queued" as const, filename: "a.pdf", created_at: iso(100) };
const realJob = (version = 1, extra: Partial<Job> = {}) =>
  makeJob({ job_id: "job_9", client_mutation_id: "m1", status: "queued", created_at: iso(100), version, ...extra });

describe("insertPending", () => {
  it("puts the item, marked pending, at the top of the lists whose filters it matches", () => {
    const qc = setupLists();
    insertPending(qc, queryKeys.jobs.lists(), pendingJob);
    expect(listItems(qc, queryKeys.jobs.list()).map((j) => [j.job_id, j._pending])).toEqual([
      ["pending-m1", true],
      ["old", undefined],
    ]);
    expect(listItems(qc, queryKeys.jobs.list({ status: "queued" }))).toHaveLength(1);
    expect(listItems(qc, queryKeys.jobs.list({ status: "failed" }))).toHaveLength(0);
  });

  it("survives a refetch of the list until it is confirmed", () => {
    const qc = setupLists();
    insertPending(qc, queryKeys.jobs.lists(), pendingJob);
    const refetched = mergeFetched(qc, queryKeys.jobs.list(), { items: [makeJob({ job_id: "old", created_at: iso(1) })], next_cursor: null });
    expect(refetched.items.map((j) => j.job_id)).toEqual(["pending-m1", "old"]);
  });
});

describe("confirmation: push and HTTP answer, either order, never a duplicate", () => {
  it("push first, then HTTP answer", () => {
    const qc = setupLists();
    insertPending(qc, queryKeys.jobs.lists(), pendingJob);
    applyEvent(qc, ev("processing_job_created", "jobs", realJob(1)));
    expect(listItems(qc, queryKeys.jobs.list()).map((j) => [j.job_id, j._pending])).toEqual([
      ["job_9", undefined],
      ["old", undefined],
    ]);
    confirmPending(qc, "m1", realJob(1));
    expect(listItems(qc, queryKeys.jobs.list()).map((j) => j.job_id)).toEqual(["job_9", "old"]);
    expect(listItems(qc, queryKeys.jobs.list({ status: "queued" })).map((j) => j.job_id)).toEqual(["job_9"]);
    expect(qc.getQueryData<InfiniteData<Page<Job>>>(queryKeys.jobs.list())!.pages[0]!.total).toBe(2);
  });

  it("HTTP answer first, then push (also when the push is newer)", () => {
    const qc = setupLists();
    insertPending(qc, queryKeys.jobs.lists(), pendingJob);
    confirmPending(qc, "m1", realJob(1));
    expect(listItems(qc, queryKeys.jobs.list()).map((j) => [j.job_id, j._pending])).toEqual([
      ["job_9", undefined],
      ["old", undefined],
    ]);
    applyEvent(qc, ev("processing_job_created", "jobs", realJob(1)));
    applyEvent(qc, ev("processing_job_status", "jobs", realJob(2, { status: "processing" })));
    expect(listItems(qc, queryKeys.jobs.list()).map((j) => [j.job_id, j.status])).toEqual([
      ["job_9", "processing"],
      ["old", "completed"],
    ]);
    // It left the queued list when it started processing.
    expect(listItems(qc, queryKeys.jobs.list({ status: "queued" }))).toEqual([]);
  });

  it("a newer push before a stale HTTP answer: the answer changes nothing", () => {
    const qc = setupLists();
    insertPending(qc, queryKeys.jobs.lists(), pendingJob);
    applyEvent(qc, ev("processing_job_status", "jobs", realJob(2, { status: "processing" })));
    confirmPending(qc, "m1", realJob(1));
    expect(listItems(qc, queryKeys.jobs.list()).map((j) => [j.job_id, j.status, j.version])).toEqual([
      ["job_9", "processing", 2],
      ["old", "completed", 1],
    ]);
  });
});

describe("rollback", () => {
  it("removes the pending item and shows the error", () => {
    const qc = setupLists();
    insertPending(qc, queryKeys.jobs.lists(), pendingJob);
    expect(rollbackPending(qc, "m1", "Upload failed")).toBe(true);
    expect(listItems(qc, queryKeys.jobs.list()).map((j) => j.job_id)).toEqual(["old"]);
    expect(toast).toHaveBeenCalledWith("Upload failed");
  });

  it("after a confirmation it does nothing and shows nothing", () => {
    const qc = setupLists();
    insertPending(qc, queryKeys.jobs.lists(), pendingJob);
    applyEvent(qc, ev("processing_job_created", "jobs", realJob(1)));
    expect(rollbackPending(qc, "m1", "Upload failed")).toBe(false);
    expect(listItems(qc, queryKeys.jobs.list()).map((j) => j.job_id)).toEqual(["job_9", "old"]);
    expect(toast).not.toHaveBeenCalled();
  });

  it("rolls back by itself after 10 s without confirmation", () => {
    vi.useFakeTimers();
    const qc = setupLists();
    insertPending(qc, queryKeys.jobs.lists(), pendingJob);
    vi.advanceTimersByTime(PENDING_TIMEOUT_MS - 1);
    expect(listItems(qc, queryKeys.jobs.list())).toHaveLength(2);
    vi.advanceTimersByTime(1);
    expect(listItems(qc, queryKeys.jobs.list()).map((j) => j.job_id)).toEqual(["old"]);
    expect(toast).toHaveBeenCalledTimes(1);
  });

  it("a confirmation stops the 10 s timer", () => {
    vi.useFakeTimers();
    const qc = setupLists();
    insertPending(qc, queryKeys.jobs.lists(), pendingJob);
    vi.advanceTimersByTime(5_000);
    confirmPending(qc, "m1", realJob(1));
    vi.advanceTimersByTime(PENDING_TIMEOUT_MS * 2);
    expect(listItems(qc, queryKeys.jobs.list()).map((j) => j.job_id)).toEqual(["job_9", "old"]);
    expect(toast).not.toHaveBeenCalled();
  });
});

describe("optimisticPatch", () => {
  it("patches the detail and every list copy, and rollback restores them", async () => {
    const qc = newClient();
    const job = makeJob({ job_id: "j1", status: "failed", can_retry: true, version: 3 });
    qc.setQueryData(queryKeys.jobs.detail("j1"), job);
    qc.setQueryData(queryKeys.jobs.list(), infinite([job]));
    const rollback = await optimisticPatch(qc, { domain: "jobs", id: "j1" }, { status: "queued", can_retry: false });
    expect(qc.getQueryData(queryKeys.jobs.detail("j1"))).toMatchObject({ status: "queued", can_retry: false });
    expect(listItems(qc, queryKeys.jobs.list())[0]).toMatchObject({ status: "queued" });
    rollback();
    expect(qc.getQueryData(queryKeys.jobs.detail("j1"))).toEqual(job);
    expect(listItems(qc, queryKeys.jobs.list())[0]).toEqual(job);
  });

  it("rollback leaves alone a copy the server has replaced since", async () => {
    const qc = newClient();
    const job = makeJob({ job_id: "j1", status: "failed", version: 3 });
    qc.setQueryData(queryKeys.jobs.detail("j1"), job);
    const rollback = await optimisticPatch(qc, { domain: "jobs", id: "j1" }, { status: "queued" });
    applyEvent(qc, ev("processing_job_status", "jobs", { ...job, status: "processing", version: 4 }));
    rollback();
    expect(qc.getQueryData(queryKeys.jobs.detail("j1"))).toMatchObject({ status: "processing", version: 4 });
  });

  it("cancels an in-flight fetch that would overwrite it, and refetches when the last mutation settles", async () => {
    const qc = newClient();
    const key = queryKeys.jobs.detail("j1");
    let calls = 0;
    const fetcher = vi.fn(
      (signal: AbortSignal) =>
        new Promise<Job>((resolve, reject) => {
          calls += 1;
          const n = calls;
          if (n > 1) resolve(makeJob({ job_id: "j1", status: "queued", version: 4 }));
          signal.addEventListener("abort", () => reject(new DOMException("aborted", "AbortError")));
        }),
    );
    qc.setQueryData(key, makeJob({ job_id: "j1", status: "failed", version: 3 }));
    void qc.fetchQuery({ queryKey: key, queryFn: ({ signal }) => fetcher(signal), staleTime: 0 }).catch(() => {});
    const first = await optimisticPatch(qc, { domain: "jobs", id: "j1" }, { status: "queued" });
    const second = await optimisticPatch(qc, { domain: "jobs", id: "j1" }, { progress: 1 });
    expect(qc.getQueryState(key)!.fetchStatus).toBe("idle");
    expect(qc.getQueryData(key)).toMatchObject({ status: "queued", progress: 1 });

    // An observer (a mounted component) makes the invalidation refetch the query.
    const observer = new QueryObserver(qc, { queryKey: key, queryFn: ({ signal }) => fetcher(signal), staleTime: Infinity });
    const unsubscribe = observer.subscribe(() => {});
    first.settle();
    expect(fetcher).toHaveBeenCalledTimes(1); // one mutation still in flight
    second.settle();
    await vi.waitFor(() => expect(qc.getQueryData(key)).toMatchObject({ version: 4 }));
    expect(fetcher).toHaveBeenCalledTimes(2);
    unsubscribe();
  });
});
