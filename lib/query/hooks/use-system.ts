"use client";
// System data hooks: the metrics history (seeded once from GET /api/system/metrics, then advanced by
// pushed `system_metrics`, never refetched per event), top processes, interfaces, module health and
// the alert feed, each kept current by pushes on `system` / `system:alerts`.
import { useQuery, useQueryClient } from "@tanstack/react-query";

import type { AlertsResponse, InterfacesResponse, MetricsHistoryResponse, ModulesResponse, ProcessesResponse } from "@/lib/api/system";
import { METRICS_HISTORY_SECONDS } from "@/lib/api/system";
import { topics } from "@/lib/protocol/topics";
import { useTopic } from "@/lib/realtime/hooks";
import { apiFetch } from "../fetchers";
import { queryKeys } from "../keys";
import { METRICS_HISTORY_CAP, type SystemMetricsPoint } from "../patchers";

/** Subscribes to the topics the /system page shows. */
export function useSystemTopics(): void {
  useTopic([topics.system(), topics.systemAlerts()]);
}

const pushed = { staleTime: Number.POSITIVE_INFINITY, refetchOnWindowFocus: false, refetchOnReconnect: false } as const;

/**
 * The last 5 minutes of host metrics, oldest first. Fetched once; each pushed `system_metrics`
 * appends a point (the patcher caps the series). A refetch (after a resync) keeps points pushed
 * while it was in flight.
 */
export function useSystemMetricsHistory() {
  const qc = useQueryClient();
  return useQuery({
    queryKey: queryKeys.system.metricsHistory(),
    queryFn: async ({ signal }) => {
      const fetched = await apiFetch<MetricsHistoryResponse>("/api/system/metrics", { query: { seconds: METRICS_HISTORY_SECONDS }, signal });
      return mergeSeries(fetched, qc.getQueryData<SystemMetricsPoint[]>(queryKeys.system.metricsHistory()));
    },
    ...pushed,
  });
}

/** The fetched points, then the cached ones newer than the last of them, capped. */
export function mergeSeries(fetched: readonly SystemMetricsPoint[], cached: readonly SystemMetricsPoint[] | undefined): SystemMetricsPoint[] {
  const last = fetched.at(-1)?.ts;
  const newer = cached && last ? cached.filter((p) => p.ts > last) : [];
  const all = [...fetched, ...newer];
  return all.length > METRICS_HISTORY_CAP ? all.slice(all.length - METRICS_HISTORY_CAP) : all;
}

/** The top processes by CPU (the route's latest sample, then `process_update` pushes by pid). */
export function useSystemProcesses() {
  return useQuery({
    queryKey: queryKeys.system.processes(),
    queryFn: ({ signal }) => apiFetch<ProcessesResponse>("/api/system/processes", { signal }),
    ...pushed,
  });
}

/** The host's interfaces (then `network_update` pushes by name). */
export function useSystemInterfaces() {
  return useQuery({
    queryKey: queryKeys.system.network(),
    queryFn: ({ signal }) => apiFetch<InterfacesResponse>("/api/system/interfaces", { signal }),
    ...pushed,
  });
}

/** Every module's health (then `module_status_changed` pushes by module). */
export function useSystemModules() {
  const qc = useQueryClient();
  return useQuery({
    queryKey: queryKeys.system.modules(),
    queryFn: async ({ signal }) => {
      const key = queryKeys.system.modules();
      const before = qc.getQueryState(key)?.dataUpdatedAt ?? 0;
      const fetched = await apiFetch<ModulesResponse>("/api/system/modules", { signal });
      const now = qc.getQueryState<ModulesResponse>(key);
      return now?.data !== undefined && now.dataUpdatedAt > before ? mergeModules(fetched, now.data) : fetched;
    },
    ...pushed,
  });
}

/**
 * The fetched modules, with the ones a push changed while the request was in flight taking their
 * pushed state (pushed entries are the bare event: they have no `checked_at`).
 */
export function mergeModules(fetched: ModulesResponse, cached: ModulesResponse): ModulesResponse {
  const pushedDuring = cached.filter((m) => m.checked_at === undefined);
  if (pushedDuring.length === 0) return fetched;
  const merged = fetched.map((m) => pushedDuring.find((p) => p.module === m.module) ?? m);
  return [...merged, ...pushedDuring.filter((p) => !fetched.some((f) => f.module === p.module))];
}

/** Recent resource and system alerts, newest first (then pushes on `system:alerts`). */
export function useSystemAlerts() {
  return useQuery({
    queryKey: queryKeys.system.alerts(),
    queryFn: ({ signal }) => apiFetch<AlertsResponse>("/api/system/alerts", { signal }),
    ...pushed,
  });
}
