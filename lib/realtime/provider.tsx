"use client";
// RealtimeProvider: owns the tab's realtime client and wires it to React Query (batched applyEvents,
// resync -> invalidate only the queries of those topics).
import * as React from "react";
import { useQueryClient, type QueryClient } from "@tanstack/react-query";
import { applyEvents } from "@/lib/query/patchers";
import { queryKeysForTopic } from "@/lib/query/keys";
import { getVersionStore } from "@/lib/query/version-store";
import type { RealtimeClient, RealtimeEvent } from "./client";
import { acquireRealtimeClient } from "./browser-client";
import { RealtimeContext } from "./context";
import { createBatchScheduler, type BatchSchedulerOptions } from "./scheduler";

export interface RealtimeProviderProps {
  children: React.ReactNode;
  /** Socket URL; default `ws(s)://<this host>/ws`. */
  url?: string;
  /** A client to use instead of the tab's shared one (tests, storybook). Not closed by the provider. */
  client?: RealtimeClient;
  /** Batch scheduling (tests); default one animation frame. */
  schedule?: BatchSchedulerOptions["schedule"];
}

export function RealtimeProvider({ children, url, client: given, schedule }: RealtimeProviderProps) {
  const queryClient = useQueryClient();
  const [client, setClient] = React.useState<RealtimeClient | null>(given ?? null);

  // Create (or share) the client after mount: never during server rendering.
  React.useEffect(() => {
    if (given) {
      setClient(given);
      return;
    }
    const { client: shared, release } = acquireRealtimeClient(url ? { url } : undefined);
    setClient(shared);
    return release;
  }, [given, url]);

  React.useEffect(() => {
    if (!client) return;
    return connectToQueryClient(client, queryClient, { schedule });
  }, [client, queryClient, schedule]);

  return <RealtimeContext.Provider value={client}>{children}</RealtimeContext.Provider>;
}

/**
 * Feeds every event of `client` into `applyEvents` (one batch per frame) and turns each resync into
 * invalidations of exactly the queries of its topics. Returns the teardown.
 */
export function connectToQueryClient(
  client: RealtimeClient,
  queryClient: QueryClient,
  options: BatchSchedulerOptions = {},
): () => void {
  const scheduler = createBatchScheduler<RealtimeEvent>((events) => applyEvents(queryClient, events), options);
  const offEvent = client.onEvent((event) => scheduler.push(event));
  // A new epoch is a new world (the server restarted; its storage may have been reset): versions
  // and tombstones of the old one must not shadow what the resync that follows refetches.
  let epoch = client.getStatus().epoch;
  const offStatus = client.onStatus((snapshot) => {
    if (snapshot.epoch !== null && epoch !== null && snapshot.epoch !== epoch) {
      scheduler.flush();
      getVersionStore(queryClient).clear();
    }
    if (snapshot.epoch !== null) epoch = snapshot.epoch;
  });
  const offResync = client.onResync((topics) => {
    // Apply what arrived before the resync first, so the refetch result is merged against it.
    scheduler.flush();
    invalidateTopics(queryClient, topics);
  });
  let done = false;
  return () => {
    if (done) return;
    done = true;
    offEvent();
    offResync();
    offStatus();
    scheduler.flush();
    scheduler.cancel();
  };
}

/** Invalidates the queries of `topics` (and only those); active ones refetch. */
export function invalidateTopics(queryClient: QueryClient, topics: readonly string[]): void {
  const seen = new Set<string>();
  for (const topic of topics) {
    for (const key of queryKeysForTopic(topic)) {
      const hash = JSON.stringify(key);
      if (seen.has(hash)) continue;
      seen.add(hash);
      void queryClient.invalidateQueries({ queryKey: key });
    }
  }
}
