// mergeFetched/fetchMerged: a fetch racing pushes never overwrites newer data, whatever the order.
import { describe, expect, it } from "vitest";
import { QueryClient, type InfiniteData } from "@tanstack/react-query";
import type { Job } from "@/lib/protocol/entities/jobs";
import type { Notification } from "@/lib/protocol/entities/notifications";
import { ev, iso, makeJob, makeKnowledge, makeNotification } from "@/lib/realtime/testing/fixtures";
import type { Page } from "./collections";
import { queryKeys } from "./keys";
import { fetchMerged, mergeFetched } from "./merge-fetched";
import { applyEvent } from "./patchers";
import { entityDetailOptions, entityListOptions } from "./query-options";

const newClient = () => new QueryClient({ defaultOptions: { queries: { retry: false, gcTime: Infinity } } });

function deferred<T>() {
  let resolve!: (v: T) => void;
  const promise = new Promise<T>((r) => (resolve = r));
  return { promise, resolve };
}

describe("mergeFetched: details", () => {
  it("a fetch that started before a push and ends after it keeps the pushed copy", async () => {
    const qc = newClient();
    const key = queryKeys.jobs.detail("j1");
    const answer = deferred<Job>();
    const fetching = qc.fetchQuery(entityDetailOptions(qc, key, () => answer.promise));
    // The push arrives while the fetch is in flight (no data cached yet: the patcher cannot write it).
    applyEvent(qc, ev("processing_job_completed", "jobs", { ...makeJob({ job_id: "j1", progress: 100, version: 5 }), status: "completed" }));
    answer.resolve(makeJob({ job_id: "j1", status: "processing", progress: 40, version: 4 }));
    await fetching;
    expect(qc.getQueryData(key)).toMatchObject({ status: "completed", progress: 100, version: 5 });
  });

  it("a fetch newer than the push wins, and later older pushes are ignored", async () => {
    const qc = newClient();
    const key = queryKeys.jobs.detail("j1");
    applyEvent(qc, ev("processing_job_status", "jobs", makeJob({ job_id: "j1", progress: 10, version: 2 })));
    await qc.fetchQuery(entityDetailOptions(qc, key, async () => makeJob({ job_id: "j1", progress: 60, version: 6 })));
    applyEvent(qc, ev("processing_job_status", "jobs", makeJob({ job_id: "j1", progress: 50, version: 5 })));
    expect(qc.getQueryData(key)).toMatchObject({ progress: 60, version: 6 });
  });

  it("a fetched copy of a removed entity comes back marked deleted", () => {
    const qc = newClient();
    applyEvent(qc, ev("knowledge_item_deleted", "knowledge", { item_id: "k1", version: 3 }));
    const merged = mergeFetched(qc, queryKeys.knowledge.detail("k1"), makeKnowledge({ item_id: "k1", version: 2 }));
    expect(merged).toMatchObject({ item_id: "k1", _deleted: true });
  });

  it("passes other keys through untouched", () => {
    const qc = newClient();
    const data = { price: 1 };
    expect(mergeFetched(qc, queryKeys.market.quote("AAPL"), data)).toBe(data);
  });
});

describe("mergeFetched: lists", () => {
  it("replaces items by newer pushed copies and drops those that left the filter or were removed", () => {
    const qc = newClient();
    applyEvent(qc, ev("processing_job_failed", "jobs", { ...makeJob({ job_id: "a", version: 3, created_at: iso(3) }), status: "failed" }));
    applyEvent(qc, ev("processing_job_status", "jobs", makeJob({ job_id: "b", status: "processing", progress: 80, version: 2, created_at: iso(2) })));
    const fetched: Page<Job> = {
      items: [
        makeJob({ job_id: "a", status: "processing", version: 2, created_at: iso(3) }),
        makeJob({ job_id: "b", status: "processing", progress: 20, version: 1, created_at: iso(2) }),
        makeJob({ job_id: "c", status: "processing", version: 1, created_at: iso(1) }),
      ],
      next_cursor: null,
      total: 3,
    };
    const merged = mergeFetched(qc, queryKeys.jobs.list({ status: "processing" }), fetched);
    expect(merged.items.map((j) => [j.job_id, j.progress])).toEqual([
      ["b", 80],
      ["c", 0],
    ]);
    expect(merged.total).toBe(2);
  });

  it("adds items pushed during the fetch that belong to the first page", async () => {
    const qc = newClient();
    const key = queryKeys.jobs.list();
    const answer = deferred<Page<Job>>();
    const fetching = qc.fetchInfiniteQuery(entityListOptions<Job>(qc, key, () => answer.promise));
    applyEvent(qc, ev("processing_job_created", "jobs", makeJob({ job_id: "new", created_at: iso(50) })));
    applyEvent(qc, ev("processing_job_created", "jobs", makeJob({ job_id: "ancient", created_at: iso(0) })));
    answer.resolve({ items: [makeJob({ job_id: "old", created_at: iso(10) })], next_cursor: "c1" });
    await fetching;
    const data = qc.getQueryData<InfiniteData<Page<Job>>>(key)!;
    // "ancient" sorts past the first page, which has more after it: left to the page that holds it.
    expect(data.pages[0]!.items.map((j) => j.job_id)).toEqual(["new", "old"]);
  });

  it("does not add items pushed before the fetch started (the answer already reflects them)", async () => {
    const qc = newClient();
    applyEvent(qc, ev("processing_job_created", "jobs", makeJob({ job_id: "gone", created_at: iso(50) })));
    const merged = await fetchMerged(qc, queryKeys.jobs.list(), async () => ({ items: [] as Job[], next_cursor: null }));
    expect(merged.items).toEqual([]);
  });

  it("keeps a read notification read when a fetch that started before the read answers", () => {
    const qc = newClient();
    applyEvent(qc, ev("notification", "user:u1", makeNotification({ id: "n1" })));
    applyEvent(qc, ev("notification_read", "user:u1", { user_id: "u1", ids: ["n1"], all: false, read_at: iso(9) }));
    const merged = mergeFetched(qc, queryKeys.notifications.list(), [makeNotification({ id: "n1" })]);
    expect((merged as Notification[])[0]!.read_at).toBe(iso(9));
  });

  it("either order of fetch and push gives the same list", async () => {
    const run = async (pushFirst: boolean) => {
      const qc = newClient();
      const key = queryKeys.jobs.list();
      const answer = deferred<Page<Job>>();
      const push = () => applyEvent(qc, ev("processing_job_status", "jobs", makeJob({ job_id: "a", progress: 90, version: 3 })));
      const fetching = qc.fetchInfiniteQuery(entityListOptions<Job>(qc, key, () => answer.promise));
      if (pushFirst) push();
      answer.resolve({ items: [makeJob({ job_id: "a", progress: 10, version: 2 })], next_cursor: null });
      await fetching;
      if (!pushFirst) push();
      return qc.getQueryData<InfiniteData<Page<Job>>>(key)!.pages[0]!.items;
    };
    expect(await run(true)).toEqual(await run(false));
    expect((await run(true))[0]).toMatchObject({ progress: 90, version: 3 });
  });
});
