"use client";
// Realtime hooks: the tab's client, topic subscriptions tied to a component's life, and the connection status.
import * as React from "react";
import type { RealtimeClient, RealtimeEvent, StatusSnapshot } from "./client";
import { RealtimeContext } from "./context";

const INITIAL_STATUS: StatusSnapshot = Object.freeze({ status: "connecting", lastEventAt: null, epoch: null });
const noopUnsubscribe = () => () => {};

/** The tab's realtime client; null until it is created after mount. Throws outside RealtimeProvider. */
export function useRealtimeClient(): RealtimeClient | null {
  const client = React.useContext(RealtimeContext);
  if (client === undefined) throw new Error("useRealtimeClient: wrap the tree in <RealtimeProvider>");
  return client;
}

/**
 * Holds `topics` (exact topics or patterns such as `dag-runs:*`) while the component is mounted.
 * Equal topic lists (in any order) keep one subscription across re-renders. `onEvent`, when given,
 * receives the events of these topics (the latest callback is used; it need not be memoized).
 * Falsy entries are skipped, so `useTopic(id && topics.job(id))` works.
 */
export function useTopic(topics: string | readonly (string | null | undefined | false)[] | null | undefined | false, onEvent?: (event: RealtimeEvent) => void): void {
  const client = React.useContext(RealtimeContext) ?? null;
  const list = typeof topics === "string" ? [topics] : topics ? topics : [];
  const key = [...new Set(list.filter((t): t is string => typeof t === "string" && t.length > 0))].sort().join("\n");
  const onEventRef = React.useRef(onEvent);
  React.useEffect(() => {
    onEventRef.current = onEvent;
  });
  const wantsEvents = onEvent !== undefined;

  React.useEffect(() => {
    if (!client || key === "") return;
    return client.subscribe(key.split("\n"), wantsEvents ? (event) => onEventRef.current?.(event) : undefined);
  }, [client, key, wantsEvents]);
}

/**
 * Calls `onConfirmed` once per mount, the first time the server confirms holding `topic` for this
 * tab. A query fetched before then may predate the subscription (what happened in between reaches
 * nobody); refetching it from here closes that gap. Nothing is called if the topic was already held.
 */
export function useFirstConfirmation(topic: string, onConfirmed: () => void): void {
  const client = React.useContext(RealtimeContext) ?? null;
  const onConfirmedRef = React.useRef(onConfirmed);
  React.useEffect(() => {
    onConfirmedRef.current = onConfirmed;
  });
  React.useEffect(() => {
    if (!client) return;
    const off = client.onSubscribed((confirmed) => {
      if (!confirmed.includes(topic)) return;
      off();
      onConfirmedRef.current();
    });
    return off;
  }, [client, topic]);
}

/** `{status, lastEventAt, epoch}` of the tab's connection; `connecting` on the server and before the client exists. */
export function useConnectionStatus(): StatusSnapshot {
  const client = React.useContext(RealtimeContext) ?? null;
  const subscribe = React.useMemo(() => (client ? client.onStatus : noopUnsubscribe), [client]);
  const getSnapshot = React.useCallback(() => (client ? client.getStatus() : INITIAL_STATUS), [client]);
  return React.useSyncExternalStore(subscribe, getSnapshot, () => INITIAL_STATUS);
}
