// Job stats kept live from job events: what each event changes in GET /api/jobs/stats, without a refetch.
//
// The overview fetches JobStats once (counts by status, total, 60 per-minute buckets) and then
// patches it from the `jobs` topic's events instead of refetching per event:
//
// - Every job event carries the whole job with a `version`; `processing_job_deleted` carries only
//   `{job_id, version}`. The tracker remembers, per job, the last copy it accounted for (a "fact":
//   status, version and the times that pick a bucket). An event is compared with the previous fact:
//     created (no previous copy)      counts[status] + 1, total + 1, created + 1 in created_at's minute
//     status A -> B                   counts[A] - 1, counts[B] + 1
//     -> completed / -> failed        completed (failed) + 1 in completed_at's (failed_at's) minute
//     retried (failed -> queued)      failed - 1 in the old failed_at's minute (the server clears it)
//     deleted                         counts[last status] - 1, total - 1, and its buckets - 1
//     same status (progress ticks)    nothing
//   (The server derives the buckets from each job's created_at / completed_at / failed_at, so the
//   delta is "the new copy's share minus the old copy's".)
//   An event whose version is not above the fact's is a duplicate or a replay: nothing.
// - The previous copy comes from the tracker's own facts, else from the cache's version store when it
//   holds an OLDER version than the event (a copy the patchers have not replaced yet). The mutation
//   hooks `remember` the server's copy before they act, because their HTTP answer reaches the store
//   before the push does. When no previous copy is known (a job this tab never saw changes status),
//   the event is "unknown": the caller schedules one throttled refetch (at most one every 5 s) and
//   the tracker keeps the event's copy, so the next event of that job is known.
// - A fetch and the events race. The stats carry `generated_at`; an event whose `ts` is not after it
//   is already counted there and is not applied. The tracker keeps the last two minutes of applied
//   deltas; a fetched answer gets those after its `generated_at` re-applied (`reconcile`), so events
//   that arrived while the fetch was in flight are neither lost nor counted twice.
// - The per-minute window slides with time (`rollStatsWindow`): buckets move in server time (the
//   client's clock corrected by the skew seen at fetch), and an event newer than the last bucket
//   slides it too.
import type { JobStats } from "@/lib/api/jobs";
import { JOB_STATUSES, type JobStatus } from "@/lib/protocol/entities/jobs";

/** What the stats need to know of a job. */
export interface JobFact {
  job_id: string;
  /** The job's type (documents: text, pdf...); null when the copy lacks it. */
  type: string | null;
  status: JobStatus;
  version: number;
  created_at: string;
  completed_at: string | null;
  failed_at: string | null;
}

export type BucketField = "created" | "completed" | "failed";

/** A change to apply to JobStats. */
export interface StatsDelta {
  counts: Partial<Record<JobStatus, number>>;
  total: number;
  /** Per-minute increments: `at` is any ISO time inside the minute. */
  per_minute: { at: string; field: BucketField; by: number }[];
}

/** An event as the tracker reads it (a realtime event envelope). */
export interface JobEventLike {
  type: string;
  ts: string;
  data: unknown;
}

/** A held copy from the version store (`entity` null: a tombstone). */
export interface HeldCopy {
  version: number;
  entity: unknown | null;
}

export type HeldLookup = (jobId: string) => HeldCopy | undefined;

export interface Observation {
  /** What to apply (null: nothing changes, or the change is unknown). */
  delta: StatsDelta | null;
  /** The event's time (server clock). */
  ts: string;
  /** The previous state of the job could not be known: refetch the stats (throttled). */
  unknown: boolean;
  /** The job's type (for counts by type); null when not known. */
  jobType: string | null;
}

/** An applied change as views other than JobStats need it: the delta and the job's type. */
export interface StatsChange {
  delta: StatsDelta;
  jobType: string | null;
}

/** Applies a change to a view of the stats (JobStats, the insights overview...). */
export type ChangeApplier<S> = (stats: S, change: StatsChange) => S;

/** Stats fetched from the server carry the server time they describe. */
export interface Timestamped {
  generated_at: string;
}

export const JOB_EVENT_TYPES = [
  "processing_job_created",
  "processing_job_status",
  "processing_job_completed",
  "processing_job_failed",
  "processing_job_cancelled",
  "processing_job_deleted",
] as const;

const MINUTE_MS = 60_000;

/** The fact of a job-shaped value, or null when it is not one. */
export function factOf(value: unknown): JobFact | null {
  if (typeof value !== "object" || value === null) return null;
  const j = value as Record<string, unknown>;
  if (typeof j.job_id !== "string" || typeof j.version !== "number" || !isStatus(j.status) || typeof j.created_at !== "string") {
    return null;
  }
  return {
    job_id: j.job_id,
    type: typeof j.type === "string" ? j.type : null,
    status: j.status,
    version: j.version,
    created_at: j.created_at,
    completed_at: typeof j.completed_at === "string" ? j.completed_at : null,
    failed_at: typeof j.failed_at === "string" ? j.failed_at : null,
  };
}

/**
 * The change from `prev` to `next` (null prev: the job was created; null next: it was deleted). The
 * server counts the per-minute buckets from each job's `created_at`, `completed_at` and `failed_at`,
 * so a job's share of them is exactly those three times: the delta removes the old copy's share and
 * adds the new one's (a retry clears `failed_at`, a deletion removes all three). Null when nothing changes.
 */
export function statsDelta(prev: JobFact | null, next: JobFact | null): StatsDelta | null {
  if (!prev && !next) return null;
  const delta: StatsDelta = { counts: {}, total: 0, per_minute: [] };
  if (prev) {
    delta.counts[prev.status] = -1;
    delta.total -= 1;
  }
  if (next) {
    delta.counts[next.status] = (delta.counts[next.status] ?? 0) + 1;
    delta.total += 1;
  }
  const shares = new Map<string, { at: string; field: BucketField; by: number }>();
  const add = (job: JobFact | null, by: number) => {
    if (!job) return;
    for (const [field, at] of [
      ["created", job.created_at],
      ["completed", job.completed_at],
      ["failed", job.failed_at],
    ] as const) {
      if (!at) continue;
      const t = Date.parse(at);
      if (!Number.isFinite(t)) continue;
      const key = `${field}@${Math.floor(t / MINUTE_MS)}`;
      const held = shares.get(key);
      if (held) held.by += by;
      else shares.set(key, { at, field, by });
    }
  };
  add(prev, -1);
  add(next, 1);
  delta.per_minute = [...shares.values()].filter((s) => s.by !== 0);
  for (const [status, by] of Object.entries(delta.counts) as [JobStatus, number][]) if (by === 0) delete delta.counts[status];
  const empty = delta.total === 0 && delta.per_minute.length === 0 && Object.keys(delta.counts).length === 0;
  return empty ? null : delta;
}

/** A window of consecutive buckets, oldest first: each starts at `bucket[timeKey]` (ISO) and lasts `periodMs`. */
export interface BucketWindow<K extends string, F extends string> {
  timeKey: K;
  periodMs: number;
  /** The counters of a bucket (0 in a new one). */
  fields: readonly F[];
}

/** A bucket of a window: its start time and its counters. */
export type Bucket<K extends string, F extends string> = Record<K, string> & Record<F, number>;

/** JobStats' window: 60 minutes of created, completed and failed jobs. */
export const PER_MINUTE_WINDOW: BucketWindow<"minute", BucketField> = {
  timeKey: "minute",
  periodMs: MINUTE_MS,
  fields: ["created", "completed", "failed"],
};

/**
 * Slides `buckets` so that the last one is the period of `now`, with empty buckets for the periods
 * in between, keeping the length. Returns `buckets` itself when the last bucket is already that
 * period or newer.
 */
export function rollBuckets<K extends string, F extends string, B extends Bucket<K, F>>(
  buckets: readonly B[],
  window: BucketWindow<K, F>,
  now: number,
): readonly B[] {
  const { timeKey, periodMs } = window;
  const target = floorTo(now, periodMs);
  if (buckets.length === 0 || !Number.isFinite(target)) return buckets;
  const last = floorTo(Date.parse(buckets[buckets.length - 1]![timeKey]), periodMs);
  if (!Number.isFinite(last) || target <= last) return buckets;
  const missing = Math.min(Math.round((target - last) / periodMs), buckets.length);
  const added = Array.from({ length: missing }, (_, i) => {
    const bucket: Record<string, string | number> = { [timeKey]: new Date(target - (missing - 1 - i) * periodMs).toISOString() };
    for (const f of window.fields) bucket[f] = 0;
    return bucket as B;
  });
  return [...buckets.slice(missing), ...added];
}

/**
 * `buckets` with `by` added to `field` of the bucket holding `at` (never below 0), after sliding
 * the window when `at` is newer than its last bucket. Unchanged when `at` is older than the window.
 */
export function addToBucket<K extends string, F extends string, B extends Bucket<K, F>>(
  buckets: readonly B[],
  window: BucketWindow<K, F>,
  at: number,
  field: F,
  by: number,
): readonly B[] {
  if (!Number.isFinite(at)) return buckets;
  const rolled = rollBuckets(buckets, window, at);
  const period = floorTo(at, window.periodMs);
  const i = rolled.findIndex((b) => floorTo(Date.parse(b[window.timeKey]), window.periodMs) === period);
  if (i === -1) return rolled;
  const next = rolled.slice();
  const bucket = next[i]!;
  next[i] = { ...bucket, [field]: Math.max(0, bucket[field] + by) };
  return next;
}

/** `stats` with `delta` applied (counts never below 0); the window slides when a bucket is newer than its last. */
export function applyStatsDelta(stats: JobStats, delta: StatsDelta): JobStats {
  const counts = { ...stats.counts };
  for (const [status, by] of Object.entries(delta.counts) as [JobStatus, number][]) {
    counts[status] = Math.max(0, (counts[status] ?? 0) + by);
  }
  let perMinute: readonly JobStats["per_minute"][number][] = stats.per_minute;
  for (const { at, field, by } of delta.per_minute) perMinute = addToBucket(perMinute, PER_MINUTE_WINDOW, Date.parse(at), field, by);
  const next: JobStats = { ...stats, counts, total: Math.max(0, stats.total + delta.total) };
  return perMinute === stats.per_minute ? next : { ...next, per_minute: [...perMinute] };
}

/**
 * Slides the per-minute window so that its last bucket is the minute of `now` (server time), with
 * empty buckets for the minutes in between, keeping its length. Returns `stats` itself when the last
 * bucket is already that minute or newer.
 */
export function rollStatsWindow(stats: JobStats, now: number): JobStats {
  const perMinute = rollBuckets(stats.per_minute, PER_MINUTE_WINDOW, now);
  return perMinute === stats.per_minute ? stats : { ...stats, per_minute: [...perMinute] };
}

export interface JobStatsTracker {
  /**
   * What a job event changes; records the event's copy of the job. The same event object observed
   * again (several hooks listen to one topic) gets the same observation back.
   */
  observe(event: JobEventLike, held?: HeldLookup): Observation;
  /** Records a copy known to be the server's current state (mutation hooks, before they act). */
  remember(job: unknown): void;
  /**
   * `stats` with the observation applied, unless the stats already include it (ts not after
   * generated_at). Views other than JobStats pass their applier.
   */
  apply(stats: JobStats | undefined, observation: Observation): JobStats | undefined;
  apply<S extends Timestamped>(stats: S | undefined, observation: Observation, applyChange: ChangeApplier<S>): S | undefined;
  /** A fetched answer with the recent changes that happened after its `generated_at` applied. */
  reconcile(fetched: JobStats): JobStats;
  reconcile<S extends Timestamped>(fetched: S, applyChange: ChangeApplier<S>): S;
  /** How many jobs are remembered (tests). */
  readonly size: number;
}

export interface JobStatsTrackerOptions {
  /** Jobs remembered before the least recently changed are forgotten (default 10,000). */
  capacity?: number;
  /** How long applied deltas are kept for `reconcile` (default 2 minutes). */
  recentMs?: number;
  now?: () => number;
}

type Fact = JobFact | { job_id: string; version: number; deleted: true };

const applyToJobStats: ChangeApplier<JobStats> = (stats, change) => applyStatsDelta(stats, change.delta);

export function createJobStatsTracker(options: JobStatsTrackerOptions = {}): JobStatsTracker {
  const capacity = options.capacity ?? 10_000;
  const recentMs = options.recentMs ?? 2 * MINUTE_MS;
  const now = options.now ?? Date.now;
  const facts = new Map<string, Fact>();
  const observed = new WeakMap<object, Observation>();
  let recent: { ts: number; receivedAt: number; change: StatsChange }[] = [];

  const record = (fact: Fact) => {
    facts.delete(fact.job_id);
    facts.set(fact.job_id, fact);
    if (facts.size > capacity) {
      const oldest = facts.keys().next().value;
      if (oldest !== undefined) facts.delete(oldest);
    }
  };

  /** The previous copy of `id` before `version`: a fact, null (deleted), "duplicate", or undefined (unknown). */
  const previous = (id: string, version: number, held?: HeldLookup): JobFact | null | "duplicate" | undefined => {
    const fact = facts.get(id);
    if (fact && fact.version >= version) return "duplicate";
    const copy = held?.(id);
    // A held copy at or above this version was already replaced (e.g. by an HTTP answer): it says
    // nothing about the state before this event. One newer than the fact is: the tracker missed
    // events while no view listened.
    if (copy && copy.version < version && (!fact || copy.version > fact.version)) {
      if (copy.entity === null) return null;
      const fromStore = factOf({ ...(copy.entity as object), version: copy.version });
      if (fromStore) return fromStore;
    }
    if (fact) return "deleted" in fact ? null : fact;
    return undefined;
  };

  const keep = (ts: string, delta: StatsDelta | null, jobType: string | null) => {
    if (!delta) return;
    const t = Date.parse(ts);
    const at = now();
    recent = recent.filter((r) => at - r.receivedAt <= recentMs);
    if (Number.isFinite(t)) recent.push({ ts: t, receivedAt: at, change: { delta, jobType } });
    if (recent.length > 1_000) recent = recent.slice(recent.length - 1_000);
  };

  const observe = (event: JobEventLike, held?: HeldLookup): Observation => {
    const none: Observation = { delta: null, ts: event.ts, unknown: false, jobType: null };
    if (event.type === "processing_job_deleted") {
      const d = event.data as { job_id?: unknown; version?: unknown };
      if (typeof d?.job_id !== "string" || typeof d.version !== "number") return none;
      const prev = previous(d.job_id, d.version, held);
      if (prev === "duplicate") return none;
      record({ job_id: d.job_id, version: d.version, deleted: true });
      if (prev === undefined) return { ...none, unknown: true };
      const delta = prev === null ? null : statsDelta(prev, null);
      const jobType = prev?.type ?? null;
      keep(event.ts, delta, jobType);
      return { ...none, delta, jobType };
    }
    if (!(JOB_EVENT_TYPES as readonly string[]).includes(event.type)) return none;
    const next = factOf(event.data);
    if (!next) return none;
    const prev = previous(next.job_id, next.version, held);
    if (prev === "duplicate") return none;
    record(next);
    if (prev === undefined && event.type !== "processing_job_created") return { ...none, unknown: true, jobType: next.type };
    // A creation, or a job seen again after its deletion (which counts as new).
    const delta = statsDelta(prev ?? null, next);
    keep(event.ts, delta, next.type);
    return { ...none, delta, jobType: next.type };
  };

  return {
    observe(event, held) {
      const memo = observed.get(event);
      if (memo) return memo;
      const observation = observe(event, held);
      observed.set(event, observation);
      return observation;
    },
    remember(job) {
      const fact = factOf(job);
      if (!fact) return;
      const held = facts.get(fact.job_id);
      if (held && held.version >= fact.version) return;
      record(fact);
    },
    apply<S extends Timestamped>(stats: S | undefined, observation: Observation, applyChange?: ChangeApplier<S>): S | undefined {
      if (!stats || !observation.delta) return stats;
      const ts = Date.parse(observation.ts);
      const generated = Date.parse(stats.generated_at);
      if (Number.isFinite(ts) && Number.isFinite(generated) && ts <= generated) return stats;
      const applier = applyChange ?? (applyToJobStats as unknown as ChangeApplier<S>);
      return applier(stats, { delta: observation.delta, jobType: observation.jobType });
    },
    reconcile<S extends Timestamped>(fetched: S, applyChange?: ChangeApplier<S>): S {
      const applier = applyChange ?? (applyToJobStats as unknown as ChangeApplier<S>);
      const generated = Date.parse(fetched.generated_at);
      let out = fetched;
      for (const r of recent) {
        if (Number.isFinite(generated) && r.ts <= generated) continue;
        out = applier(out, r.change);
      }
      return out;
    },
    get size() {
      return facts.size;
    },
  };
}

export interface Throttle {
  /** Runs the action once, as soon as `intervalMs` has passed since its last run; repeated calls meanwhile coalesce. */
  schedule(): void;
  cancel(): void;
  /** Whether a run is waiting. */
  readonly pending: boolean;
}

/** A trailing throttle: at most one run of `run` per `intervalMs`, never dropping a request. */
export function createThrottle(
  run: () => void,
  intervalMs: number,
  clock: { now: () => number; setTimeout: (fn: () => void, ms: number) => unknown; clearTimeout: (t: unknown) => void } = {
    now: () => Date.now(),
    setTimeout: (fn, ms) => setTimeout(fn, ms),
    clearTimeout: (t) => clearTimeout(t as ReturnType<typeof setTimeout>),
  },
): Throttle {
  let lastRun = Number.NEGATIVE_INFINITY;
  let timer: unknown = null;
  return {
    schedule() {
      if (timer !== null) return;
      const wait = Math.max(0, lastRun + intervalMs - clock.now());
      timer = clock.setTimeout(() => {
        timer = null;
        lastRun = clock.now();
        run();
      }, wait);
    },
    cancel() {
      if (timer !== null) clock.clearTimeout(timer);
      timer = null;
    },
    get pending() {
      return timer !== null;
    },
  };
}

function isStatus(v: unknown): v is JobStatus {
  return typeof v === "string" && (JOB_STATUSES as readonly string[]).includes(v);
}

function floorTo(t: number, periodMs: number): number {
  return Math.floor(t / periodMs) * periodMs;
}
