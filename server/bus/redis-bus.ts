// The Redis bus: one Stream is the durable replay log every instance shares (one order, ids issued by
// Redis, and a sequence number per entry so that a reader can tell when it missed some), a hash holds
// the latest ephemeral value per (topic, type), pub/sub carries ephemeral events and control
// messages, and a string key holds the epoch. Owns its three connections (commands, the
// blocking stream reader, the subscriber), the reader loop, the epoch checks and the cached stats.
import { randomBytes } from "node:crypto";
import { Redis, type RedisOptions } from "ioredis";
import type { Logger } from "../log";
import type { Bus, BusEvent, BusStats, ControlMessage, PublishInput, ReplayResult, TopicFilter } from "./bus";
import { compareEventIds, formatEventId, parseEventId, type EventId } from "./event-id";

export interface RedisBusOptions {
  url: string;
  /** Prefix of every key and channel (default "switchboard:"). */
  prefix?: string;
  /** About how many durable events the stream keeps (default 10,000; trimmed with MAXLEN ~). */
  logSize?: number;
  log: Logger;
}

const CONNECT_DEADLINE_MS = 5_000;
const READ_COUNT = 1_000;
const READ_BLOCK_MS = 2_000;
const REPLAY_PAGE = 1_000;
const STATS_INTERVAL_MS = 1_000;
const QUIT_DEADLINE_MS = 1_000;
const RETRY_PAUSE_MS = 1_000;

/**
 * KEYS[1] the stream, KEYS[2] the epoch, KEYS[3] the sequence counter; ARGV[1] a fresh epoch (used
 * only when the key is missing, i.e. Redis lost its data), ARGV[2] the MAXLEN, ARGV[3..] one event
 * JSON each. All XADDs happen in this one call, so one publishMany gets consecutive ids and nothing
 * interleaves. Each entry carries the next sequence number (`sq`): entries follow each other 1, 2,
 * 3, … within an epoch, so a reader that sees a jump knows the trimming overtook it.
 *
 * A stream that does not exist (first boot, or lost) gets an explicit first id. A recreated stream
 * would issue `<ms>-0` again, and in the millisecond the old one was lost that can equal one of its
 * ids, so a client's `since` from the old epoch would look held. The first id's sequence is 2^40
 * plus the microsecond within the millisecond times 2^20: above any sequence `*` issues within
 * one millisecond, and above every id a stream created earlier in the same millisecond has issued
 * (a stream cannot issue 2^20 ids in a microsecond).
 */
const PUBLISH_SCRIPT = `
local epoch = redis.call('GET', KEYS[2])
if not epoch then
  redis.call('SET', KEYS[2], ARGV[1])
  epoch = ARGV[1]
end
local nextId = '*'
if redis.call('EXISTS', KEYS[1]) == 0 then
  local now = redis.call('TIME')
  local micros = tonumber(now[2])
  nextId = string.format('%.0f-%.0f', tonumber(now[1]) * 1000 + math.floor(micros / 1000), 2 ^ 40 + (micros % 1000) * 2 ^ 20)
end
local ids = {}
for i = 3, #ARGV do
  local seq = redis.call('INCR', KEYS[3])
  ids[#ids + 1] = redis.call('XADD', KEYS[1], 'MAXLEN', '~', ARGV[2], nextId, 'e', ARGV[i], 'ep', epoch, 'sq', tostring(seq))
  nextId = '*'
end
return {epoch, ids}
`;

type CommandRedis = Redis & {
  switchboardPublish(events: string, epoch: string, seq: string, fresh: string, maxLen: number, ...payloads: string[]): Promise<[string, string[]]>;
};

type StreamEntry = [id: string, fields: string[]];

function freshEpoch(): string {
  return randomBytes(6).toString("hex");
}

/**
 * What may be logged of an error. Never the error object itself: ioredis attaches the failed
 * command with its arguments (an AUTH carries the password), and the URL is never logged either.
 */
function describeError(err: unknown): { message: string; code?: string } {
  if (err instanceof Error) {
    const code = (err as { code?: unknown }).code;
    return typeof code === "string" ? { message: err.message, code } : { message: err.message };
  }
  return { message: String(err) };
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

/** An event as stored (`e` of a stream entry, or a pub/sub payload); null when malformed. */
function parseEvent(json: string, id?: string): BusEvent | null {
  let value: unknown;
  try {
    value = JSON.parse(json);
  } catch {
    return null;
  }
  if (!isRecord(value) || typeof value.type !== "string" || typeof value.topic !== "string" || typeof value.ts !== "string") return null;
  const event: BusEvent = { type: value.type, topic: value.topic, ts: value.ts, data: value.data };
  return id === undefined ? event : { type: event.type, topic: event.topic, id, ts: event.ts, data: event.data };
}

function parseControl(json: string): ControlMessage | null {
  let value: unknown;
  try {
    value = JSON.parse(json);
  } catch {
    return null;
  }
  if (!isRecord(value) || typeof value.kind !== "string" || typeof value.from !== "string") return null;
  return { kind: value.kind, from: value.from, data: value.data };
}

function entryFields(fields: string[]): { e?: string; ep?: string; sq?: number } {
  const out: { e?: string; ep?: string; sq?: number } = {};
  for (let i = 0; i + 1 < fields.length; i += 2) {
    if (fields[i] === "e") out.e = fields[i + 1];
    else if (fields[i] === "ep") out.ep = fields[i + 1];
    else if (fields[i] === "sq") {
      const seq = Number(fields[i + 1]);
      if (Number.isSafeInteger(seq)) out.sq = seq;
    }
  }
  return out;
}

/** Throws the first error of a MULTI's replies; returns the replies. */
function execResults(replies: [Error | null, unknown][] | null): unknown[] {
  if (!replies) throw new Error("redis transaction was aborted");
  return replies.map(([err, value]) => {
    if (err) throw err;
    return value;
  });
}

export async function createRedisBus(options: RedisBusOptions): Promise<Bus> {
  const prefix = options.prefix ?? "switchboard:";
  const logSize = options.logSize ?? 10_000;
  const log = options.log;
  const eventsKey = `${prefix}events`;
  const epochKey = `${prefix}epoch`;
  const seqKey = `${prefix}seq`;
  const latestKey = `${prefix}latest`;
  const ephemeralChannel = `${prefix}ephemeral`;
  const controlChannel = `${prefix}control`;

  // ioredis reconnects by itself and never gives up; commands wait in its offline queue meanwhile.
  const base: RedisOptions = { retryStrategy: (times: number) => Math.min(times * 200, 2_000), enableOfflineQueue: true };
  // Publishes made during a short outage are sent after the reconnect; after ~20 attempts (about 30 s) they fail.
  const cmd = new Redis(options.url, { ...base, maxRetriesPerRequest: 20 }) as CommandRedis;
  // The reader's XREAD is simply resent after a reconnect, however long it takes.
  const reader = new Redis(options.url, { ...base, maxRetriesPerRequest: null });
  const sub = new Redis(options.url, { ...base, maxRetriesPerRequest: null });
  cmd.defineCommand("switchboardPublish", { numberOfKeys: 3, lua: PUBLISH_SCRIPT });
  const connections: [string, Redis][] = [
    ["cmd", cmd],
    ["reader", reader],
    ["sub", sub],
  ];

  const listeners = new Set<(event: BusEvent) => void>();
  const epochListeners = new Set<(epoch: string) => void>();
  const gapListeners = new Set<() => void>();
  const controlListeners = new Set<(message: ControlMessage) => void>();
  const connectionListeners = new Set<(connected: boolean) => void>();

  let closed = false;
  let started = false;
  let epoch = "";
  /** The newest stream id the reader has handled: where the next XREAD starts, and replay's upper bound. */
  let lastDelivered = "0-0";
  /** The sequence number of that entry (null before the first of an epoch, or for an entry without one). */
  let lastSeq: number | null = null;
  let connected = false;
  let cmdSession = 0;
  let epochChecked = false;
  let published = 0;
  let lastConnectError: string | null = null;
  const cached = { logSize: 0, oldestId: null as string | null, newestId: null as string | null, latestValues: 0 };
  const wakers = new Set<() => void>();

  function call<T>(what: string, listener: (value: T) => void, value: T): void {
    try {
      listener(value);
    } catch (err) {
      log.error({ err: describeError(err) }, `redis bus: a ${what} listener threw`);
    }
  }

  /** A pause that ends early when the bus closes. */
  function pause(ms: number): Promise<void> {
    return new Promise((resolve) => {
      const done = () => {
        clearTimeout(timer);
        wakers.delete(done);
        resolve();
      };
      const timer = setTimeout(done, ms);
      timer.unref();
      wakers.add(done);
    });
  }

  /**
   * Takes up a new epoch. Learned other than from one of its stream entries (a reconnect, a publish,
   * the idle check), the reader starts the new stream from its beginning: its old position means
   * nothing there, and a new entry may even carry the same id as the last one it read.
   */
  function adoptEpoch(next: string, fromEntry = false): void {
    if (next === epoch) return;
    const previous = epoch;
    epoch = next;
    lastSeq = null; // a new stream counts from 1 again
    if (!fromEntry) lastDelivered = "0-0";
    if (!started) return;
    log.warn({ epoch: next, previous }, "redis bus: the epoch changed (the replay log started over)");
    for (const listener of epochListeners) call("epoch", listener, next);
  }

  /** Sets a fresh epoch unless one exists, and returns the one in force. */
  async function readEpoch(): Promise<string> {
    const [, value] = execResults(await cmd.multi().set(epochKey, freshEpoch(), "NX").get(epochKey).exec());
    if (typeof value !== "string") throw new Error("redis bus: the epoch key could not be read");
    return value;
  }

  function updateConnected(): void {
    if (closed || !started) return;
    const up = epochChecked && connections.every(([, conn]) => conn.status === "ready");
    if (up === connected) return;
    connected = up;
    if (up) log.info("redis bus: connected to Redis again");
    else log.warn("redis bus: lost the connection to Redis");
    for (const listener of connectionListeners) call("connection", listener, up);
  }

  /** After every reconnect of the command connection: the epoch may be new if Redis lost its data. */
  function checkEpochAfterReconnect(): void {
    const session = ++cmdSession;
    epochChecked = false;
    readEpoch().then(
      (value) => {
        if (closed || session !== cmdSession) return;
        adoptEpoch(value);
        epochChecked = true;
        updateConnected();
      },
      async (err: unknown) => {
        if (closed || session !== cmdSession) return;
        log.warn({ err: describeError(err) }, "redis bus: epoch check after reconnect failed; retrying");
        await pause(RETRY_PAUSE_MS);
        if (!closed && session === cmdSession && cmd.status === "ready") checkEpochAfterReconnect();
      },
    );
  }

  for (const [name, conn] of connections) {
    let quiet = false; // one warning per outage per connection; the retries log at debug
    conn.on("error", (err: unknown) => {
      if (closed) return;
      lastConnectError = describeError(err).message;
      if (quiet) log.debug({ connection: name, err: describeError(err) }, "redis bus: connection error");
      else log.warn({ connection: name, err: describeError(err) }, "redis bus: connection error");
      quiet = true;
    });
    const lost = () => {
      if (closed || !started) return;
      if (conn === cmd) {
        cmdSession += 1;
        epochChecked = false;
      }
      updateConnected();
    };
    conn.on("close", lost);
    conn.on("end", lost);
    conn.on("reconnecting", lost);
    conn.on("ready", () => {
      quiet = false;
      if (closed || !started) return;
      if (conn === cmd) checkEpochAfterReconnect();
      else updateConnected();
    });
  }

  sub.on("message", (channel: string, text: string) => {
    if (closed) return;
    if (channel === ephemeralChannel) {
      const event = parseEvent(text);
      if (event) for (const listener of listeners) call("subscribe", listener, event);
      else log.warn({ channel: "ephemeral" }, "redis bus: dropped a malformed message");
    } else if (channel === controlChannel) {
      const message = parseControl(text);
      if (message) for (const listener of controlListeners) call("control", listener, message);
      else log.warn({ channel: "control" }, "redis bus: dropped a malformed message");
    }
  });

  function handleEntry([id, fields]: StreamEntry): void {
    const { e, ep, sq } = entryFields(fields);
    const event = e === undefined ? null : parseEvent(e, id);
    if (ep !== undefined) adoptEpoch(ep, true); // before the event, so listeners see the epoch change first
    if (sq !== undefined && lastSeq !== null && sq > lastSeq + 1) {
      // The stream was trimmed past entries this instance had not read yet: they never reached its subscribers.
      log.warn({ after: lastDelivered, resumed_at: id, missed: sq - lastSeq - 1 }, "redis bus: this instance fell behind the replay log and missed events");
      for (const listener of gapListeners) call("gap", listener, undefined);
    }
    if (sq !== undefined) lastSeq = sq;
    lastDelivered = id;
    // The stats follow what the reader sees at once; the timer corrects them (trimming) every second.
    cached.newestId = id;
    cached.oldestId ??= id;
    cached.logSize += 1;
    if (event) for (const listener of listeners) call("subscribe", listener, event);
    else log.warn({ id }, "redis bus: skipped a malformed stream entry");
  }

  async function readLoop(): Promise<void> {
    while (!closed) {
      let reply: [string, StreamEntry[]][] | null;
      try {
        reply = (await reader.xread("COUNT", READ_COUNT, "BLOCK", READ_BLOCK_MS, "STREAMS", eventsKey, lastDelivered)) as [string, StreamEntry[]][] | null;
      } catch (err) {
        if (closed) break;
        log.warn({ err: describeError(err) }, "redis bus: reading the stream failed; retrying");
        await pause(RETRY_PAUSE_MS);
        continue;
      }
      if (closed) break;
      if (reply === null) {
        // Quiet for a while: make sure the stream was not lost meanwhile (its epoch would be new).
        const current = cmd.status === "ready" ? await cmd.get(epochKey).catch(() => null) : null;
        if (current && !closed) adoptEpoch(current);
        continue;
      }
      for (const [, entries] of reply) {
        for (const entry of entries) handleEntry(entry);
      }
    }
  }

  async function refreshStats(): Promise<void> {
    const [length, oldest, newest, latestValues] = execResults(
      await cmd.multi().xlen(eventsKey).xrange(eventsKey, "-", "+", "COUNT", 1).xrevrange(eventsKey, "+", "-", "COUNT", 1).hlen(latestKey).exec(),
    ) as [number, StreamEntry[], StreamEntry[], number];
    cached.logSize = length;
    cached.oldestId = oldest[0]?.[0] ?? null;
    cached.newestId = newest[0]?.[0] ?? null;
    cached.latestValues = latestValues;
  }

  async function quitOrDisconnect(conn: Redis): Promise<void> {
    if (conn.status !== "ready") {
      conn.disconnect();
      return;
    }
    let timer: NodeJS.Timeout | undefined;
    try {
      await Promise.race([
        conn.quit(),
        new Promise((_, reject) => {
          timer = setTimeout(() => reject(new Error("quit timed out")), QUIT_DEADLINE_MS);
        }),
      ]);
    } catch {
      conn.disconnect();
    } finally {
      clearTimeout(timer);
    }
  }

  // Startup: all three connections ready, subscribed, the epoch known, the reader's start point read.
  async function start(): Promise<void> {
    await Promise.all(
      connections.map(
        ([, conn]) => new Promise<void>((resolve) => (conn.status === "ready" ? resolve() : conn.once("ready", () => resolve()))),
      ),
    );
    await sub.subscribe(ephemeralChannel, controlChannel);
    epoch = await readEpoch();
    const newest = (await cmd.xrevrange(eventsKey, "+", "-", "COUNT", 1)) as StreamEntry[];
    lastDelivered = newest[0]?.[0] ?? "0-0";
    lastSeq = newest[0] ? (entryFields(newest[0][1]).sq ?? null) : null;
    await refreshStats();
  }

  let deadline: NodeJS.Timeout | undefined;
  try {
    await Promise.race([
      start(),
      new Promise<never>((_, reject) => {
        deadline = setTimeout(() => {
          const cause = lastConnectError ? ` (last error: ${lastConnectError})` : "";
          reject(new Error(`redis bus: could not reach Redis within ${CONNECT_DEADLINE_MS / 1000} s${cause}`));
        }, CONNECT_DEADLINE_MS);
      }),
    ]);
  } catch (err) {
    closed = true;
    for (const [, conn] of connections) conn.disconnect();
    throw err;
  } finally {
    clearTimeout(deadline);
  }

  started = true;
  epochChecked = cmd.status === "ready";
  connected = epochChecked && connections.every(([, conn]) => conn.status === "ready");
  log.info({ prefix, epoch, log_capacity: logSize }, "redis bus: connected");
  const loopDone = readLoop();

  let refreshing = false;
  const statsTimer = setInterval(() => {
    if (closed || refreshing || cmd.status !== "ready") return;
    refreshing = true;
    refreshStats()
      .catch((err: unknown) => log.debug({ err: describeError(err) }, "redis bus: stats refresh failed"))
      .finally(() => {
        refreshing = false;
      });
  }, STATS_INTERVAL_MS);
  statsTimer.unref();

  function newEvent(input: PublishInput, id?: string): BusEvent {
    const ts = new Date().toISOString();
    return id === undefined
      ? { type: input.type, topic: input.topic, ts, data: input.data }
      : { type: input.type, topic: input.topic, id, ts, data: input.data };
  }

  function publishDurable(inputs: PublishInput[]): Promise<BusEvent[]> {
    const events = inputs.map((input) => newEvent(input));
    const payloads = events.map((e) => JSON.stringify({ type: e.type, topic: e.topic, ts: e.ts, data: e.data }));
    // Sent synchronously (before any await), so that publishMany's calls reach Redis in order.
    const reply = cmd.switchboardPublish(eventsKey, epochKey, seqKey, freshEpoch(), logSize, ...payloads);
    return reply.then(([storedEpoch, ids]) => {
      adoptEpoch(storedEpoch);
      return events.map((e, i) => ({ type: e.type, topic: e.topic, id: ids[i]!, ts: e.ts, data: e.data }));
    });
  }

  function publishEphemeral(inputs: PublishInput[]): Promise<BusEvent[]> {
    const events = inputs.map((input) => newEvent(input));
    const multi = cmd.multi();
    for (const event of events) {
      const json = JSON.stringify(event);
      multi.hset(latestKey, `${event.topic}\u0000${event.type}`, json).publish(ephemeralChannel, json);
    }
    return multi.exec().then((replies) => {
      execResults(replies);
      return events;
    });
  }

  async function publishMany(inputs: PublishInput[]): Promise<BusEvent[]> {
    if (closed) throw new Error("bus is closed");
    if (inputs.length === 0) return [];
    const durable = inputs.filter((input) => !input.ephemeral);
    const ephemeral = inputs.filter((input) => input.ephemeral);
    const none = Promise.resolve<BusEvent[]>([]);
    let durableDone: Promise<BusEvent[]>;
    let ephemeralDone: Promise<BusEvent[]>;
    if (inputs[0]!.ephemeral) {
      ephemeralDone = publishEphemeral(ephemeral);
      durableDone = durable.length > 0 ? publishDurable(durable) : none;
    } else {
      durableDone = publishDurable(durable);
      ephemeralDone = ephemeral.length > 0 ? publishEphemeral(ephemeral) : none;
    }
    const [durableEvents, ephemeralEvents] = await Promise.all([durableDone, ephemeralDone]);
    published += inputs.length;
    let d = 0;
    let e = 0;
    return inputs.map((input) => (input.ephemeral ? ephemeralEvents[e++]! : durableEvents[d++]!));
  }

  /** Why `since` cannot be replayed from, given that the stream does not hold it. */
  async function notHeld(since: EventId): Promise<ReplayResult> {
    const first = await cmd.xrange(eventsKey, "-", "+", "COUNT", 1);
    const firstId = first[0] ? parseEventId(first[0][0]) : null;
    const tooOld = !firstId || compareEventIds(since, firstId) < 0;
    return { ok: false, reason: tooOld ? "too_old" : "unknown_id" };
  }

  return {
    kind: "redis",
    epoch: () => epoch,
    async publish(input) {
      const [event] = await publishMany([input]);
      return event!;
    },
    publishMany,
    subscribe(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    onEpochChange(listener) {
      epochListeners.add(listener);
      return () => epochListeners.delete(listener);
    },
    onGap(listener) {
      gapListeners.add(listener);
      return () => gapListeners.delete(listener);
    },
    async replay(filter: TopicFilter, since: string): Promise<ReplayResult> {
      // Everything after `bound` reaches the caller's subscriber live, so the replay stops there.
      const bound = lastDelivered;
      const sinceId = parseEventId(since);
      if (!sinceId) return { ok: false, reason: "unknown_id" };
      if (closed) throw new Error("bus is closed");
      const start = formatEventId(sinceId);
      if (compareEventIds(sinceId, parseEventId(bound)!) >= 0) {
        const hit = await cmd.xrange(eventsKey, start, start, "COUNT", 1);
        return hit.length > 0 ? { ok: true, events: [] } : notHeld(sinceId);
      }
      // Each page starts AT the previous page's last id and must begin with it: the stream is trimmed
      // from its head, so while that id is there, nothing after it has been trimmed away meanwhile.
      const events: BusEvent[] = [];
      let cursor = start;
      for (;;) {
        const page = (await cmd.xrange(eventsKey, cursor, bound, "COUNT", REPLAY_PAGE + 1)) as StreamEntry[];
        if (page[0]?.[0] !== cursor) return cursor === start ? notHeld(sinceId) : { ok: false, reason: "too_old" };
        for (const [id, fields] of page.slice(1)) {
          const { e } = entryFields(fields);
          const event = e === undefined ? null : parseEvent(e, id);
          if (event && filter(event.topic)) events.push(event);
        }
        const last = page[page.length - 1]![0];
        if (page.length < REPLAY_PAGE + 1 || last === bound) break;
        cursor = last;
      }
      return { ok: true, events };
    },
    async latest(filter: TopicFilter) {
      const values = await cmd.hgetall(latestKey);
      const out: BusEvent[] = [];
      for (const json of Object.values(values)) {
        const event = parseEvent(json);
        if (event && filter(event.topic)) out.push(event);
      }
      return out;
    },
    async sendControl(message) {
      if (closed) throw new Error("bus is closed");
      await cmd.publish(controlChannel, JSON.stringify(message));
    },
    onControl(listener) {
      controlListeners.add(listener);
      return () => controlListeners.delete(listener);
    },
    onConnectionChange(listener) {
      connectionListeners.add(listener);
      return () => connectionListeners.delete(listener);
    },
    stats(): BusStats {
      return {
        kind: "redis",
        epoch,
        log_size: cached.logSize,
        log_capacity: logSize,
        oldest_id: cached.oldestId,
        newest_id: cached.newestId,
        latest_values: cached.latestValues,
        published,
        connected: connected && !closed,
      };
    },
    async close() {
      if (closed) return;
      closed = true;
      clearInterval(statsTimer);
      for (const wake of [...wakers]) wake();
      listeners.clear();
      epochListeners.clear();
      gapListeners.clear();
      controlListeners.clear();
      connectionListeners.clear();
      // Not QUIT: it would wait behind the reader's blocking XREAD (up to 2 s). Nothing is lost by cutting it.
      reader.disconnect();
      await Promise.all([quitOrDisconnect(cmd), quitOrDisconnect(sub)]);
      await loopDone;
    },
  };
}
