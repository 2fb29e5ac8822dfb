// The tab's one realtime client: created on first acquire, closed shortly after the last release.
import { createRealtimeClient, type RealtimeClient, type RealtimeClientOptions } from "./client";

interface Slot {
  client: RealtimeClient | null;
  holders: number;
  closeTimer: ReturnType<typeof setTimeout> | null;
}

const SLOT_KEY = Symbol.for("switchboard.realtime.client");
/** Grace period before the last release closes the socket (React StrictMode remounts, fast navigation). */
export const RELEASE_GRACE_MS = 1_000;

function slot(): Slot {
  const g = globalThis as unknown as Record<symbol, Slot | undefined>;
  // Kept on globalThis so a module loaded twice (HMR) still shares one socket.
  return (g[SLOT_KEY] ??= { client: null, holders: 0, closeTimer: null });
}

/** `ws(s)://<this host>/ws`. */
export function defaultRealtimeUrl(): string {
  const { protocol, host } = window.location;
  return `${protocol === "https:" ? "wss" : "ws"}://${host}/ws`;
}

/**
 * Takes a hold on the tab's client (creating it when none is open) and returns it with its release.
 * Options apply only when this call creates the client.
 */
export function acquireRealtimeClient(options?: Partial<RealtimeClientOptions>): { client: RealtimeClient; release: () => void } {
  const s = slot();
  if (s.closeTimer !== null) {
    clearTimeout(s.closeTimer);
    s.closeTimer = null;
  }
  s.client ??= createRealtimeClient({ ...options, url: options?.url ?? defaultRealtimeUrl });
  s.holders += 1;
  const client = s.client;
  let released = false;
  return {
    client,
    release() {
      if (released) return;
      released = true;
      s.holders -= 1;
      if (s.holders > 0 || s.client !== client) return;
      s.closeTimer = setTimeout(() => {
        s.closeTimer = null;
        if (s.holders > 0 || s.client !== client) return;
        s.client = null;
        client.close();
      }, RELEASE_GRACE_MS);
    },
  };
}
