// REST shapes of the system routes: metrics history, processes, interfaces, module health and recent alerts.
import { z } from "zod";
import type { ModuleStatusChanged, NetworkUpdate, ProcessUpdate, ResourceAlert, SystemAlert, SystemMetrics } from "@/lib/protocol/entities/system";

/** How much history the collector keeps in memory (and `seconds` may ask for). */
export const METRICS_HISTORY_SECONDS = 300;

/** GET /api/system/metrics?seconds=N: the last N seconds (1-300, default 300). */
export const metricsHistoryQuery = z.object({
  seconds: z.coerce.number().int("must be a whole number").min(1, "must be at least 1").max(METRICS_HISTORY_SECONDS, `must be at most ${METRICS_HISTORY_SECONDS}`).default(METRICS_HISTORY_SECONDS),
});

/** One point of the history: the metrics and when they were taken (the event's `ts`). */
export type MetricsPoint = SystemMetrics & { ts: string };
/** GET /api/system/metrics: oldest first. */
export type MetricsHistoryResponse = MetricsPoint[];
/** GET /api/system/processes: the top processes by CPU, busiest first. */
export type ProcessesResponse = ProcessUpdate[];
/** GET /api/system/interfaces: one entry per interface, by name. */
export type InterfacesResponse = NetworkUpdate[];

export const MODULE_STATUSES = ["unknown", "ok", "degraded", "down"] as const;
export type ModuleStatus = (typeof MODULE_STATUSES)[number];

/**
 * A module's health as GET /api/system/modules lists it: the `module_status_changed` shape (so a
 * push replaces it in place) plus, from the route only, when it was checked and its figures.
 */
export type ModuleHealth = ModuleStatusChanged & {
  checked_at?: string;
  /** When the module entered its current status. */
  since?: string;
  details?: Record<string, number | string | boolean | null>;
};
export type ModulesResponse = ModuleHealth[];

/** An entry of GET /api/system/alerts (newest first): the event as pushed, so pushes merge by id. */
export interface SystemAlertEntry {
  id: string;
  type: "resource_alert" | "system_alert";
  topic: string;
  ts: string;
  data: ResourceAlert | SystemAlert;
}
export type AlertsResponse = SystemAlertEntry[];
