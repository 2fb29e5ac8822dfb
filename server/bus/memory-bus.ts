// The in-process bus: a bounded replay log of durable events (a ring buffer), the latest value of
// each ephemeral (topic, type), and an epoch that is new with every process (the log starts empty).
import { randomBytes } from "node:crypto";
import type { Bus, BusEvent, BusStats, ControlMessage, PublishInput, ReplayResult, TopicFilter } from "./bus";
import { compareEventIds, eventIdGenerator, formatEventId, parseEventId, type EventId } from "./event-id";

export interface MemoryBusOptions {
  /** How many durable events the replay log keeps (default 10,000). */
  logSize?: number;
  now?: () => number;
}

interface LogEntry {
  id: EventId;
  event: BusEvent;
}

export function createMemoryBus(options: MemoryBusOptions = {}): Bus {
  const capacity = options.logSize ?? 10_000;
  const now = options.now ?? Date.now;
  const nextId = eventIdGenerator(now);
  const epoch = randomBytes(6).toString("hex");
  const ring: (LogEntry | undefined)[] = new Array(capacity);
  let head = 0; // index of the oldest entry
  let size = 0;
  let lastEvicted: EventId | null = null;
  const latest = new Map<string, BusEvent>();
  const listeners = new Set<(event: BusEvent) => void>();
  const controlListeners = new Set<(message: ControlMessage) => void>();
  let published = 0;
  let closed = false;

  function append(entry: LogEntry) {
    if (size === capacity) {
      lastEvicted = ring[head]!.id;
      ring[head] = entry;
      head = (head + 1) % capacity;
    } else {
      ring[(head + size) % capacity] = entry;
      size += 1;
    }
  }

  function at(i: number): LogEntry {
    return ring[(head + i) % capacity]!;
  }

  /** Index of the first entry whose id is greater than `id` (binary search over the ordered ring). */
  function firstAfter(id: EventId): number {
    let lo = 0;
    let hi = size;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (compareEventIds(at(mid).id, id) <= 0) lo = mid + 1;
      else hi = mid;
    }
    return lo;
  }

  function publishOne(input: PublishInput): BusEvent {
    const ts = new Date(now()).toISOString();
    let event: BusEvent;
    if (input.ephemeral) {
      event = { type: input.type, topic: input.topic, ts, data: input.data };
      latest.set(`${input.topic}\u0000${input.type}`, event);
    } else {
      const id = nextId();
      event = { type: input.type, topic: input.topic, id: formatEventId(id), ts, data: input.data };
      append({ id, event });
    }
    published += 1;
    for (const listener of listeners) listener(event);
    return event;
  }

  return {
    kind: "memory",
    epoch: () => epoch,
    async publish(input) {
      if (closed) throw new Error("bus is closed");
      return publishOne(input);
    },
    async publishMany(inputs) {
      if (closed) throw new Error("bus is closed");
      return inputs.map(publishOne);
    },
    subscribe(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    onEpochChange() {
      // A process's memory bus never starts over while it lives: its epoch changes only with the process.
      return () => {};
    },
    onGap() {
      // Delivered as published: a subscriber never falls behind the log.
      return () => {};
    },
    async sendControl(message) {
      if (closed) throw new Error("bus is closed");
      // Delivered on a later tick, as a message from another instance would be.
      queueMicrotask(() => {
        for (const listener of controlListeners) listener(message);
      });
    },
    onControl(listener) {
      controlListeners.add(listener);
      return () => controlListeners.delete(listener);
    },
    onConnectionChange() {
      return () => {};
    },
    async replay(filter: TopicFilter, since: string): Promise<ReplayResult> {
      const id = parseEventId(since);
      if (!id) return { ok: false, reason: "unknown_id" };
      const start = firstAfter(id);
      const known =
        (start > 0 && compareEventIds(at(start - 1).id, id) === 0) ||
        (lastEvicted !== null && compareEventIds(lastEvicted, id) === 0 && start === 0);
      if (!known) {
        const evicted = lastEvicted !== null && compareEventIds(id, lastEvicted) <= 0;
        return { ok: false, reason: evicted ? "too_old" : "unknown_id" };
      }
      const events: BusEvent[] = [];
      for (let i = start; i < size; i++) {
        const entry = at(i);
        if (filter(entry.event.topic)) events.push(entry.event);
      }
      return { ok: true, events };
    },
    async latest(filter: TopicFilter) {
      return [...latest.values()].filter((e) => filter(e.topic));
    },
    stats(): BusStats {
      return {
        kind: "memory",
        epoch,
        log_size: size,
        log_capacity: capacity,
        oldest_id: size > 0 ? formatEventId(at(0).id) : null,
        newest_id: size > 0 ? formatEventId(at(size - 1).id) : null,
        latest_values: latest.size,
        published,
        connected: !closed,
      };
    },
    async close() {
      closed = true;
      listeners.clear();
      controlListeners.clear();
    },
  };
}
