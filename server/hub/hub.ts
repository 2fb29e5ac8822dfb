// The WebSocket hub: takes `/ws` upgrades (origin check, authentication), keeps the topic registry,
// and fans every bus event out to the sockets that hold a matching pattern and may read its topic,
// serialized once per event and corked per socket within a tick.
import type { IncomingMessage } from "node:http";
import type { Duplex } from "node:stream";
import { WebSocketServer, type WebSocket } from "ws";
import { CLOSE_CODES, HEARTBEAT_MS, MAX_INBOUND_BYTES } from "@/lib/protocol/codes";
import { validateEnvelope } from "@/lib/protocol/events";
import { parseTopic } from "@/lib/protocol/topics";
import type { ApiKeyStore } from "../auth/api-keys";
import type { Principal } from "../auth/principal";
import type { SessionStore } from "../auth/sessions";
import type { Bus, BusEvent } from "../bus/bus";
import { parseEventId } from "../bus/event-id";
import { newId } from "../ids";
import type { Logger } from "../log";
import type { Metrics } from "../metrics";
import { authenticateUpgrade, originAllowed } from "./auth";
import { Connection, mayReceive, type ConnectionOptions } from "./connection";
import { startHeartbeat } from "./heartbeat";
import { controlFrame, serializeEvent, type PreparedEvent } from "./outgoing";
import { createMarketConflator } from "./conflation";
import type { Quote } from "@/lib/protocol/entities/market";
import { TopicRegistry } from "./topic-registry";
import { TopicRates, type TopicRateFigure } from "./topic-rates";
import { canRead } from "../auth/permissions";

export interface HubOptions extends ConnectionOptions {
  pingMs: number;
  heartbeatMs: number;
  allowedOrigins: readonly string[];
  /** Check every outgoing event against the protocol's schemas (development and tests). */
  validateOutgoing: boolean;
  /** Market conflation window: a socket gets at most one `market_data_batch` per this many ms; 0 sends every quote. */
  conflateMarketMs: number;
}

export const DEFAULT_HUB_OPTIONS: HubOptions = {
  pingMs: 30_000,
  heartbeatMs: HEARTBEAT_MS,
  authTimeoutMs: 5_000,
  maxBufferBytes: 4 * 1024 * 1024,
  ratePerSec: 50,
  rateBurst: 100,
  maxPendingEvents: 10_000,
  allowedOrigins: [],
  validateOutgoing: false,
  conflateMarketMs: 100,
};

export interface HubDeps {
  bus: Bus;
  sessions: SessionStore;
  apiKeys: ApiKeyStore;
  metrics: Metrics;
  log: Logger;
  options?: Partial<HubOptions>;
  /** Names this process in a cluster (default: a new id per hub). */
  instanceId?: string;
}

export interface ConnectionInfo {
  client_id: string;
  principal: Principal | null;
  remote_address: string;
  opened_at: string;
  subscriptions: string[];
  messages_in: number;
  messages_out: number;
  buffered_bytes: number;
  user_agent: string | null;
  /** Last message received from the client (the connection time before any). */
  last_seen_at: string;
  resyncs_served: number;
}

/** A socket authenticated (`opened`) or an authenticated socket closed (`closed`, with its close code when known). */
export type ConnectionChange =
  | { kind: "opened"; connection: ConnectionInfo }
  | { kind: "closed"; connection: ConnectionInfo; code: number | null; reason: string; closed_at: string };

export interface HubFigures {
  connections: number;
  authenticated: number;
  subscriptions: number;
  by_pattern: Record<string, number>;
  events_fanned_out: number;
  messages_sent: number;
  /** `resync` messages sent since the hub started. */
  resyncs_served: number;
}

export interface Hub {
  /** Takes an HTTP upgrade for `/ws`. */
  handleUpgrade(req: IncomingMessage, socket: Duplex, head: Buffer): void;
  /** This process's hub, unique in a cluster. */
  readonly instanceId: string;
  figures(): HubFigures;
  connections(): ConnectionInfo[];
  /** Events published per topic over the last minute (every event the hub saw, delivered or not). */
  topicRates(): TopicRateFigure[];
  /** How many authenticated sockets would receive an event on `topic` now (they hold it and may read it), among those `match` accepts. */
  countReaching(topic: string, match?: (principal: Principal) => boolean): number;
  /** Called when a socket authenticates or an authenticated socket closes. Returns a teardown. */
  onConnectionsChanged(listener: (change: ConnectionChange) => void): () => void;
  /** Closes every socket whose principal matches; returns how many. */
  disconnect(match: (principal: Principal | null, clientId: string) => boolean, code?: number, reason?: string): number;
  /** Stops taking sockets and closes every open one with 1001. */
  close(): Promise<void>;
}

export function createHub(deps: HubDeps): Hub {
  const options: HubOptions = { ...DEFAULT_HUB_OPTIONS, ...deps.options };
  const { bus, metrics, log } = deps;
  const wss = new WebSocketServer({ noServer: true, maxPayload: MAX_INBOUND_BYTES, perMessageDeflate: false, clientTracking: false });
  const registry = new TopicRegistry<Connection>();
  const open = new Set<Connection>();
  const corked: Connection[] = [];
  let uncorkScheduled = false;
  let fanoutStamp = 0;
  let fannedOut = 0;
  let sent = 0;
  let closing = false;
  let resyncs = 0;
  const instanceId = deps.instanceId ?? newId("inst");
  const rates = new TopicRates();
  const changeListeners = new Set<(change: ConnectionChange) => void>();
  const emitChange = (change: () => ConnectionChange) => {
    if (changeListeners.size === 0) return;
    const value = change();
    for (const listener of changeListeners) {
      try {
        listener(value);
      } catch (err) {
        log.error({ err }, "a connection-change listener failed");
      }
    }
  };

  const uncorkAll = () => {
    uncorkScheduled = false;
    for (const connection of corked.splice(0)) {
      connection.corked = false;
      socketOf(connection.ws)?.uncork();
    }
  };

  const context = {
    bus,
    registry,
    metrics,
    log,
    options,
    resolveToken: (token: string) => deps.apiKeys.resolve(token),
    onAuthenticated(connection: Connection) {
      connection.sendFrame(
        controlFrame("connected", {
          client_id: connection.id,
          user: connection.principal ? { id: connection.principal.id, email: connection.principal.email, role: connection.principal.role } : null,
          epoch: bus.epoch(),
          server_time: new Date().toISOString(),
          heartbeat_ms: options.heartbeatMs,
        }),
      );
      emitChange(() => ({ kind: "opened", connection: infoOf(connection) }));
    },
    onClosed(connection: Connection) {
      open.delete(connection);
      conflator?.forget(connection);
      if (connection.principal) {
        emitChange(() => ({
          kind: "closed",
          connection: infoOf(connection),
          code: connection.closeCode,
          reason: connection.closeReason,
          closed_at: new Date().toISOString(),
        }));
      }
    },
    onResync() {
      resyncs += 1;
    },
    onUnsubscribed(connection: Connection) {
      conflator?.prune(connection, (ticker) => connection.holds(`market:${ticker}`));
    },
    cork(connection: Connection) {
      if (connection.corked) return;
      const socket = socketOf(connection.ws);
      if (!socket) return;
      socket.cork();
      connection.corked = true;
      corked.push(connection);
      if (!uncorkScheduled) {
        uncorkScheduled = true;
        process.nextTick(uncorkAll);
      }
    },
  };

  const stopHeartbeat = startHeartbeat(() => open, options);
  metrics.sources.hub = () => ({ connections: open.size, subscriptions: registry.figures().patterns });

  const conflator =
    options.conflateMarketMs > 0
      ? createMarketConflator<Connection>({
          windowMs: options.conflateMarketMs,
          stateOf: (connection) => connection.conflationState,
          send(connection, payload) {
            if (connection.sendFrame(payload)) {
              sent += 1;
              metrics.eventsOut.inc({ type: "market_data_batch" });
            }
          },
          check: options.validateOutgoing
            ? (envelope) => {
                const result = validateEnvelope(envelope);
                if (!result.ok) log.error({ problem: result.error }, "dropping a conflated batch that breaks the protocol");
                return result.ok;
              }
            : undefined,
        })
      : null;
  const stopConflation = conflator?.start() ?? (() => {});
  let quoteSeq = 0;

  const stopBus = bus.subscribe((event) => fanOut(event));
  // A new epoch means the replay log was lost (Redis restarted empty): events may have been missed.
  const stopEpoch = bus.onEpochChange((epoch) => {
    log.warn({ epoch, sockets: open.size }, "the bus started a new epoch; every socket is told to resync");
    for (const connection of open) connection.resyncAll("epoch_changed");
  });
  // This instance fell behind the replay log: events went by that no socket here was sent.
  const stopGap = bus.onGap(() => {
    log.warn({ sockets: open.size }, "the bus skipped events this instance had not delivered; every socket is told to resync");
    for (const connection of open) connection.resyncAll("events_missed");
  });

  function fanOut(event: BusEvent): void {
    const parsed = parseTopic(event.topic);
    if (!parsed) {
      log.error({ topic: event.topic, type: event.type }, "dropping an event on a topic outside the protocol");
      return;
    }
    if (options.validateOutgoing) {
      const check = validateEnvelope(event);
      if (!check.ok) {
        metrics.invalidOutgoing.inc();
        log.error({ type: event.type, topic: event.topic, problem: check.error }, "dropping an event that breaks the protocol");
        return;
      }
    }
    metrics.eventsIn.inc({ type: event.type });
    rates.record(event.topic);
    if (conflator && parsed.family === "market" && (event.type === "market_data" || event.type === "market_data_batch")) {
      conflate(event, parsed);
      return;
    }
    let prepared: PreparedEvent | null = null;
    const stamp = ++fanoutStamp;
    let recipients = 0;
    registry.forEachCandidateSet(event.topic, parsed.family, (holders) => {
      for (const connection of holders) {
        if (connection.stamp === stamp) continue;
        connection.stamp = stamp;
        prepared ??= { event, parsed, id: event.id ? parseEventId(event.id) : null, payload: serializeEvent(event) };
        if (!mayReceive(connection, prepared)) continue;
        connection.deliver(prepared);
        recipients += 1;
      }
    });
    if (recipients > 0) {
      fannedOut += 1;
      sent += recipients;
      metrics.eventsOut.inc({ type: event.type }, recipients);
    }
  }

  /** Quotes go to each recipient's conflation buffer instead of its socket; the flush tick sends them. */
  function conflate(event: BusEvent, parsed: NonNullable<ReturnType<typeof parseTopic>>): void {
    const quotes = (Array.isArray(event.data) ? event.data : [event.data]) as Quote[];
    const seq = ++quoteSeq;
    const stamp = ++fanoutStamp;
    const probe: PreparedEvent = { event, parsed, id: null, payload: EMPTY };
    registry.forEachCandidateSet(event.topic, parsed.family, (holders) => {
      for (const connection of holders) {
        if (connection.stamp === stamp) continue;
        connection.stamp = stamp;
        if (!mayReceive(connection, probe)) continue;
        conflator!.add(connection, quotes, seq);
      }
    });
  }

  function accept(ws: WebSocket, req: IncomingMessage, principal: Principal | null, rejected: boolean): void {
    const userAgent = req.headers["user-agent"];
    const connection = new Connection(newId("cli"), ws, req.socket.remoteAddress ?? "", context, userAgent ? userAgent.slice(0, 512) : null);
    open.add(connection);
    metrics.connectionsTotal.inc();
    if (rejected) {
      connection.sendError("unauthenticated", "invalid credentials");
      connection.close(CLOSE_CODES.policyViolation, "authentication failed");
      return;
    }
    connection.start(principal);
  }

  return {
    instanceId,
    handleUpgrade(req, socket, head) {
      socket.on("error", () => socket.destroy());
      if (closing) {
        refuse(socket, 503, "Service Unavailable");
        return;
      }
      if (!originAllowed(req, options.allowedOrigins)) {
        metrics.rejectedUpgrades.inc({ reason: "origin" });
        log.warn({ origin: req.headers.origin }, "refused a WebSocket upgrade from a foreign origin");
        refuse(socket, 403, "Forbidden");
        return;
      }
      authenticateUpgrade(req, deps)
        .then((credentials) => {
          if (socket.destroyed) return;
          wss.handleUpgrade(req, socket, head, (ws) =>
            accept(ws, req, credentials.kind === "authenticated" ? credentials.principal : null, credentials.kind === "rejected"),
          );
        })
        .catch((err: unknown) => {
          log.error({ err }, "upgrade authentication failed");
          refuse(socket, 500, "Internal Server Error");
        });
    },

    figures() {
      const { patterns, byPattern } = registry.figures();
      let authenticated = 0;
      for (const c of open) if (c.authenticated) authenticated += 1;
      return {
        connections: open.size,
        authenticated,
        subscriptions: patterns,
        by_pattern: byPattern,
        events_fanned_out: fannedOut,
        messages_sent: sent,
        resyncs_served: resyncs,
      };
    },

    connections() {
      return [...open].map(infoOf);
    },

    topicRates() {
      return rates.figures();
    },

    countReaching(topic, match) {
      const parsed = parseTopic(topic);
      if (!parsed) return 0;
      const stamp = ++fanoutStamp;
      let n = 0;
      registry.forEachCandidateSet(topic, parsed.family, (holders) => {
        for (const connection of holders) {
          if (connection.stamp === stamp) continue;
          connection.stamp = stamp;
          const principal = connection.principal;
          if (!principal || connection.conflationState === "gone" || !canRead(principal, topic)) continue;
          if (match && !match(principal)) continue;
          n += 1;
        }
      });
      return n;
    },

    onConnectionsChanged(listener) {
      changeListeners.add(listener);
      return () => changeListeners.delete(listener);
    },

    disconnect(match, code = CLOSE_CODES.policyViolation, reason = "disconnected") {
      let n = 0;
      for (const c of [...open]) {
        if (match(c.principal, c.id)) {
          c.close(code, reason);
          n += 1;
        }
      }
      return n;
    },

    async close() {
      closing = true;
      stopBus();
      stopEpoch();
      stopGap();
      stopConflation();
      stopHeartbeat();
      const waiting = [...open].map(
        (c) =>
          new Promise<void>((resolve) => {
            if (c.ws.readyState === c.ws.CLOSED) return resolve();
            const timer = setTimeout(() => {
              c.terminate();
              resolve();
            }, 2_000);
            timer.unref();
            c.ws.once("close", () => {
              clearTimeout(timer);
              resolve();
            });
            c.close(CLOSE_CODES.goingAway, "server shutting down");
          }),
      );
      await Promise.all(waiting);
      wss.close();
    },
  };
}

const EMPTY = Buffer.alloc(0);

function infoOf(c: Connection): ConnectionInfo {
  return {
    client_id: c.id,
    principal: c.principal,
    remote_address: c.remoteAddress,
    opened_at: new Date(c.openedAt).toISOString(),
    subscriptions: [...c.subscriptions.keys()],
    messages_in: c.messagesIn,
    messages_out: c.messagesOut,
    buffered_bytes: c.ws.bufferedAmount,
    user_agent: c.userAgent,
    last_seen_at: new Date(c.lastSeenAt).toISOString(),
    resyncs_served: c.resyncsServed,
  };
}

function refuse(socket: Duplex, status: number, text: string): void {
  if (socket.writable) socket.end(`HTTP/1.1 ${status} ${text}\r\nConnection: close\r\nContent-Length: 0\r\n\r\n`);
  else socket.destroy();
}

/** The TCP socket under a `ws` WebSocket (for cork/uncork). */
function socketOf(ws: WebSocket): { cork(): void; uncork(): void } | undefined {
  return (ws as unknown as { _socket?: { cork(): void; uncork(): void } })._socket;
}
