"use client";
// useJobStats: GET /api/jobs/stats, kept live from the `jobs` topic by lib/query/job-stats.ts (no refetch per event).
import * as React from "react";
import { useQuery, useQueryClient, type QueryClient } from "@tanstack/react-query";

import type { JobStats } from "@/lib/api/jobs";
import { topics } from "@/lib/protocol/topics";
import { useTopic } from "@/lib/realtime/hooks";
import { apiFetch } from "../fetchers";
import { createJobStatsTracker, createThrottle, rollStatsWindow, type JobStatsTracker, type Throttle } from "../job-stats";
import { jobsDomain } from "../entity-domains";
import { queryKeys } from "../keys";
import { getVersionStore } from "../version-store";

/** At most one refetch of the stats per this many ms when an event's effect cannot be known. */
export const STATS_REFETCH_THROTTLE_MS = 5_000;
/** How often the per-minute window is slid forward while the stats are shown. */
const WINDOW_TICK_MS = 10_000;

interface StatsState {
  tracker: JobStatsTracker;
  throttle: Throttle | null;
  /** Server clock minus client clock, measured at the last fetch. */
  skewMs: number;
}

const states = new WeakMap<QueryClient, StatsState>();

/** The stats tracker of `qc` (one per tab). The job mutations `remember` the server's copy in it before they act. */
export function getJobStatsTracker(qc: QueryClient): JobStatsTracker {
  return stateOf(qc).tracker;
}

export function useJobStats() {
  const qc = useQueryClient();
  const state = stateOf(qc);
  const key = queryKeys.jobs.stats();

  const query = useQuery({
    queryKey: key,
    queryFn: async ({ signal }) => {
      const fetched = await apiFetch<JobStats>("/api/jobs/stats", { signal });
      const generated = Date.parse(fetched.generated_at);
      if (Number.isFinite(generated)) state.skewMs = generated - Date.now();
      return rollStatsWindow(state.tracker.reconcile(fetched), Date.now() + state.skewMs);
    },
    // Events patch the stats only while they are shown: a later visit fetches them again.
    staleTime: 0,
  });

  useTopic(topics.jobs(), (event) => {
    const store = getVersionStore(qc);
    const observation = state.tracker.observe(event, (id) => store.get(jobsDomain.name, id));
    if (observation.unknown) {
      state.throttle ??= createThrottle(
        () => void qc.invalidateQueries({ queryKey: queryKeys.jobs.stats(), exact: true }),
        STATS_REFETCH_THROTTLE_MS,
      );
      state.throttle.schedule();
    } else if (observation.delta) {
      qc.setQueryData<JobStats>(key, (old) => state.tracker.apply(old, observation));
    }
  });

  // Slide the last hour forward as minutes pass, even when no event arrives.
  React.useEffect(() => {
    const tick = () =>
      qc.setQueryData<JobStats>(queryKeys.jobs.stats(), (old) => (old ? rollStatsWindow(old, Date.now() + state.skewMs) : old));
    const timer = window.setInterval(tick, WINDOW_TICK_MS);
    return () => window.clearInterval(timer);
  }, [qc, state]);

  return query;
}

function stateOf(qc: QueryClient): StatsState {
  let state = states.get(qc);
  if (!state) {
    state = { tracker: createJobStatsTracker(), throttle: null, skewMs: 0 };
    states.set(qc, state);
  }
  return state;
}
