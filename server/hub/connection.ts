// One socket's life: authentication, inbound messages (subscribe, unsubscribe, ping, auth), its
// subscriptions, replay buffering and the guarded send path. All per-socket state lives here and is
// torn down on close.
import type { WebSocket } from "ws";
import { z } from "zod";
import { clientMessage, CLIENT_MESSAGE_TYPES, MAX_SUBSCRIPTIONS_PER_SOCKET, type SubscribeCommand, type UnsubscribeCommand } from "@/lib/protocol/commands";
import { CLOSE_CODES, type ErrorCode } from "@/lib/protocol/codes";
import { parsePattern, patternMatches, patternToString, type TopicPattern } from "@/lib/protocol/topics";
import type { Bus, BusEvent } from "../bus/bus";
import { compareEventIds, parseEventId, type EventId } from "../bus/event-id";
import { canRead, canReadParsed, patternForbidden } from "../auth/permissions";
import type { Principal } from "../auth/principal";
import type { Logger } from "../log";
import type { Metrics } from "../metrics";
import { controlFrame, errorFrame, serializeEvent, type PreparedEvent } from "./outgoing";
import { createRateLimiter, type RateLimiter } from "./rate-limiter";
import type { TopicRegistry } from "./topic-registry";

export interface ConnectionOptions {
  authTimeoutMs: number;
  maxBufferBytes: number;
  ratePerSec: number;
  rateBurst: number;
  /** Live events held for one socket while its subscribe is being answered; past this it is a slow consumer. */
  maxPendingEvents: number;
}

export interface ConnectionContext {
  bus: Bus;
  registry: TopicRegistry<Connection>;
  metrics: Metrics;
  log: Logger;
  options: ConnectionOptions;
  resolveToken(token: string): Promise<Principal | null>;
  /** Called after an unsubscribe, so that quotes waiting for conflation follow the new patterns. */
  onUnsubscribed?(connection: Connection): void;
  /** Called when a subscribe is answered with `resync` (the hub counts them for the admin console). */
  onResync?(connection: Connection): void;
  /** Called once the socket is authenticated; the hub sends `connected`. */
  onAuthenticated(connection: Connection): void;
  onClosed(connection: Connection): void;
  /** Batches this socket's writes until the end of the tick. */
  cork(connection: Connection): void;
}

export class Connection {
  readonly openedAt = Date.now();
  principal: Principal | null = null;
  /** Monotonic ms (performance.now()): cheaper than Date.now() on the hot path, which Next wraps. */
  lastSentAt = performance.now();
  lastReceivedAt = performance.now();
  missedPongs = 0;
  messagesIn = 0;
  messagesOut = 0;
  /** `resync` messages sent to this socket. */
  resyncsServed = 0;
  /** How the socket closed (null while open, or when the peer vanished without a close frame). */
  closeCode: number | null = null;
  closeReason = "";
  /** Fan-out marker: the last event this socket was considered for (dedupes overlapping patterns). */
  stamp = 0;
  corked = false;
  readonly subscriptions = new Map<string, TopicPattern>();

  private closed = false;
  private authTimer: NodeJS.Timeout | undefined;
  private readonly limiter: RateLimiter;
  private rateLimitedAt = -Infinity;
  /** Subscribe requests are answered one at a time, in order. */
  private queue: Promise<void> = Promise.resolve();
  /** While a subscribe is answered, live events wait here (null when not buffering). */
  private pending: PreparedEvent[] | null = null;
  /**
   * After a replay: durable events up to `id` on topics `filter` accepts were already sent (or the
   * client had them). With the Redis bus this instance may read the stream behind the replay or
   * behind the instance the client came from, so such events can still arrive live: they are skipped.
   * Ids are one order across the cluster, so the first live event past `id` retires the floor.
   */
  private floors: { id: EventId; filter: (topic: string) => boolean }[] = [];

  constructor(
    readonly id: string,
    readonly ws: WebSocket,
    readonly remoteAddress: string,
    private readonly ctx: ConnectionContext,
    readonly userAgent: string | null = null,
  ) {
    this.limiter = createRateLimiter(ctx.options.ratePerSec, ctx.options.rateBurst);
    ws.on("message", (data, isBinary) => this.onMessage(data as Buffer, isBinary));
    ws.on("pong", () => {
      this.missedPongs = 0;
    });
    ws.on("close", (code: number, reason: Buffer) => {
      if (this.closeCode === null && code !== 1005 && code !== 1006) {
        this.closeCode = code;
        this.closeReason = reason.toString("utf8");
      }
      this.teardown();
    });
    ws.on("error", (err) => {
      ctx.log.debug({ err: err.message, client_id: id }, "socket error");
      this.teardown();
    });
  }

  /** Wall-clock ms of the last message received (the connection time before any). */
  get lastSeenAt(): number {
    return performance.timeOrigin + this.lastReceivedAt;
  }

  get authenticated(): boolean {
    return this.principal !== null;
  }

  /** Closed, or open but answering a subscribe (live events wait): what market conflation asks before a batch. */
  get conflationState(): "ready" | "wait" | "gone" {
    if (this.closed || this.ws.readyState !== this.ws.OPEN) return "gone";
    return this.pending ? "wait" : "ready";
  }

  /** Starts the socket with a principal, or waits (bounded) for an `auth` message. */
  start(principal: Principal | null): void {
    if (principal) {
      this.authenticate(principal);
      return;
    }
    this.authTimer = setTimeout(() => {
      if (this.authenticated) return;
      this.sendFrame(errorFrame("unauthenticated", "no credentials within the deadline"));
      this.close(CLOSE_CODES.policyViolation, "authentication timeout");
    }, this.ctx.options.authTimeoutMs);
    this.authTimer.unref();
  }

  /** Sends a live event (already permission-checked and matched by the hub). */
  deliver(prepared: PreparedEvent): void {
    if (prepared.id && this.floors.length > 0 && this.belowFloor(prepared)) return;
    if (this.pending) {
      if (this.pending.length >= this.ctx.options.maxPendingEvents) {
        this.dropAsSlowConsumer();
        return;
      }
      this.pending.push(prepared);
      return;
    }
    this.sendFrame(prepared.payload);
  }

  /** The bus started a new epoch (its log was lost): everything this socket holds must be fetched again. */
  resyncAll(reason: string): void {
    this.floors = [];
    if (!this.principal || this.subscriptions.size === 0) return;
    this.ctx.metrics.resyncs.inc();
    this.resyncsServed += 1;
    this.ctx.onResync?.(this);
    this.sendFrame(controlFrame("resync", { topics: [...this.subscriptions.keys()], reason }));
  }

  private belowFloor(prepared: PreparedEvent): boolean {
    let skip = false;
    this.floors = this.floors.filter((floor) => {
      if (compareEventIds(prepared.id!, floor.id) > 0) return false;
      if (floor.filter(prepared.event.topic)) skip = true;
      return true;
    });
    return skip;
  }

  sendFrame(frame: string | Buffer): boolean {
    if (this.closed || this.ws.readyState !== this.ws.OPEN) return false;
    if (this.ws.bufferedAmount > this.ctx.options.maxBufferBytes) {
      this.dropAsSlowConsumer();
      return false;
    }
    this.ctx.cork(this);
    if (typeof frame === "string") this.ws.send(frame);
    else this.ws.send(frame, { binary: false });
    this.lastSentAt = performance.now();
    this.messagesOut += 1;
    return true;
  }

  sendError(code: ErrorCode, message: string, ref?: string, details?: unknown): void {
    this.ctx.metrics.clientErrors.inc({ code });
    this.sendFrame(errorFrame(code, message, ref, details));
  }

  close(code: number, reason: string): void {
    if (this.closed) return;
    this.closeCode = code;
    this.closeReason = reason;
    try {
      this.ws.close(code, reason);
    } catch {
      this.ws.terminate();
    }
    this.teardown();
  }

  terminate(): void {
    this.ws.terminate();
    this.teardown();
  }

  /** Does this socket hold a pattern that covers `topic`? */
  holds(topic: string): boolean {
    for (const pattern of this.subscriptions.values()) if (patternMatches(pattern, topic)) return true;
    return false;
  }

  private authenticate(principal: Principal): void {
    this.principal = principal;
    if (this.authTimer) clearTimeout(this.authTimer);
    this.ctx.onAuthenticated(this);
  }

  private dropAsSlowConsumer(): void {
    if (this.closed) return;
    this.ctx.metrics.slowConsumers.inc();
    this.ctx.log.warn({ client_id: this.id, buffered: this.ws.bufferedAmount }, "closing slow consumer");
    this.close(CLOSE_CODES.slowConsumer, "slow consumer");
  }

  private teardown(): void {
    if (this.closed) return;
    this.closed = true;
    if (this.authTimer) clearTimeout(this.authTimer);
    for (const pattern of this.subscriptions.values()) this.ctx.registry.remove(this, pattern);
    this.subscriptions.clear();
    this.pending = null;
    this.ctx.onClosed(this);
  }

  private onMessage(data: Buffer, isBinary: boolean): void {
    this.lastReceivedAt = performance.now();
    this.messagesIn += 1;
    if (isBinary) {
      this.close(CLOSE_CODES.unsupportedData, "binary frames are not accepted");
      return;
    }
    let raw: unknown;
    try {
      raw = JSON.parse(data.toString("utf8"));
    } catch {
      this.sendError("bad_message", "message is not valid JSON");
      return;
    }
    const ref = refOf(raw);
    if (!this.limiter.take()) {
      // At most one rate_limited reply a second, so a flood cannot make the server flood back.
      const now = performance.now();
      if (now - this.rateLimitedAt >= 1000) {
        this.rateLimitedAt = now;
        this.sendError("rate_limited", `more than ${this.ctx.options.ratePerSec} messages a second; message dropped`, ref);
      }
      return;
    }
    const type = typeof raw === "object" && raw !== null ? (raw as { type?: unknown }).type : undefined;
    if (typeof type !== "string") {
      this.sendError("bad_message", "message must be a JSON object with a string `type`", ref);
      return;
    }
    if (!(CLIENT_MESSAGE_TYPES as readonly string[]).includes(type)) {
      this.sendError("unknown_type", `unknown message type: ${type.slice(0, 64)}`, ref);
      return;
    }
    const parsed = clientMessage.safeParse(raw);
    if (!parsed.success) {
      this.sendError("bad_message", "message does not match its schema", ref, { issues: issuesOf(parsed.error) });
      return;
    }
    const message = parsed.data;
    if (message.type === "auth") {
      void this.onAuth(message.token, ref);
      return;
    }
    if (!this.authenticated) {
      this.sendError("unauthenticated", "authenticate first: send {type: 'auth', token}", ref);
      return;
    }
    switch (message.type) {
      case "ping":
        this.sendFrame(controlFrame("pong", ref === undefined ? {} : { ref }));
        return;
      case "subscribe":
        this.enqueue(() => this.onSubscribe(message));
        return;
      case "unsubscribe":
        this.enqueue(async () => this.onUnsubscribe(message));
        return;
    }
  }

  private async onAuth(token: string, ref: string | undefined): Promise<void> {
    if (this.authenticated) {
      this.sendError("bad_message", "already authenticated", ref);
      return;
    }
    const principal = await this.ctx.resolveToken(token).catch(() => null);
    if (this.closed) return;
    if (!principal) {
      this.sendError("unauthenticated", "invalid token", ref);
      this.close(CLOSE_CODES.policyViolation, "authentication failed");
      return;
    }
    this.authenticate(principal);
  }

  private enqueue(work: () => Promise<void>): void {
    this.queue = this.queue.then(work).catch((err: unknown) => {
      this.ctx.log.error({ err, client_id: this.id }, "subscribe handling failed");
      this.sendError("internal", "the server could not complete the request");
    });
  }

  private async onSubscribe(message: SubscribeCommand): Promise<void> {
    if (this.closed) return;
    const { ref } = message;
    const accepted: TopicPattern[] = [];
    const invalid: string[] = [];
    const forbidden: string[] = [];
    for (const text of new Set(message.topics)) {
      const pattern = parsePattern(text);
      if (!pattern) invalid.push(text);
      else if (patternForbidden(this.principal, text)) forbidden.push(text);
      else accepted.push(pattern);
    }
    if (invalid.length > 0) this.sendError("bad_message", `not a topic pattern: ${invalid.join(", ")}`, ref, { topics: invalid });
    if (forbidden.length > 0) this.sendError("forbidden_topic", `you may not read: ${forbidden.join(", ")}`, ref, { topics: forbidden });
    const fresh = accepted.filter((p) => !this.subscriptions.has(patternToString(p)));
    if (this.subscriptions.size + fresh.length > MAX_SUBSCRIPTIONS_PER_SOCKET) {
      this.sendError("too_many_subscriptions", `a socket may hold at most ${MAX_SUBSCRIPTIONS_PER_SOCKET} topic patterns`, ref);
      return;
    }
    if (accepted.length === 0 && (invalid.length > 0 || forbidden.length > 0)) return;

    // From here on, live events for this socket wait until the replay and latest values are sent,
    // so that nothing arrives out of order, twice, or not at all.
    this.pending = [];
    for (const pattern of fresh) {
      this.subscriptions.set(patternToString(pattern), pattern);
      this.ctx.registry.add(this, pattern);
    }
    const principal = this.principal;
    const filter = (topic: string) => accepted.some((p) => patternMatches(p, topic)) && canRead(principal, topic);
    const names = accepted.map(patternToString);

    let replayed: BusEvent[] = [];
    let resyncReason: string | null = null;
    if (message.since !== undefined) {
      this.ctx.metrics.replayRequests.inc();
      const result = await this.ctx.bus.replay(filter, message.since);
      if (result.ok) replayed = result.events;
      else resyncReason = result.reason;
    }
    const latest = await this.ctx.bus.latest(filter);
    if (this.closed) return;

    this.sendFrame(controlFrame("subscribed", { ...(ref === undefined ? {} : { ref }), topics: names, replayed: replayed.length }));
    if (resyncReason !== null) {
      this.ctx.metrics.resyncs.inc();
      this.resyncsServed += 1;
      this.ctx.onResync?.(this);
      this.sendFrame(controlFrame("resync", { topics: names, reason: resyncReason }));
    }
    // The client has everything up to `since` and now the replay: nothing at or below the newer of
    // the two is sent again on these topics.
    let newest: EventId | null = resyncReason === null && message.since !== undefined ? parseEventId(message.since) : null;
    for (const event of replayed) {
      this.sendFrame(serializeEvent(event));
      const id = parseEventId(event.id!);
      if (id && (!newest || compareEventIds(id, newest) > 0)) newest = id;
    }
    if (newest) this.floors.push({ id: newest, filter });
    for (const event of latest) this.sendFrame(serializeEvent(event));
    const latestSent = new Set<BusEvent>(latest);
    this.flushPending(filter, newest, latestSent);
  }

  /** Sends what waited during a subscribe, minus what the replay or the latest values already carried. */
  private flushPending(filter: (topic: string) => boolean, newest: EventId | null, latestSent: Set<BusEvent>): void {
    const waiting = this.pending ?? [];
    this.pending = null;
    for (const prepared of waiting) {
      const covered = filter(prepared.event.topic);
      if (covered && prepared.id && newest && compareEventIds(prepared.id, newest) <= 0) continue;
      // An ephemeral value already sent as "latest" is not sent again (a repeat would be harmless, only wasteful).
      if (!prepared.id && latestSent.has(prepared.event)) continue;
      this.sendFrame(prepared.payload);
    }
  }

  private async onUnsubscribe(message: UnsubscribeCommand): Promise<void> {
    const removed: string[] = [];
    const invalid: string[] = [];
    for (const text of new Set(message.topics)) {
      const pattern = parsePattern(text);
      if (!pattern) {
        invalid.push(text);
        continue;
      }
      const key = patternToString(pattern);
      if (this.subscriptions.delete(key)) this.ctx.registry.remove(this, pattern);
      removed.push(key);
    }
    if (removed.length > 0) this.ctx.onUnsubscribed?.(this);
    if (invalid.length > 0) this.sendError("bad_message", `not a topic pattern: ${invalid.join(", ")}`, message.ref, { topics: invalid });
    this.sendFrame(controlFrame("unsubscribed", { ...(message.ref === undefined ? {} : { ref: message.ref }), topics: removed }));
  }
}

/** Checks a live event against this socket's permission once the hub found it among the recipients. */
export function mayReceive(connection: Connection, prepared: PreparedEvent): boolean {
  return canReadParsed(connection.principal, prepared.parsed);
}

function refOf(raw: unknown): string | undefined {
  if (typeof raw !== "object" || raw === null) return undefined;
  const ref = (raw as { ref?: unknown }).ref;
  return typeof ref === "string" && ref.length <= 64 ? ref : undefined;
}

function issuesOf(error: z.ZodError): { path: string; message: string }[] {
  return error.issues.map((i) => ({ path: i.path.join("."), message: i.message }));
}
