// Shared types and helpers of the patchers: the per-type patcher map and push-fed collections.
import type { QueryClient, QueryKey } from "@tanstack/react-query";
import type { EventOfType, EventType } from "@/lib/protocol/events";
import { addToFeed } from "../collections";

export type Patcher<T extends EventType> = (qc: QueryClient, event: EventOfType<T>) => void;

/** One domain's patchers, by event type. */
export type PatcherMap = { [T in EventType]?: Patcher<T> };

/** An entry of a push-fed feed (activity, alerts, announcements...). */
export interface FeedEntry<D = unknown> {
  /** The event id (durable events), else a synthetic one. */
  id: string;
  type: string;
  topic: string;
  ts: string;
  data: D;
}

export const FEED_CAP = 200;

let syntheticSeq = 0;

export function feedEntry<D>(event: { id?: string; type: string; topic: string; ts: string; data: D }): FeedEntry<D> {
  syntheticSeq += 1;
  return { id: event.id ?? `local-${syntheticSeq}`, type: event.type, topic: event.topic, ts: event.ts, data: event.data };
}

/** Adds entries (oldest first) to the newest-first feed under `key`, if it is loaded. */
export function prependToFeed<E extends { id: string }>(qc: QueryClient, key: QueryKey, entries: readonly E[], cap = FEED_CAP): void {
  qc.setQueryData(key, (old: unknown) => addToFeed<E>(old, entries, { cap, at: "start", sameAs: (a, b) => a.id === b.id }));
}

/** Appends entries (oldest first) to the oldest-first series under `key`, if it is loaded. */
export function appendToSeries<E>(qc: QueryClient, key: QueryKey, entries: readonly E[], cap: number, sameAs?: (a: E, b: E) => boolean): void {
  qc.setQueryData(key, (old: unknown) => addToFeed<E>(old, entries, { cap, at: "end", sameAs }));
}

/** Updates the data under `key` only when it is loaded. */
export function updateIfLoaded<T>(qc: QueryClient, key: QueryKey, update: (old: T) => T): void {
  qc.setQueryData(key, (old: T | undefined) => (old === undefined ? undefined : update(old)));
}
