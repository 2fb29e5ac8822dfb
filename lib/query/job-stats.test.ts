// Tests of the live job stats: deltas per event, duplicates, unknown previous states, fetch races, the sliding window, the throttle.
import { afterEach, describe, expect, it, vi } from "vitest";
import type { JobStats } from "@/lib/api/jobs";
import type { Job } from "@/lib/protocol/entities/jobs";
import { iso, makeJob, T0 } from "@/lib/realtime/testing/fixtures";
import {
  addToBucket,
  applyStatsDelta,
  createJobStatsTracker,
  createThrottle,
  rollBuckets,
  rollStatsWindow,
  statsDelta,
  factOf,
  type JobEventLike,
} from "./job-stats";

const MIN = 60_000;

/** 60 empty buckets ending with the minute of T0 + `endOffsetS`. */
function stats(overrides: Partial<JobStats> = {}, endOffsetS = 0): JobStats {
  const end = Math.floor((T0 + endOffsetS * 1000) / MIN) * MIN;
  return {
    counts: { queued: 0, processing: 0, completed: 0, failed: 0, cancelled: 0 },
    total: 0,
    per_minute: Array.from({ length: 60 }, (_, i) => ({
      minute: new Date(end - (59 - i) * MIN).toISOString(),
      created: 0,
      completed: 0,
      failed: 0,
    })),
    generated_at: iso(endOffsetS - 1),
    ...overrides,
  };
}

const ev = (type: string, data: unknown, tsOffsetS = 0): JobEventLike => ({ type, ts: iso(tsOffsetS), data });
const job = (overrides: Partial<Job> = {}) => makeJob({ job_id: "j1", created_at: iso(0), ...overrides });
const lastBucket = (s: JobStats) => s.per_minute[s.per_minute.length - 1]!;

describe("statsDelta", () => {
  it("counts a creation in its status, the total and its minute's created bucket", () => {
    expect(statsDelta(null, factOf(job())!)).toEqual({
      counts: { queued: 1 },
      total: 1,
      per_minute: [{ at: iso(0), field: "created", by: 1 }],
    });
  });

  it("moves one count from the old status to the new one, and counts completions and failures in their minute", () => {
    const processing = factOf(job({ status: "processing", version: 2 }))!;
    const completed = factOf(job({ status: "completed", version: 3, completed_at: iso(30) }))!;
    expect(statsDelta(processing, completed)).toEqual({
      counts: { processing: -1, completed: 1 },
      total: 0,
      per_minute: [{ at: iso(30), field: "completed", by: 1 }],
    });
    const failed = factOf(job({ status: "failed", version: 3, failed_at: iso(40) }))!;
    expect(statsDelta(processing, failed)?.per_minute).toEqual([{ at: iso(40), field: "failed", by: 1 }]);
  });

  it("a retry takes the failure out of its minute (the server clears failed_at)", () => {
    const failed = factOf(job({ status: "failed", version: 3, failed_at: iso(40) }))!;
    const queued = factOf(job({ status: "queued", version: 4, retry_count: 1 }))!;
    expect(statsDelta(failed, queued)).toEqual({
      counts: { failed: -1, queued: 1 },
      total: 0,
      per_minute: [{ at: iso(40), field: "failed", by: -1 }],
    });
  });

  it("is null for a progress tick (same status)", () => {
    const a = factOf(job({ status: "processing", progress: 10, version: 2 }))!;
    const b = factOf(job({ status: "processing", progress: 50, version: 3 }))!;
    expect(statsDelta(a, b)).toBeNull();
  });

  it("takes a deleted job out of its status, the total and its minutes", () => {
    expect(statsDelta(factOf(job({ status: "failed", failed_at: iso(70) }))!, null)).toEqual({
      counts: { failed: -1 },
      total: -1,
      per_minute: [
        { at: iso(0), field: "created", by: -1 },
        { at: iso(70), field: "failed", by: -1 },
      ],
    });
  });
});

describe("applyStatsDelta and rollStatsWindow", () => {
  it("adds to the right bucket and never goes below zero", () => {
    const s = applyStatsDelta(stats(), { counts: { queued: 1, failed: -1 }, total: 1, per_minute: [{ at: iso(5), field: "created", by: 1 }] });
    expect(s.counts).toMatchObject({ queued: 1, failed: 0 });
    expect(s.total).toBe(1);
    expect(lastBucket(s).created).toBe(1);
  });

  it("ignores buckets older than the window", () => {
    const before = stats();
    const s = applyStatsDelta(before, { counts: {}, total: 0, per_minute: [{ at: iso(-2 * 3600), field: "failed", by: 1 }] });
    expect(s.per_minute).toEqual(before.per_minute);
  });

  it("slides the window when an event is newer than the last bucket", () => {
    const s = applyStatsDelta(stats(), { counts: {}, total: 0, per_minute: [{ at: iso(150), field: "completed", by: 1 }] });
    expect(s.per_minute).toHaveLength(60);
    expect(Date.parse(lastBucket(s).minute)).toBe(Math.floor((T0 + 150_000) / MIN) * MIN);
    expect(lastBucket(s).completed).toBe(1);
  });

  it("rolls to the current minute with empty buckets, keeping the length, and is a no-op within the minute", () => {
    const base = stats();
    base.per_minute[59]!.created = 7;
    const rolled = rollStatsWindow(base, T0 + 3 * MIN + 5_000);
    expect(rolled.per_minute).toHaveLength(60);
    expect(rolled.per_minute[56]!.created).toBe(7);
    expect(rolled.per_minute.slice(57).map((b) => b.created)).toEqual([0, 0, 0]);
    expect(rollStatsWindow(rolled, T0 + 3 * MIN + 50_000)).toBe(rolled);
    expect(rollStatsWindow(base, T0 + 10 * 3600_000).per_minute.every((b) => b.created === 0)).toBe(true);
  });
});

describe("createJobStatsTracker", () => {
  it("follows a job's life: created, processing, progress, completed", () => {
    const t = createJobStatsTracker();
    let s: JobStats | undefined = stats({ generated_at: iso(0) }, 60);
    for (const [type, data, at] of [
      ["processing_job_created", job({ version: 1 }), 1],
      ["processing_job_status", job({ version: 2, status: "processing" }), 2],
      ["processing_job_status", job({ version: 3, status: "processing", progress: 50 }), 3],
      ["processing_job_completed", job({ version: 4, status: "completed", completed_at: iso(4) }), 4],
    ] as const) {
      const o = t.observe(ev(type, data, at));
      expect(o.unknown).toBe(false);
      s = t.apply(s, o);
    }
    expect(s!.counts).toEqual({ queued: 0, processing: 0, completed: 1, failed: 0, cancelled: 0 });
    expect(s!.total).toBe(1);
    const sum = (f: "created" | "completed") => s!.per_minute.reduce((n, b) => n + b[f], 0);
    expect([sum("created"), sum("completed")]).toEqual([1, 1]);
  });

  it("ignores duplicates and replays (version not above the last one seen)", () => {
    const t = createJobStatsTracker();
    t.observe(ev("processing_job_created", job({ version: 1 }), 1));
    t.observe(ev("processing_job_status", job({ version: 2, status: "processing" }), 2));
    expect(t.observe(ev("processing_job_status", job({ version: 2, status: "processing" }), 2)).delta).toBeNull();
    expect(t.observe(ev("processing_job_created", job({ version: 1 }), 1)).delta).toBeNull();
  });

  it("takes the previous status from an older copy in the version store", () => {
    const t = createJobStatsTracker();
    const held = () => ({ version: 3, entity: job({ version: 3, status: "failed" }) });
    const o = t.observe(ev("processing_job_status", job({ version: 4, status: "queued", retry_count: 1 })), held);
    expect(o).toMatchObject({ unknown: false, delta: { counts: { failed: -1, queued: 1 } } });
  });

  it("reports an unknown previous state (no copy, or the store already holds this version), and knows the job afterwards", () => {
    const t = createJobStatsTracker();
    expect(t.observe(ev("processing_job_status", job({ version: 5, status: "processing" }))).unknown).toBe(true);
    expect(t.observe(ev("processing_job_completed", job({ version: 6, status: "completed", completed_at: iso(1) }))).delta?.counts).toEqual({
      processing: -1,
      completed: 1,
    });
    const sameVersion = () => ({ version: 2, entity: job({ job_id: "j2", version: 2, status: "queued" }) });
    expect(t.observe(ev("processing_job_status", job({ job_id: "j2", version: 2, status: "queued" })), sameVersion).unknown).toBe(true);
    expect(t.observe(ev("processing_job_deleted", { job_id: "j3", version: 4 })).unknown).toBe(true);
  });

  it("counts a creation even when the HTTP answer already put it in the store", () => {
    const t = createJobStatsTracker();
    const held = () => ({ version: 1, entity: job({ version: 1 }) });
    expect(t.observe(ev("processing_job_created", job({ version: 1 })), held)).toMatchObject({ unknown: false, delta: { total: 1 } });
  });

  it("uses what a mutation remembered before the HTTP answer replaced the store's copy", () => {
    const t = createJobStatsTracker();
    t.remember(job({ version: 7, status: "processing" }));
    const storeAfterAnswer = () => ({ version: 8, entity: job({ version: 8, status: "cancelled" }) });
    const o = t.observe(ev("processing_job_cancelled", job({ version: 8, status: "cancelled" })), storeAfterAnswer);
    expect(o.delta?.counts).toEqual({ processing: -1, cancelled: 1 });
  });

  it("takes a deleted job out of its last known status", () => {
    const t = createJobStatsTracker();
    t.observe(ev("processing_job_failed", job({ version: 3, status: "failed" })), () => ({ version: 2, entity: job({ version: 2, status: "processing" }) }));
    const o = t.observe(ev("processing_job_deleted", { job_id: "j1", version: 4 }));
    expect(o.delta).toMatchObject({ counts: { failed: -1 }, total: -1 });
    expect(t.observe(ev("processing_job_deleted", { job_id: "j1", version: 4 })).delta).toBeNull();
  });

  it("does not apply an event the fetched stats already include (ts not after generated_at)", () => {
    const t = createJobStatsTracker();
    const o = t.observe(ev("processing_job_created", job(), 10));
    const fresh = stats({ generated_at: iso(20) }, 60);
    expect(t.apply(fresh, o)).toBe(fresh);
    expect(t.apply(stats({ generated_at: iso(5) }, 60), o)!.total).toBe(1);
  });

  it("reconciles a fetched answer with the deltas that happened after it was generated", () => {
    let now = T0;
    const t = createJobStatsTracker({ now: () => now });
    t.observe(ev("processing_job_created", job({ job_id: "a" }), 10));
    t.observe(ev("processing_job_created", job({ job_id: "b" }), 30));
    const fetched = stats({ counts: { queued: 1, processing: 0, completed: 0, failed: 0, cancelled: 0 }, total: 1, generated_at: iso(20) }, 60);
    const merged = t.reconcile(fetched);
    expect(merged.total).toBe(2);
    expect(merged.counts.queued).toBe(2);
    // Deltas older than two minutes are forgotten.
    now += 3 * MIN;
    t.observe(ev("processing_job_created", job({ job_id: "c" }), 200));
    expect(t.reconcile(stats({ generated_at: iso(0) }, 300)).total).toBe(1);
  });

  it("forgets the least recently changed jobs past its capacity", () => {
    const t = createJobStatsTracker({ capacity: 2 });
    for (const id of ["a", "b", "c"]) t.observe(ev("processing_job_created", job({ job_id: id })));
    expect(t.size).toBe(2);
  });
});

describe("createThrottle", () => {
  afterEach(() => vi.useRealTimers());

  it("runs at once the first time, then at most once per interval, coalescing requests", () => {
    vi.useFakeTimers();
    const run = vi.fn();
    const throttle = createThrottle(run, 5_000);
    throttle.schedule();
    vi.advanceTimersByTime(0);
    expect(run).toHaveBeenCalledTimes(1);
    throttle.schedule();
    throttle.schedule();
    vi.advanceTimersByTime(4_999);
    expect(run).toHaveBeenCalledTimes(1);
    vi.advanceTimersByTime(1);
    expect(run).toHaveBeenCalledTimes(2);
    vi.advanceTimersByTime(20_000);
    expect(run).toHaveBeenCalledTimes(2);
  });

  it("cancel drops the waiting run", () => {
    vi.useFakeTimers();
    const run = vi.fn();
    const throttle = createThrottle(run, 5_000);
    throttle.schedule();
    expect(throttle.pending).toBe(true);
    throttle.cancel();
    vi.advanceTimersByTime(10_000);
    expect(run).not.toHaveBeenCalled();
  });
});

describe("generic buckets and a tracker shared by several views", () => {
  const HOUR = 3_600_000;
  const hourly = { timeKey: "hour" as const, periodMs: HOUR, fields: ["completed", "failed"] as const };
  const hours = (end: number) =>
    Array.from({ length: 24 }, (_, i) => ({ hour: new Date(Math.floor(end / HOUR) * HOUR - (23 - i) * HOUR).toISOString(), completed: 0, failed: 0 }));

  it("adds to an hourly bucket, slides the window by hours, and ignores times before it", () => {
    const base = hours(T0);
    const added = addToBucket(base, hourly, T0 + 60_000, "completed", 1);
    expect(added.at(-1)!.completed).toBe(1);
    const slid = addToBucket(base, hourly, T0 + 2 * HOUR, "failed", 1);
    expect(slid).toHaveLength(24);
    expect(Date.parse(slid.at(-1)!.hour)).toBe(Math.floor((T0 + 2 * HOUR) / HOUR) * HOUR);
    expect(slid.at(-1)!.failed).toBe(1);
    expect(addToBucket(base, hourly, T0 - 30 * HOUR, "failed", 1)).toBe(base);
    expect(rollBuckets(base, hourly, T0 + 1000)).toBe(base);
  });

  it("answers the same event object with the same observation (two hooks listen to one topic)", () => {
    const t = createJobStatsTracker();
    const e = ev("processing_job_created", job({ version: 1, type: "pdf" }), 1);
    const first = t.observe(e);
    expect(first).toMatchObject({ unknown: false, jobType: "pdf", delta: { total: 1 } });
    expect(t.observe(e)).toBe(first);
    expect(t.observe({ ...e }).delta).toBeNull();
  });

  it("prefers a store copy newer than what it remembers (events it missed while no view listened)", () => {
    const t = createJobStatsTracker();
    t.observe(ev("processing_job_status", job({ version: 2, status: "processing" }), 1), () => ({ version: 1, entity: job({ version: 1 }) }));
    const held = () => ({ version: 5, entity: job({ version: 5, status: "failed", failed_at: iso(40) }) });
    const o = t.observe(ev("processing_job_status", job({ version: 6, status: "queued", retry_count: 1 }), 50), held);
    expect(o.delta).toMatchObject({ counts: { failed: -1, queued: 1 }, per_minute: [{ at: iso(40), field: "failed", by: -1 }] });
  });

  it("applies and reconciles through a view's own applier", () => {
    let now = T0;
    const t = createJobStatsTracker({ now: () => now });
    const view = { generated_at: iso(5), types: [] as (string | null)[] };
    const applier = (v: typeof view, c: { jobType: string | null }) => ({ ...v, types: [...v.types, c.jobType] });
    const o = t.observe(ev("processing_job_created", job({ job_id: "v1", type: "csv" }), 10));
    expect(t.apply(view, o, applier)!.types).toEqual(["csv"]);
    now += 1_000;
    expect(t.reconcile({ ...view, generated_at: iso(20) }, applier).types).toEqual([]);
    expect(t.reconcile(view, applier).types).toEqual(["csv"]);
  });
});
