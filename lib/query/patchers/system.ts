// System patchers: latest host metrics (and their series), hive status, processes, interfaces, modules, alert and event feeds.
import type { SystemMetrics, ProcessUpdate, NetworkUpdate, ModuleStatusChanged } from "@/lib/protocol/entities/system";
import { upsertInArray } from "../collections";
import { queryKeys } from "../keys";
import { appendToSeries, feedEntry, prependToFeed, type PatcherMap } from "./types";

/** A point of `queryKeys.system.metricsHistory()`. */
export type SystemMetricsPoint = SystemMetrics & { ts: string };
/** Points kept in the metrics series (5 minutes at one per second). */
export const METRICS_HISTORY_CAP = 300;

export const systemPatchers: PatcherMap = {
  system_metrics: (qc, e) => {
    qc.setQueryData(queryKeys.system.metrics(), e.data);
    appendToSeries<SystemMetricsPoint>(qc, queryKeys.system.metricsHistory(), [{ ...e.data, ts: e.ts }], METRICS_HISTORY_CAP);
  },
  hive_status_update: (qc, e) => void qc.setQueryData(queryKeys.system.hive(), e.data),
  process_update: (qc, e) =>
    void qc.setQueryData(queryKeys.system.processes(), (old: unknown) =>
      upsertInArray<ProcessUpdate>(old, e.data, (a, b) => a.pid === b.pid),
    ),
  network_update: (qc, e) =>
    void qc.setQueryData(queryKeys.system.network(), (old: unknown) =>
      upsertInArray<NetworkUpdate>(old, e.data, (a, b) => a.name === b.name),
    ),
  module_status_changed: (qc, e) => {
    qc.setQueryData(queryKeys.system.modules(), (old: unknown) =>
      upsertInArray<ModuleStatusChanged>(old, e.data, (a, b) => a.module === b.module),
    );
    prependToFeed(qc, queryKeys.system.events(), [feedEntry(e)]);
  },
  system_alert: (qc, e) => prependToFeed(qc, queryKeys.system.alerts(), [feedEntry(e)]),
  resource_alert: (qc, e) => prependToFeed(qc, queryKeys.system.alerts(), [feedEntry(e)]),
  inter_module_message: (qc, e) => prependToFeed(qc, queryKeys.system.events(), [feedEntry(e)]),
  coordination_event: (qc, e) => prependToFeed(qc, queryKeys.system.events(), [feedEntry(e)]),
  error_occurred: (qc, e) => prependToFeed(qc, queryKeys.system.events(), [feedEntry(e)]),
};
