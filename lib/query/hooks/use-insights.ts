"use client";
// Insights data hooks: the live insight feed, "analyze now", and the overview (KPIs from the newest of fetched
// and pushed metrics; hourly and by-type job counts patched from job events through the shared job stats tracker).
import * as React from "react";
import { skipToken, useMutation, useQuery, useQueryClient, type QueryClient } from "@tanstack/react-query";
import { toast } from "sonner";

import type { AnalyzeResponse, InsightsOverview, InsightsPage } from "@/lib/api/insights";
import type { DashboardMetricsUpdate, Insight, InsightType } from "@/lib/protocol/entities/insights";
import { topics } from "@/lib/protocol/topics";
import { useTopic } from "@/lib/realtime/hooks";
import { jobsDomain } from "../entity-domains";
import { apiFetch, isApiError } from "../fetchers";
import {
  addToBucket,
  createThrottle,
  factOf,
  JOB_EVENT_TYPES,
  rollBuckets,
  statsDelta,
  type BucketWindow,
  type Observation,
  type StatsChange,
  type Throttle,
} from "../job-stats";
import { queryKeys, type InsightListParams } from "../keys";
import { applyServerEntity } from "../optimistic";
import { getVersionStore } from "../version-store";
import { useEntityList } from "./use-entity-query";
import { getJobStatsTracker, STATS_REFETCH_THROTTLE_MS } from "./use-job-stats";

export const HOUR_MS = 3_600_000;
/** How often the hourly window is checked against the clock while the overview is shown. */
const WINDOW_TICK_MS = 30_000;

/** The overview's window: 24 hours of finished jobs. */
export const PER_HOUR_WINDOW: BucketWindow<"hour", "completed" | "failed"> = {
  timeKey: "hour",
  periodMs: HOUR_MS,
  fields: ["completed", "failed"],
};

// ---- the feed ----

/** The insights, newest first, paged by cursor; `insight_generated` pushes enter at the top. Subscribe to `insights` beside it. */
export function useInsightsList(filters: { type?: readonly InsightType[] } = {}, options: { limit?: number } = {}) {
  const type = [...new Set(filters.type ?? [])].sort();
  const params: InsightListParams = { ...(type.length > 0 ? { type } : {}), ...(options.limit ? { limit: options.limit } : {}) };
  return useEntityList<Insight>(queryKeys.insights.list(params), ({ cursor, signal }) =>
    apiFetch<InsightsPage>("/api/insights", {
      query: { type: type.length > 0 ? type.join(",") : undefined, limit: options.limit, cursor: cursor ?? undefined },
      signal,
    }),
  );
}

export const NO_NEW_INSIGHTS = "No new insights: nothing changed enough";

/** Runs the analyzer now; what it generates enters the feed at once (the push is not a duplicate); a toast says how many. */
export function useAnalyzeNow() {
  const qc = useQueryClient();
  return useMutation<AnalyzeResponse, unknown, void>({
    mutationKey: ["insights", "analyze"],
    mutationFn: () => apiFetch<AnalyzeResponse>("/api/insights/analyze", { method: "POST" }),
    onSuccess: ({ generated }) => {
      for (const insight of generated) applyServerEntity(qc, "insights", insight);
      if (generated.length === 0) toast.info(NO_NEW_INSIGHTS);
      else toast.success(generated.length === 1 ? `New insight: ${generated[0]!.title}` : `${generated.length} new insights`);
    },
    onError: (error) => {
      toast.error("The analysis failed", { description: isApiError(error) ? error.message : "The server could not be reached.", richColors: false });
    },
  });
}

// ---- the overview ----

/** Which copy of the KPI numbers is shown. */
export type MetricsSource = "fetched" | "pushed";

export interface PushedMetrics {
  metrics: DashboardMetricsUpdate;
  /** Server time of the push (the event's ts), when known. */
  at: number | null;
  /** Client time the cache received it. */
  receivedAt: number;
}

/**
 * The newer of the fetched and the pushed KPI numbers: the pushed ones win when they were
 * generated after the overview (server clocks), or, when their time is unknown, when they arrived
 * after the overview did.
 */
export function newestMetrics(
  fetched: { metrics: DashboardMetricsUpdate; generatedAt: number; fetchedAt: number },
  pushed: PushedMetrics | undefined,
): { metrics: DashboardMetricsUpdate; source: MetricsSource } {
  if (!pushed) return { metrics: fetched.metrics, source: "fetched" };
  const newer =
    pushed.at !== null && Number.isFinite(fetched.generatedAt) ? pushed.at > fetched.generatedAt : pushed.receivedAt > fetched.fetchedAt;
  return newer ? { metrics: pushed.metrics, source: "pushed" } : { metrics: fetched.metrics, source: "fetched" };
}

/**
 * The overview with a job change applied: completions and failures move in their hour's bucket
 * (the window slides when a newer hour starts) and in the job type's row while inside the window.
 */
export function applyOverviewChange(overview: InsightsOverview, change: StatsChange): InsightsOverview {
  let perHour: readonly InsightsOverview["per_hour"][number][] = overview.per_hour;
  let byType = overview.by_type;
  for (const { at, field, by } of change.delta.per_minute) {
    if (field === "created") continue;
    const t = Date.parse(at);
    perHour = addToBucket(perHour, PER_HOUR_WINDOW, t, field, by);
    const start = perHour.length > 0 ? Date.parse(perHour[0]!.hour) : Number.NaN;
    if (change.jobType && Number.isFinite(start) && t >= start) byType = addToType(byType, change.jobType, field, by);
  }
  if (perHour === overview.per_hour && byType === overview.by_type) return overview;
  return { ...overview, per_hour: [...perHour], by_type: byType };
}

/** Slides the hourly window to the hour of `now` (server time); the overview itself when already there. */
export function rollOverview(overview: InsightsOverview, now: number): InsightsOverview {
  const perHour = rollBuckets(overview.per_hour, PER_HOUR_WINDOW, now);
  return perHour === overview.per_hour ? overview : { ...overview, per_hour: [...perHour] };
}

/**
 * What a job event changes in the overview when the tracker could not tell (a job this tab never
 * saw before): a completion or failure is counted from the event alone (the job had no such time
 * before); a retry or deletion needs a refetch ("refetch"); anything else changes nothing.
 */
export function overviewChangeOfUnknown(event: { type: string; data: unknown }): StatsChange | "refetch" | null {
  if (event.type === "processing_job_completed" || event.type === "processing_job_failed") {
    const fact = factOf(event.data);
    const delta = fact ? statsDelta(null, fact) : null;
    return delta ? { delta, jobType: fact!.type } : null;
  }
  if (event.type === "processing_job_deleted") return "refetch";
  const d = event.data as { status?: unknown; retry_count?: unknown };
  if (event.type === "processing_job_status" && d?.status === "queued" && typeof d.retry_count === "number" && d.retry_count > 0) return "refetch";
  return null;
}

/**
 * GET /api/insights/overview, kept live: `metrics` is the newer of the fetched numbers and the
 * pushed `dashboard_metrics_update` (`queryKeys.metrics.dashboard()`); `per_hour` and `by_type`
 * follow job events without a refetch. Subscribes to `jobs` and `metrics`.
 */
export function useInsightsOverview() {
  const qc = useQueryClient();
  const state = stateOf(qc);
  const key = queryKeys.insights.overview();

  const query = useQuery({
    queryKey: key,
    queryFn: async ({ signal }) => {
      const fetched = await apiFetch<InsightsOverview>("/api/insights/overview", { signal });
      const generated = Date.parse(fetched.generated_at);
      if (Number.isFinite(generated)) state.skewMs = generated - Date.now();
      return rollOverview(getJobStatsTracker(qc).reconcile(fetched, applyOverviewChange), Date.now() + state.skewMs);
    },
    // Events patch the overview only while it is shown: a later visit fetches it again.
    staleTime: 0,
  });
  const dashboard = useQuery<DashboardMetricsUpdate>({ queryKey: queryKeys.metrics.dashboard(), queryFn: skipToken });

  useTopic([topics.jobs(), topics.metrics()], (event) => {
    if (event.type === "dashboard_metrics_update") {
      // Written here too (the patcher writes the same a frame later), so the value and its time agree.
      qc.setQueryData(queryKeys.metrics.dashboard(), event.data);
      state.pushed = { metrics: event.data, at: toTime(event.ts), receivedAt: Date.now() };
      return;
    }
    if (!(JOB_EVENT_TYPES as readonly string[]).includes(event.type)) return;
    const store = getVersionStore(qc);
    const tracker = getJobStatsTracker(qc);
    let observation: Observation = tracker.observe(event, (id) => store.get(jobsDomain.name, id));
    if (observation.unknown) {
      const change = overviewChangeOfUnknown(event);
      if (change === "refetch") {
        state.throttle ??= createThrottle(() => void qc.invalidateQueries({ queryKey: key, exact: true }), STATS_REFETCH_THROTTLE_MS);
        state.throttle.schedule();
        return;
      }
      if (!change) return;
      observation = { ...observation, unknown: false, delta: change.delta, jobType: change.jobType };
    }
    if (observation.delta) qc.setQueryData<InsightsOverview>(key, (old) => tracker.apply(old, observation, applyOverviewChange));
  });

  // Slide the 24 hours forward as hours pass; a new hour also refetches (counts by type leave the window too).
  React.useEffect(() => {
    const overviewKey = queryKeys.insights.overview();
    const tick = () => {
      const old = qc.getQueryData<InsightsOverview>(overviewKey);
      if (!old) return;
      const rolled = rollOverview(old, Date.now() + state.skewMs);
      if (rolled === old) return;
      qc.setQueryData(overviewKey, rolled);
      void qc.invalidateQueries({ queryKey: overviewKey, exact: true });
    };
    const timer = window.setInterval(tick, WINDOW_TICK_MS);
    return () => window.clearInterval(timer);
  }, [qc, state]);

  const overview = query.data;
  const pushedMetrics = dashboard.data;
  const { dataUpdatedAt } = query;
  const { dataUpdatedAt: pushedUpdatedAt } = dashboard;
  const newest = React.useMemo(() => {
    if (!overview) return null;
    const pushed: PushedMetrics | undefined = pushedMetrics
      ? {
          metrics: pushedMetrics,
          at: state.pushed && sameMetrics(state.pushed.metrics, pushedMetrics) ? state.pushed.at : null,
          receivedAt: pushedUpdatedAt,
        }
      : undefined;
    return newestMetrics({ metrics: overview.metrics, generatedAt: Date.parse(overview.generated_at), fetchedAt: dataUpdatedAt }, pushed);
  }, [overview, pushedMetrics, dataUpdatedAt, pushedUpdatedAt, state]);

  return { ...query, metrics: newest?.metrics ?? null, metricsSource: newest?.source ?? null };
}

// ---- helpers ----

interface OverviewState {
  throttle: Throttle | null;
  /** Server clock minus client clock, measured at the last fetch. */
  skewMs: number;
  /** The last dashboard_metrics_update this tab's overview heard, with its time. */
  pushed: PushedMetrics | null;
}

const states = new WeakMap<QueryClient, OverviewState>();

function stateOf(qc: QueryClient): OverviewState {
  let state = states.get(qc);
  if (!state) {
    state = { throttle: null, skewMs: 0, pushed: null };
    states.set(qc, state);
  }
  return state;
}

function addToType(rows: InsightsOverview["by_type"], type: string, field: "completed" | "failed", by: number): InsightsOverview["by_type"] {
  const i = rows.findIndex((r) => r.type === type);
  let next: InsightsOverview["by_type"];
  if (i === -1) {
    if (by <= 0) return rows;
    next = [...rows, { type, completed: 0, failed: 0, [field]: by }];
  } else {
    next = rows.slice();
    next[i] = { ...rows[i]!, [field]: Math.max(0, rows[i]![field] + by) };
  }
  return next
    .filter((r) => r.completed + r.failed > 0)
    .sort((x, y) => y.completed + y.failed - (x.completed + x.failed));
}

function sameMetrics(a: DashboardMetricsUpdate, b: DashboardMetricsUpdate): boolean {
  return a === b || JSON.stringify(a) === JSON.stringify(b);
}

function toTime(iso: string): number | null {
  const t = Date.parse(iso);
  return Number.isFinite(t) ? t : null;
}
