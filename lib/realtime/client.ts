// The realtime client (no React): one reconnecting socket, ref-counted subscriptions, resume with
// `since`, dedupe by id, resync, liveness (silence, visibility, online/offline) and connection status.
import ReconnectingWebSocket from "partysocket/ws";
import { CLIENT_SILENCE_MS } from "@/lib/protocol/codes";
import { MAX_TOPICS_PER_REQUEST, type ClientMessage } from "@/lib/protocol/commands";
import type { ControlMessage, EventEnvelope } from "@/lib/protocol/control";
import { parsePattern, patternMatches, type TopicPattern } from "@/lib/protocol/topics";
import { CONFLATED_MARKET_TOPIC } from "@/lib/protocol/entities/market";
import { createRecentIds } from "./recent-ids";
import { parseFrame, type EventValidator } from "./validate";
import { defaultEventValidator, type RealtimeEvent } from "./event-validator";

export type { RealtimeEvent } from "./event-validator";

export type ConnectionStatus = "connecting" | "live" | "reconnecting" | "offline";

export interface StatusSnapshot {
  status: ConnectionStatus;
  /** `now()` of the last event envelope received (control messages excluded). */
  lastEventAt: number | null;
  /** Epoch announced by the last `connected`. */
  epoch: string | null;
}

export interface RealtimeLogger {
  warn(...args: unknown[]): void;
  debug?(...args: unknown[]): void;
}

/** Minimal DOM surfaces the client listens to; default to the globals when they exist. */
export interface RealtimeEnvironment {
  document?: Pick<Document, "addEventListener" | "removeEventListener" | "visibilityState"> | null;
  window?: Pick<Window, "addEventListener" | "removeEventListener"> | null;
  navigator?: Pick<Navigator, "onLine"> | null;
}

export interface RealtimeClientOptions<E extends EventEnvelope = RealtimeEvent> {
  url: string | (() => string);
  /** WebSocket class (tests pass `ws`'s); defaults to the global one. */
  WebSocket?: unknown;
  now?: () => number;
  logger?: RealtimeLogger;
  /** Validates an event envelope (control messages are always checked against control.ts). */
  validate?: EventValidator<E>;
  /** Reconnect when nothing at all arrived for this long (default CLIENT_SILENCE_MS, 45 s). */
  silenceMs?: number;
  /** How often silence is checked (default 5 s). */
  silenceCheckMs?: number;
  /** After a liveness ping, reconnect when nothing arrives within this long (default 10 s). */
  pingTimeoutMs?: number;
  /** How many recent event ids are kept for dedupe (default 5,000). */
  dedupeSize?: number;
  minReconnectionDelay?: number;
  maxReconnectionDelay?: number;
  reconnectionDelayGrowFactor?: number;
  /** Extra random delay on each retry, as a fraction of the backoff delay (default 0.5). */
  jitter?: number;
  connectionTimeout?: number;
  random?: () => number;
  /** Minimum interval between status notifications caused only by `lastEventAt` (default 1 s). */
  statusThrottleMs?: number;
  environment?: RealtimeEnvironment;
}

export type EventListener<E> = (event: E) => void;
export type ResyncListener = (topics: string[]) => void;
export type SubscribedListener = (topics: string[]) => void;
export type StatusListener = (snapshot: StatusSnapshot) => void;
export type ErrorListener = (error: Extract<ControlMessage, { type: "error" }>["data"]) => void;

export interface RealtimeClient<E extends EventEnvelope = RealtimeEvent> {
  /** Holds `topics` (exact topics or patterns) until the returned teardown runs; idempotent teardown. */
  subscribe(topics: readonly string[], onEvent?: EventListener<E>): () => void;
  /** Every valid, deduplicated event envelope. */
  onEvent(listener: EventListener<E>): () => void;
  /** Topics (as held, possibly patterns) whose cached data must be refetched. */
  onResync(listener: ResyncListener): () => void;
  /**
   * Topics (as held, possibly patterns) the server has just confirmed holding for this socket
   * (`subscribed`), on every connection. What a fetch returns is complete only if the fetch was
   * issued after this: events between its snapshot and the subscription reach nobody.
   */
  onSubscribed(listener: SubscribedListener): () => void;
  onStatus(listener: StatusListener): () => void;
  onError(listener: ErrorListener): () => void;
  getStatus(): StatusSnapshot;
  /** Topics currently held (at least one holder). */
  heldTopics(): string[];
  /** Closes the socket now and reconnects at once (resumes with `since`). */
  reconnect(): void;
  close(): void;
}

const DEFAULTS = {
  silenceMs: CLIENT_SILENCE_MS,
  silenceCheckMs: 5_000,
  pingTimeoutMs: 10_000,
  dedupeSize: 5_000,
  minReconnectionDelay: 500,
  maxReconnectionDelay: 10_000,
  reconnectionDelayGrowFactor: 1.5,
  jitter: 0.5,
  connectionTimeout: 8_000,
  statusThrottleMs: 1_000,
};

interface Held {
  count: number;
  pattern: TopicPattern;
}

interface Holder<E> {
  patterns: TopicPattern[];
  onEvent?: EventListener<E>;
}

export function createRealtimeClient<E extends EventEnvelope = RealtimeEvent>(
  options: RealtimeClientOptions<E>,
): RealtimeClient<E> {
  const opts = { ...DEFAULTS, ...stripUndefined(options), url: options.url };
  for (const k of ["silenceMs", "silenceCheckMs", "pingTimeoutMs", "dedupeSize", "statusThrottleMs"] as const) {
    if (!(opts[k] > 0)) throw new Error(`createRealtimeClient: ${k} must be a positive number, got ${opts[k]}`);
  }
  const now = opts.now ?? Date.now;
  const random = opts.random ?? Math.random;
  const logger: RealtimeLogger = opts.logger ?? console;
  const validate = (opts.validate ?? defaultEventValidator) as EventValidator<E>;
  const env = resolveEnvironment(opts.environment);

  // ---- state (all of it lives in this closure) ----
  const held = new Map<string, Held>();
  const holders = new Set<Holder<E>>();
  const eventListeners = new Set<EventListener<E>>();
  const resyncListeners = new Set<ResyncListener>();
  const subscribedListeners = new Set<SubscribedListener>();
  const statusListeners = new Set<StatusListener>();
  const errorListeners = new Set<ErrorListener>();
  const recent = createRecentIds(opts.dedupeSize);
  /** Last durable id seen per held key (a topic or pattern); the `since` of its next subscribe. */
  const positions = new Map<string, string>();
  /** Keys the server holds for us on the current (or, while down, the last live) connection. */
  let serverKeys = new Set<string>();
  let lastDurableId: string | null = null;
  let epoch: string | null = null;
  let live = false;
  let everLive = false;
  let closed = false;
  let lastMessageAt = now();
  let lastEventAt: number | null = null;
  let refSeq = 0;
  let syncQueued = false;
  let pingTimer: ReturnType<typeof setTimeout> | null = null;
  let statusTimer: ReturnType<typeof setTimeout> | null = null;
  let lastStatusNotifyAt = 0;
  let snapshot: StatusSnapshot = { status: computeStatus(), lastEventAt: null, epoch: null };

  /** Ends a backoff wait early (visibility, online, explicit reconnect). */
  let wakeBackoff: (() => void) | null = null;

  const rws = new ReconnectingWebSocket(nextUrl, undefined, {
    WebSocket: opts.WebSocket,
    // The backoff (with jitter) happens in nextUrl, where it can be cut short: partysocket's own
    // wait cannot be interrupted, and reconnect() is a no-op while it runs.
    minReconnectionDelay: 0,
    maxReconnectionDelay: 0,
    connectionTimeout: opts.connectionTimeout,
    // Never buffer: everything we send is re-derived from state once `connected` arrives.
    maxEnqueuedMessages: 0,
  });

  rws.addEventListener("open", () => {
    lastMessageAt = now();
  });
  rws.addEventListener("message", (ev: MessageEvent) => handleFrame(ev.data));
  rws.addEventListener("close", () => handleDown());
  rws.addEventListener("error", () => {
    /* partysocket retries; the close listener updates the status */
  });

  const silenceTimer = setInterval(checkSilence, opts.silenceCheckMs);
  unref(silenceTimer);

  const onVisibility = () => {
    if (closed || env.document?.visibilityState !== "visible") return;
    checkLiveness();
  };
  const onOnline = () => {
    if (closed) return;
    updateStatus();
    // The link may have died while the network was away: check it now rather than in 45 s.
    checkLiveness();
  };
  const onOffline = () => updateStatus();
  env.document?.addEventListener("visibilitychange", onVisibility);
  env.window?.addEventListener("online", onOnline);
  env.window?.addEventListener("offline", onOffline);

  // ---- connection ----

  /** Waits out the backoff of this attempt (exponential, plus jitter), then gives the URL. */
  async function nextUrl(): Promise<string> {
    const retry = rws?.retryCount ?? 0;
    if (retry > 0) {
      const base = Math.min(
        opts.minReconnectionDelay * opts.reconnectionDelayGrowFactor ** (retry - 1),
        opts.maxReconnectionDelay,
      );
      const delay = base + random() * base * opts.jitter;
      if (delay > 0 && !closed) {
        await new Promise<void>((resolve) => {
          const done = () => {
            clearTimeout(timer);
            if (wakeBackoff === done) wakeBackoff = null;
            resolve();
          };
          const timer = setTimeout(done, delay);
          unref(timer);
          wakeBackoff = done;
        });
      }
    }
    return typeof opts.url === "function" ? opts.url() : opts.url;
  }

  function handleFrame(raw: unknown): void {
    lastMessageAt = now();
    clearPingTimer();
    const frame = parseFrame(raw, validate);
    switch (frame.kind) {
      case "invalid":
        logger.warn("[realtime] dropped invalid message:", frame.error);
        return;
      case "control":
        handleControl(frame.message);
        return;
      case "event":
        handleEvent(frame.event);
        return;
    }
  }

  function handleControl(msg: ControlMessage): void {
    switch (msg.type) {
      case "connected":
        handleConnected(msg.data.epoch);
        return;
      case "resync": {
        // The server could not replay these: it holds them live from now, and we refetch.
        for (const key of msg.data.topics) {
          if (!held.has(key)) continue;
          if (lastDurableId !== null) positions.set(key, lastDurableId);
          else positions.delete(key);
        }
        emitResync(msg.data.topics);
        return;
      }
      case "error":
        logger.warn(`[realtime] server error ${msg.data.code}: ${msg.data.message}`);
        for (const l of [...errorListeners]) safeCall(l, msg.data);
        return;
      case "subscribed":
        for (const l of [...subscribedListeners]) safeCall(l, [...msg.data.topics]);
        return;
      case "unsubscribed":
      case "pong":
      case "heartbeat":
        return;
    }
  }

  function handleConnected(newEpoch: string): void {
    const previousEpoch = epoch;
    const epochChanged = previousEpoch !== null && previousEpoch !== newEpoch;
    if (epochChanged) {
      // Ids of the old epoch mean nothing now.
      positions.clear();
      recent.clear();
      lastDurableId = null;
    }
    epoch = newEpoch;
    live = true;
    everLive = true;

    const keys = [...held.keys()];
    const unresumable: string[] = [];
    const groups = new Map<string | null, string[]>();
    for (const key of keys) {
      const since = positions.get(key) ?? null;
      if (since === null && !epochChanged && previousEpoch !== null && serverKeys.has(key)) {
        // Held on the last connection, but no id to resume from: whatever it missed must be refetched.
        unresumable.push(key);
      }
      if (since === null && lastDurableId !== null) positions.set(key, lastDurableId);
      pushTo(groups, since, key);
    }
    serverKeys = new Set(keys);
    sendSubscribes(groups);
    updateStatus();
    if (epochChanged && keys.length > 0) emitResync(keys);
    else if (unresumable.length > 0) emitResync(unresumable);
  }

  function handleEvent(event: E): void {
    lastEventAt = now();
    const id = event.id;
    if (id !== undefined) {
      lastDurableId = id;
      for (const [key, h] of held) if (patternMatches(h.pattern, event.topic)) positions.set(key, id);
      if (recent.seen(id)) {
        scheduleStatusNotify();
        return;
      }
    }
    for (const l of [...eventListeners]) safeCall(l, event);
    for (const h of [...holders]) {
      if (h.onEvent && holders.has(h) && holdsEvent(h.patterns, event)) safeCall(h.onEvent, event);
    }
    scheduleStatusNotify();
  }

  function handleDown(): void {
    live = false;
    clearPingTimer();
    updateStatus();
  }

  function forceReconnect(reason: string): void {
    if (closed) return;
    logger.debug?.(`[realtime] reconnecting: ${reason}`);
    live = false;
    clearPingTimer();
    lastMessageAt = now();
    rws.reconnect();
    wakeBackoff?.();
    updateStatus();
  }

  function checkSilence(): void {
    if (closed) return;
    if (rws.readyState === rws.OPEN && now() - lastMessageAt > opts.silenceMs) {
      logger.warn(`[realtime] nothing heard for ${opts.silenceMs} ms, reconnecting`);
      forceReconnect("silence");
    }
  }

  function checkLiveness(): void {
    const state = rws.readyState;
    if (state === rws.CONNECTING) return;
    if (state !== rws.OPEN || now() - lastMessageAt > opts.silenceMs) {
      forceReconnect("tab visible and link not live");
      return;
    }
    send({ type: "ping", ref: nextRef() });
    clearPingTimer();
    const sentAt = now();
    pingTimer = setTimeout(() => {
      pingTimer = null;
      if (!closed && lastMessageAt < sentAt + 1) forceReconnect("no answer to ping");
    }, opts.pingTimeoutMs);
    unref(pingTimer);
  }

  function clearPingTimer(): void {
    if (pingTimer !== null) clearTimeout(pingTimer);
    pingTimer = null;
  }

  // ---- subscriptions ----

  function scheduleSync(): void {
    if (syncQueued) return;
    syncQueued = true;
    queueMicrotask(() => {
      syncQueued = false;
      sync();
    });
  }

  /** Brings the server's set of keys in line with the held ones (only while live). */
  function sync(): void {
    if (!live || closed) return;
    const toUnsubscribe = [...serverKeys].filter((k) => !held.has(k));
    const groups = new Map<string | null, string[]>();
    for (const key of held.keys()) {
      if (serverKeys.has(key)) continue;
      const since = positions.get(key) ?? null;
      if (since === null && lastDurableId !== null) positions.set(key, lastDurableId);
      pushTo(groups, since, key);
    }
    for (const chunk of chunks(toUnsubscribe, MAX_TOPICS_PER_REQUEST)) {
      send({ type: "unsubscribe", ref: nextRef(), topics: chunk });
    }
    for (const k of toUnsubscribe) serverKeys.delete(k);
    for (const keys of groups.values()) for (const k of keys) serverKeys.add(k);
    sendSubscribes(groups);
  }

  function sendSubscribes(groups: Map<string | null, string[]>): void {
    for (const [since, keys] of groups) {
      for (const chunk of chunks(keys, MAX_TOPICS_PER_REQUEST)) {
        const msg: ClientMessage = since === null
          ? { type: "subscribe", ref: nextRef(), topics: chunk }
          : { type: "subscribe", ref: nextRef(), topics: chunk, since };
        send(msg);
      }
    }
  }

  function send(msg: ClientMessage): void {
    if (rws.readyState !== rws.OPEN) return;
    try {
      rws.send(JSON.stringify(msg));
    } catch (err) {
      logger.warn("[realtime] send failed:", err);
    }
  }

  function nextRef(): string {
    refSeq += 1;
    return `r${refSeq}`;
  }

  // ---- status ----

  function computeStatus(): ConnectionStatus {
    if (closed) return "offline";
    if (env.navigator && env.navigator.onLine === false) return "offline";
    if (live) return "live";
    return everLive ? "reconnecting" : "connecting";
  }

  function updateStatus(): void {
    const status = computeStatus();
    if (status === snapshot.status && epoch === snapshot.epoch && lastEventAt === snapshot.lastEventAt) return;
    const important = status !== snapshot.status || epoch !== snapshot.epoch;
    snapshot = { status, lastEventAt, epoch };
    if (important) notifyStatus();
    else scheduleStatusNotify();
  }

  function notifyStatus(): void {
    if (statusTimer !== null) {
      clearTimeout(statusTimer);
      statusTimer = null;
    }
    lastStatusNotifyAt = now();
    for (const l of [...statusListeners]) safeCall(l, snapshot);
  }

  /** `lastEventAt` changes on every event: refresh the snapshot, but notify at most once per throttle interval. */
  function scheduleStatusNotify(): void {
    if (snapshot.lastEventAt !== lastEventAt) snapshot = { ...snapshot, lastEventAt };
    if (statusTimer !== null || statusListeners.size === 0) return;
    const wait = Math.max(0, lastStatusNotifyAt + opts.statusThrottleMs - now());
    if (wait === 0) {
      notifyStatus();
      return;
    }
    statusTimer = setTimeout(() => {
      statusTimer = null;
      if (!closed) notifyStatus();
    }, wait);
    unref(statusTimer);
  }

  function emitResync(topics: string[]): void {
    if (topics.length === 0) return;
    for (const l of [...resyncListeners]) safeCall(l, [...topics]);
  }

  function safeCall<A>(fn: (arg: A) => void, arg: A): void {
    try {
      fn(arg);
    } catch (err) {
      logger.warn("[realtime] listener threw:", err);
    }
  }

  // ---- public API ----

  return {
    subscribe(topics, onEvent) {
      const keys: string[] = [];
      const patterns: TopicPattern[] = [];
      for (const t of new Set(topics)) {
        const pattern = parsePattern(t);
        if (!pattern) {
          logger.warn(`[realtime] ignoring invalid topic pattern "${t}"`);
          continue;
        }
        keys.push(t);
        patterns.push(pattern);
      }
      const holder: Holder<E> = { patterns, onEvent };
      holders.add(holder);
      for (const [i, key] of keys.entries()) {
        const h = held.get(key);
        if (h) h.count += 1;
        else held.set(key, { count: 1, pattern: patterns[i]! });
      }
      scheduleSync();
      let released = false;
      return () => {
        if (released) return;
        released = true;
        holders.delete(holder);
        for (const key of keys) {
          const h = held.get(key);
          if (!h) continue;
          h.count -= 1;
          if (h.count <= 0) held.delete(key);
        }
        scheduleSync();
      };
    },
    onEvent: (l) => addTo(eventListeners, l),
    onResync: (l) => addTo(resyncListeners, l),
    onSubscribed: (l) => addTo(subscribedListeners, l),
    onStatus: (l) => addTo(statusListeners, l),
    onError: (l) => addTo(errorListeners, l),
    getStatus: () => snapshot,
    heldTopics: () => [...held.keys()],
    reconnect: () => forceReconnect("requested"),
    close() {
      if (closed) return;
      closed = true;
      live = false;
      clearInterval(silenceTimer);
      clearPingTimer();
      if (statusTimer !== null) clearTimeout(statusTimer);
      statusTimer = null;
      env.document?.removeEventListener("visibilitychange", onVisibility);
      env.window?.removeEventListener("online", onOnline);
      env.window?.removeEventListener("offline", onOffline);
      rws.close(1000, "client closed");
      wakeBackoff?.();
      updateStatus();
    },
  };
}

// ---- helpers ----

function addTo<T>(set: Set<T>, item: T): () => void {
  set.add(item);
  return () => {
    set.delete(item);
  };
}

function pushTo<K, V>(map: Map<K, V[]>, key: K, value: V): void {
  const list = map.get(key);
  if (list) list.push(value);
  else map.set(key, [value]);
}

function chunks<T>(items: T[], size: number): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < items.length; i += size) out.push(items.slice(i, i + size));
  return out;
}

function unref(timer: unknown): void {
  (timer as { unref?: () => void } | null)?.unref?.();
}

function stripUndefined<T extends object>(o: T): Partial<T> {
  return Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined)) as Partial<T>;
}

function resolveEnvironment(given: RealtimeEnvironment | undefined): RealtimeEnvironment {
  const g = globalThis as { document?: Document; window?: Window; navigator?: Navigator };
  return {
    document: given && "document" in given ? given.document : g.document,
    window: given && "window" in given ? given.window : g.window,
    navigator: given && "navigator" in given ? given.navigator : g.navigator,
  };
}

/**
 * Does a holder of `patterns` want `event`? A conflated market batch (topic `market:*`, quotes of
 * several tickers) goes to whoever holds `market:{TICKER}` of any of its quotes.
 */
export function holdsEvent(patterns: readonly TopicPattern[], event: EventEnvelope): boolean {
  if (event.topic === CONFLATED_MARKET_TOPIC && Array.isArray(event.data)) {
    for (const item of event.data as unknown[]) {
      const ticker = typeof item === "object" && item !== null ? (item as { ticker?: unknown }).ticker : undefined;
      if (typeof ticker !== "string") continue;
      const topic = `market:${ticker}`;
      if (patterns.some((p) => patternMatches(p, topic))) return true;
    }
    return false;
  }
  return patterns.some((p) => patternMatches(p, event.topic));
}
