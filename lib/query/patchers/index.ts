// applyEvent: the one map from each event type to the React Query keys it patches.
import { notifyManager, type QueryClient } from "@tanstack/react-query";
import type { CatalogEvent } from "@/lib/protocol/events";
import { adminPatchers } from "./admin";
import { agentPatchers } from "./agents";
import { alertPatchers } from "./alerts";
import { dagPatchers } from "./dags";
import { insightPatchers } from "./insights";
import { jobPatchers } from "./jobs";
import { knowledgePatchers } from "./knowledge";
import { marketPatchers } from "./market";
import { notificationPatchers } from "./notifications";
import { systemPatchers } from "./system";
import { taskPatchers } from "./tasks";
import type { Patcher, PatcherMap } from "./types";

export type { PatcherMap, FeedEntry } from "./types";
export { upsertStep } from "./dags";
export { applyQuotes, applyNews, applyWatchlist, TICKS_CAP, NEWS_CAP } from "./market";
export { adjustUnreadCount, isMarkedRead, type UnreadCount } from "./notifications";
export { METRICS_HISTORY_CAP, type SystemMetricsPoint } from "./system";

export const PATCHERS: PatcherMap = {
  ...jobPatchers,
  ...taskPatchers,
  ...agentPatchers,
  ...knowledgePatchers,
  ...insightPatchers,
  ...dagPatchers,
  ...marketPatchers,
  ...systemPatchers,
  ...alertPatchers,
  ...notificationPatchers,
  ...adminPatchers,
};

/** Patches the cache for one event; unknown types do nothing; a failing patcher is logged, never thrown. */
export function applyEvent(qc: QueryClient, event: CatalogEvent): void {
  const patcher = PATCHERS[event.type] as Patcher<CatalogEvent["type"]> | undefined;
  if (!patcher) return;
  try {
    patcher(qc, event as never);
  } catch (err) {
    console.warn(`[patchers] ${event.type} failed:`, err);
  }
}

/** Applies events in order, notifying React Query observers once for the whole batch. */
export function applyEvents(qc: QueryClient, events: readonly CatalogEvent[]): void {
  if (events.length === 0) return;
  notifyManager.batch(() => {
    for (const event of events) applyEvent(qc, event);
  });
}
