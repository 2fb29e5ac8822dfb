// applyEvent: version gating, order independence, filter-aware lists, tombstones, unloaded caches, domains.
import { describe, expect, it } from "vitest";
import fc from "fast-check";
import { QueryClient, type InfiniteData } from "@tanstack/react-query";
import type { Job } from "@/lib/protocol/entities/jobs";
import type { KnowledgeItem } from "@/lib/protocol/entities/knowledge";
import type { Notification } from "@/lib/protocol/entities/notifications";
import type { DagRun, DagRunStep } from "@/lib/protocol/entities/dags";
import type { CatalogEvent } from "@/lib/protocol/events";
import { ev, eph, iso, makeJob, makeKnowledge, makeNotification } from "@/lib/realtime/testing/fixtures";
import type { Page } from "../collections";
import { queryKeys } from "../keys";
import { applyEvent, applyEvents } from "./index";

const newClient = () => new QueryClient({ defaultOptions: { queries: { retry: false, gcTime: Infinity } } });

function infinite<T>(...pages: Page<T>[]): InfiniteData<Page<T>, unknown> {
  return { pages, pageParams: pages.map((_, i) => (i === 0 ? null : `c${i}`)) };
}
const page = <T,>(items: T[], next_cursor: string | null = null, total?: number): Page<T> =>
  total === undefined ? { items, next_cursor } : { items, next_cursor, total };

function items<T>(qc: QueryClient, key: readonly unknown[]): T[] {
  const data = qc.getQueryData<InfiniteData<Page<T>, unknown>>(key);
  return data ? data.pages.flatMap((p) => p.items) : [];
}
const ids = (list: { job_id?: string; item_id?: string; id?: string }[]) => list.map((x) => x.job_id ?? x.item_id ?? x.id);

const jobEvt = (job: Job) => ev("processing_job_status", "jobs", job);

describe("applyEvent: jobs", () => {
  it("never creates a cache entry for lists or details that are not loaded", () => {
    const qc = newClient();
    applyEvent(qc, jobEvt(makeJob({ job_id: "j1" })));
    expect(qc.getQueryCache().getAll()).toHaveLength(0);
  });

  it("updates a loaded detail only with a higher version", () => {
    const qc = newClient();
    qc.setQueryData(queryKeys.jobs.detail("j1"), makeJob({ job_id: "j1", version: 3, progress: 30 }));
    applyEvent(qc, jobEvt(makeJob({ job_id: "j1", version: 2, progress: 20 })));
    expect(qc.getQueryData<Job>(queryKeys.jobs.detail("j1"))!.progress).toBe(30);
    applyEvent(qc, jobEvt(makeJob({ job_id: "j1", version: 4, progress: 40 })));
    expect(qc.getQueryData<Job>(queryKeys.jobs.detail("j1"))!.progress).toBe(40);
  });

  it("inserts a new item only into the lists whose filters it matches, where it sorts", () => {
    const qc = newClient();
    const older = makeJob({ job_id: "old", status: "failed", created_at: iso(10) });
    const newest = makeJob({ job_id: "new", status: "processing", created_at: iso(30) });
    qc.setQueryData(queryKeys.jobs.list(), infinite(page([newest, older], null, 2)));
    qc.setQueryData(queryKeys.jobs.list({ status: "failed" }), infinite(page([older])));
    qc.setQueryData(queryKeys.jobs.list({ status: ["processing", "queued"] }), infinite(page([newest])));

    applyEvent(qc, ev("processing_job_created", "jobs", makeJob({ job_id: "mid", status: "processing", created_at: iso(20) })));

    expect(ids(items(qc, queryKeys.jobs.list()))).toEqual(["new", "mid", "old"]);
    expect(qc.getQueryData<InfiniteData<Page<Job>>>(queryKeys.jobs.list())!.pages[0]!.total).toBe(3);
    expect(ids(items(qc, queryKeys.jobs.list({ status: "failed" })))).toEqual(["old"]);
    expect(ids(items(qc, queryKeys.jobs.list({ status: ["processing", "queued"] })))).toEqual(["new", "mid"]);
  });

  it("moves an item between filtered lists when its status changes", () => {
    const qc = newClient();
    const j = makeJob({ job_id: "j1", status: "processing", created_at: iso(5), version: 1 });
    qc.setQueryData(queryKeys.jobs.list({ status: "processing" }), infinite(page([j])));
    qc.setQueryData(queryKeys.jobs.list({ status: "failed" }), infinite(page([makeJob({ job_id: "f0", status: "failed", created_at: iso(1) })])));

    applyEvent(qc, ev("processing_job_failed", "jobs", { ...j, status: "failed", version: 2, error: "boom" }));

    expect(items(qc, queryKeys.jobs.list({ status: "processing" }))).toEqual([]);
    expect(ids(items(qc, queryKeys.jobs.list({ status: "failed" })))).toEqual(["j1", "f0"]);
  });

  it("does not insert into the first page an item that sorts past it when more pages follow", () => {
    const qc = newClient();
    const a = makeJob({ job_id: "a", created_at: iso(50) });
    const b = makeJob({ job_id: "b", created_at: iso(40) });
    const c = makeJob({ job_id: "c", created_at: iso(10) });
    qc.setQueryData(queryKeys.jobs.list(), infinite(page([a, b], "c1"), page([c])));
    applyEvent(qc, jobEvt(makeJob({ job_id: "x", created_at: iso(20) })));
    expect(ids(items(qc, queryKeys.jobs.list()))).toEqual(["a", "b", "c"]);
    applyEvent(qc, jobEvt(makeJob({ job_id: "y", created_at: iso(45) })));
    expect(ids(items(qc, queryKeys.jobs.list()))).toEqual(["a", "y", "b", "c"]);
  });

  it("patches an item wherever it is loaded, on every page", () => {
    const qc = newClient();
    const a = makeJob({ job_id: "a", created_at: iso(50) });
    const c = makeJob({ job_id: "c", created_at: iso(10), progress: 0 });
    qc.setQueryData(queryKeys.jobs.list(), infinite(page([a], "c1"), page([c])));
    applyEvent(qc, jobEvt({ ...c, version: 2, progress: 70, status: "processing" }));
    expect(items<Job>(qc, queryKeys.jobs.list())[1]).toMatchObject({ job_id: "c", progress: 70, version: 2 });
  });

  it("leaves lists with a full-text search alone for new items but still updates their members", () => {
    const qc = newClient();
    const a = makeJob({ job_id: "a" });
    qc.setQueryData(queryKeys.jobs.list({ q: "report" }), infinite(page([a])));
    applyEvent(qc, jobEvt(makeJob({ job_id: "b", created_at: iso(99) })));
    applyEvent(qc, jobEvt({ ...a, version: 2, progress: 50 }));
    expect(items<Job>(qc, queryKeys.jobs.list({ q: "report" }))).toEqual([{ ...a, version: 2, progress: 50 }]);
  });

  it("supports plain-array and single-page list data", () => {
    const qc = newClient();
    qc.setQueryData(queryKeys.jobs.list({ type: "document" }), [makeJob({ job_id: "a", created_at: iso(1) })]);
    qc.setQueryData(queryKeys.jobs.list({ type: "image" }), page<Job>([], null));
    applyEvent(qc, jobEvt(makeJob({ job_id: "b", created_at: iso(2) })));
    expect(ids(qc.getQueryData<Job[]>(queryKeys.jobs.list({ type: "document" }))!)).toEqual(["b", "a"]);
    expect(qc.getQueryData<Page<Job>>(queryKeys.jobs.list({ type: "image" }))!.items).toEqual([]);
  });
});

describe("applyEvent: order independence (property)", () => {
  const JOB_IDS = ["j1", "j2", "j3"];
  const ITEM_IDS = ["k1", "k2"];
  const STATUSES = ["queued", "processing", "completed", "failed"] as const;

  /** A history per entity: versions 1..n with arbitrary states; knowledge items may end deleted. */
  const historyArb = fc.record({
    jobs: fc.tuple(
      ...JOB_IDS.map(() => fc.array(fc.record({ status: fc.constantFrom(...STATUSES), progress: fc.integer({ min: 0, max: 100 }) }), { minLength: 1, maxLength: 5 })),
    ),
    items: fc.tuple(
      ...ITEM_IDS.map(() =>
        fc.record({
          titles: fc.array(fc.string({ minLength: 1, maxLength: 5 }), { minLength: 1, maxLength: 4 }),
          deleted: fc.boolean(),
        }),
      ),
    ),
  });

  type History = typeof historyArb extends fc.Arbitrary<infer H> ? H : never;

  function eventsOf(h: History): CatalogEvent[] {
    const out: CatalogEvent[] = [];
    JOB_IDS.forEach((id, i) => {
      (h.jobs[i] as { status: Job["status"]; progress: number }[]).forEach((s, v) => {
        out.push(
          ev("processing_job_status", "jobs", makeJob({ job_id: id, created_at: iso(i * 10), status: s.status, progress: s.progress, version: v + 1 })),
        );
      });
    });
    ITEM_IDS.forEach((id, i) => {
      const { titles, deleted } = h.items[i] as { titles: string[]; deleted: boolean };
      titles.forEach((title, v) => {
        out.push(ev("knowledge_item_updated", "knowledge", { ...makeKnowledge({ item_id: id, title, created_at: iso(i), version: v + 1 }), updated_fields: ["title"] }));
      });
      if (deleted) out.push(ev("knowledge_item_deleted", "knowledge", { item_id: id, version: titles.length + 1 }));
    });
    return out;
  }

  function seed(qc: QueryClient) {
    qc.setQueryData(queryKeys.jobs.list(), infinite(page<Job>([])));
    qc.setQueryData(queryKeys.jobs.list({ status: "failed" }), infinite(page<Job>([])));
    qc.setQueryData(queryKeys.jobs.list({ status: ["processing", "queued"] }), [] as Job[]);
    qc.setQueryData(queryKeys.knowledge.list(), infinite(page<KnowledgeItem>([])));
    for (const id of JOB_IDS) qc.setQueryData(queryKeys.jobs.detail(id), { job_id: id, version: 0 });
    for (const id of ITEM_IDS) qc.setQueryData(queryKeys.knowledge.detail(id), { item_id: id, version: 0 });
  }

  function snapshot(qc: QueryClient) {
    const details = Object.fromEntries([
      ...JOB_IDS.map((id) => [id, qc.getQueryData(queryKeys.jobs.detail(id))]),
      ...ITEM_IDS.map((id) => {
        const d = qc.getQueryData<{ _deleted?: boolean }>(queryKeys.knowledge.detail(id))!;
        // A removed entity's detail is only "deleted": which copy it kept depends on the order.
        return [id, d._deleted ? "deleted" : d];
      }),
    ]);
    return {
      all: qc.getQueryData(queryKeys.jobs.list()),
      failed: qc.getQueryData(queryKeys.jobs.list({ status: "failed" })),
      active: qc.getQueryData(queryKeys.jobs.list({ status: ["processing", "queued"] })),
      knowledge: qc.getQueryData(queryKeys.knowledge.list()),
      details,
    };
  }

  it("any order and any duplication of versioned events gives the cache of the in-order application", () => {
    fc.assert(
      fc.property(
        historyArb.chain((h) => {
          const events = eventsOf(h);
          const withDupes = fc
            .array(fc.nat({ max: events.length - 1 }), { maxLength: events.length })
            .map((extra) => [...events, ...extra.map((i) => events[i]!)]);
          return fc.tuple(fc.constant(events), withDupes.chain((all) => fc.shuffledSubarray(all, { minLength: all.length, maxLength: all.length })));
        }),
        ([inOrder, shuffled]) => {
          const expected = newClient();
          seed(expected);
          applyEvents(expected, inOrder);
          const actual = newClient();
          seed(actual);
          // Half one by one, half batched: both paths must agree.
          const cut = Math.floor(shuffled.length / 2);
          for (const e of shuffled.slice(0, cut)) applyEvent(actual, e);
          applyEvents(actual, shuffled.slice(cut));
          expect(snapshot(actual)).toEqual(snapshot(expected));
        },
      ),
      { numRuns: 200 },
    );
  });
});

describe("applyEvent: removals", () => {
  it("removes from every page and marks the detail deleted; an older update never brings it back", () => {
    const qc = newClient();
    const k1 = makeKnowledge({ item_id: "k1", created_at: iso(3), version: 2 });
    const k2 = makeKnowledge({ item_id: "k2", created_at: iso(2) });
    qc.setQueryData(queryKeys.knowledge.list(), infinite(page([k1], "c1", 2), page([k2])));
    qc.setQueryData(queryKeys.knowledge.list({ type: "fact" }), infinite(page([k1])));
    qc.setQueryData(queryKeys.knowledge.detail("k1"), k1);

    applyEvent(qc, ev("knowledge_item_deleted", "knowledge", { item_id: "k1", version: 3 }));
    expect(ids(items(qc, queryKeys.knowledge.list()))).toEqual(["k2"]);
    expect(qc.getQueryData<InfiniteData<Page<KnowledgeItem>>>(queryKeys.knowledge.list())!.pages[0]!.total).toBe(1);
    expect(items(qc, queryKeys.knowledge.list({ type: "fact" }))).toEqual([]);
    expect(qc.getQueryData(queryKeys.knowledge.detail("k1"))).toMatchObject({ item_id: "k1", _deleted: true });

    // A late replay of an update from before the deletion.
    applyEvent(qc, ev("knowledge_item_updated", "knowledge", { ...k1, version: 2, title: "late", updated_fields: ["title"] }));
    expect(ids(items(qc, queryKeys.knowledge.list()))).toEqual(["k2"]);
  });

  it("agent_removed (no version) is final", () => {
    const qc = newClient();
    const agent = {
      agent_id: "a1",
      name: "A",
      type: "worker",
      status: "idle" as const,
      current_task: null,
      progress: 0,
      capabilities: [],
      performance: { tasks_completed: 0, success_rate: 1, average_processing_time: 0, average_response_time_ms: 0 },
      created_at: iso(1),
      client_mutation_id: null,
      version: 5,
    };
    qc.setQueryData(queryKeys.agents.list(), infinite(page([agent])));
    applyEvent(qc, ev("agent_removed", "agents", { agent_id: "a1", reason: "decommissioned" }));
    applyEvent(qc, ev("agent_status_update", "agents", { ...agent, version: 99 }));
    expect(items(qc, queryKeys.agents.list())).toEqual([]);
  });
});

describe("applyEvent: notifications", () => {
  it("prepends a new notification, bumps the unread count once, and marks read across lists", () => {
    const qc = newClient();
    const old = makeNotification({ id: "n0", created_at: iso(1) });
    qc.setQueryData(queryKeys.notifications.list(), infinite(page([old])));
    qc.setQueryData(queryKeys.notifications.list({ unread: true }), infinite(page([old])));
    qc.setQueryData(queryKeys.notifications.unreadCount(), 1);

    const n1 = makeNotification({ id: "n1", created_at: iso(5) });
    const e = ev("notification", "user:u1", n1);
    applyEvent(qc, e);
    applyEvent(qc, e); // duplicate
    expect(ids(items(qc, queryKeys.notifications.list()))).toEqual(["n1", "n0"]);
    expect(qc.getQueryData(queryKeys.notifications.unreadCount())).toBe(2);

    applyEvent(qc, ev("notification_read", "user:u1", { user_id: "u1", ids: ["n1"], all: false, read_at: iso(6) }));
    expect(items<Notification>(qc, queryKeys.notifications.list())[0]!.read_at).toBe(iso(6));
    expect(ids(items(qc, queryKeys.notifications.list({ unread: true })))).toEqual(["n0"]);
    expect(qc.getQueryData(queryKeys.notifications.unreadCount())).toBe(1);

    applyEvent(qc, ev("notification_read", "user:u1", { user_id: "u1", ids: [], all: true, read_at: iso(7) }));
    expect(items(qc, queryKeys.notifications.list({ unread: true }))).toEqual([]);
    expect(items<Notification>(qc, queryKeys.notifications.list()).every((n) => n.read_at !== null)).toBe(true);
    expect(qc.getQueryData(queryKeys.notifications.unreadCount())).toBe(0);
  });

  it("keeps {count} shaped unread counts in their shape", () => {
    const qc = newClient();
    qc.setQueryData(queryKeys.notifications.unreadCount(), { count: 4 });
    applyEvent(qc, ev("notification", "user:u1", makeNotification({ id: "n9" })));
    expect(qc.getQueryData(queryKeys.notifications.unreadCount())).toEqual({ count: 5 });
  });
});

describe("applyEvent: ephemeral and feeds", () => {
  it("sets the latest quote and system metrics; appends series only when loaded", () => {
    const qc = newClient();
    const q = (price: number, s: number) => ({ ticker: "AAPL", price, change: 0, change_percent: 0, volume: 1, timestamp: iso(s) });
    applyEvent(qc, eph("market_data", "market:AAPL", q(10, 1)));
    expect(qc.getQueryData(queryKeys.market.quote("AAPL"))).toMatchObject({ price: 10 });
    expect(qc.getQueryData(queryKeys.market.ticks("AAPL"))).toBeUndefined();

    qc.setQueryData(queryKeys.market.ticks("AAPL"), [q(10, 1)]);
    qc.setQueryData(queryKeys.market.quotes(), {});
    applyEvent(qc, eph("market_data_batch", "market:AAPL", [q(11, 2), q(12, 3)]));
    expect(qc.getQueryData(queryKeys.market.quote("AAPL"))).toMatchObject({ price: 12 });
    expect((qc.getQueryData(queryKeys.market.ticks("AAPL")) as { price: number }[]).map((x) => x.price)).toEqual([10, 11, 12]);
    expect(qc.getQueryData(queryKeys.market.quotes())).toEqual({ AAPL: q(12, 3) });
    // An older tick arriving late does not replace the latest quote.
    applyEvent(qc, eph("market_data", "market:AAPL", q(9, 0)));
    expect(qc.getQueryData(queryKeys.market.quote("AAPL"))).toMatchObject({ price: 12 });

    const metrics = {
      cpu: { usage: 12, cores: 4, frequency: 2.4 },
      memory: { total: 10, used: 5, free: 5, usage: 50 },
      disk: { total: 10, used: 1, free: 9, usage: 10 },
      network: { rx: 1, tx: 1, rxSpeed: 0, txSpeed: 0 },
    };
    applyEvent(qc, eph("system_metrics", "system", metrics));
    expect(qc.getQueryData(queryKeys.system.metrics())).toEqual(metrics);
  });

  it("feeds agent activity and system alerts into their loaded feeds, newest first", () => {
    const qc = newClient();
    qc.setQueryData(queryKeys.agents.activity("a1"), []);
    qc.setQueryData(queryKeys.system.alerts(), []);
    const first = ev("agent_activity", "agents", { agent_id: "a1", activity: "thinking", details: null });
    applyEvent(qc, first);
    applyEvent(qc, first);
    applyEvent(qc, ev("agent_message", "agents", { agent_id: "a1", message: "hi" }));
    applyEvent(qc, ev("system_alert", "system", { level: "warning", title: "Disk", message: "full", details: null }));
    expect((qc.getQueryData(queryKeys.agents.activity("a1")) as { type: string }[]).map((e) => e.type)).toEqual([
      "agent_message",
      "agent_activity",
    ]);
    expect(qc.getQueryData(queryKeys.agents.activity())).toBeUndefined();
    expect(qc.getQueryData(queryKeys.system.alerts())).toHaveLength(1);
  });
});

describe("applyEvent: DAG runs", () => {
  it("patches runs and their steps inside the run detail, version-gated", () => {
    const qc = newClient();
    const run: DagRun = {
      dag_id: "d1",
      run_id: "r1",
      status: "running",
      started_at: iso(1),
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
      version: 1,
    };
    const step = (step_id: string, status: DagRunStep["status"], version: number): DagRunStep => ({
      dag_id: "d1",
      run_id: "r1",
      step_id,
      status,
      start_time: null,
      end_time: null,
      duration: null,
      retry_count: 0,
      error: null,
      version,
    });
    qc.setQueryData(queryKeys.dagRuns.detail("r1"), { ...run, steps: [step("a", "running", 1)] });
    applyEvent(qc, ev("step_status", "dag-runs:r1", step("a", "success", 2)));
    applyEvent(qc, ev("step_status", "dag-runs:r1", step("a", "running", 1)));
    applyEvent(qc, ev("step_status", "dag-runs:r1", step("b", "running", 1)));
    applyEvent(qc, ev("dag_run_progress", "dag-runs:r1", { ...run, completed_steps: 1, completion_percentage: 50, version: 2 }));
    const detail = qc.getQueryData<DagRun & { steps: DagRunStep[] }>(queryKeys.dagRuns.detail("r1"))!;
    expect(detail.completion_percentage).toBe(50);
    expect(detail.steps.map((s) => [s.step_id, s.status])).toEqual([
      ["a", "success"],
      ["b", "running"],
    ]);

    // The runs grid: a list of runs with their steps gets the same step changes, and keeps them
    // when the run itself is updated.
    qc.setQueryData(queryKeys.dagRuns.list({ dag_id: "d1" }), infinite(page([{ ...run, steps: [step("a", "running", 1)] }])));
    applyEvent(qc, ev("step_status", "dag-runs:r1", step("a", "failed", 3)));
    applyEvent(qc, ev("dag_run_status", "dag-runs:r1", { ...run, status: "failed", version: 3 }));
    const [listed] = items(qc, queryKeys.dagRuns.list({ dag_id: "d1" })) as (DagRun & { steps: DagRunStep[] })[];
    expect(listed!.status).toBe("failed");
    expect(listed!.steps.map((s) => [s.step_id, s.status])).toEqual([["a", "failed"]]);
  });

  it("removes a deleted DAG definition from lists", () => {
    const qc = newClient();
    const dag = { dag_id: "d1", name: "ETL", description: null, steps: [], created_at: iso(0), updated_at: iso(0), version: 2 };
    qc.setQueryData(queryKeys.dags.list(), infinite(page([dag])));
    applyEvent(qc, ev("dag_deleted", "dags", { dag_id: "d1", version: 3 }));
    expect(items(qc, queryKeys.dags.list())).toEqual([]);
  });
});
