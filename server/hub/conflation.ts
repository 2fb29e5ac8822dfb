// Market conflation: each socket gets at most one `market_data_batch` per window (100 ms) carrying the
// latest quote of every ticker it holds that changed, sent by one hub-wide flush tick; sockets that
// would receive the same quotes share one serialized frame.
import { CONFLATED_MARKET_TOPIC, type Quote } from "@/lib/protocol/entities/market";

export type ConflationTargetState = "ready" | "wait" | "gone";

export interface ConflatorOptions<T> {
  /** Shortest time between two batches to one target (ms). */
  windowMs: number;
  /** Wall clock in ms (injected in tests); also stamps the envelope's `ts`. */
  now?: () => number;
  /** `wait` keeps the target's quotes for a later flush (e.g. its subscribe is being answered); `gone` drops them. */
  stateOf(target: T): ConflationTargetState;
  /** Sends one frame; the same Buffer goes to every target with the same quotes. */
  send(target: T, payload: Buffer): void;
  /** Checks a frame before it is sent (development); a frame it refuses is dropped. */
  check?: (envelope: ConflatedBatch) => boolean;
}

export interface ConflatedBatch {
  type: "market_data_batch";
  topic: string;
  ts: string;
  data: Quote[];
}

interface Held {
  quote: Quote;
  /** Hub-wide arrival number of the quote's event: equal numbers and tickers mean the very same quote. */
  seq: number;
}

export interface MarketConflator<T> {
  /** Records quotes (oldest first) for one target; the latest per ticker wins. */
  add(target: T, quotes: readonly Quote[], seq: number): void;
  /** Sends every due target its batch; returns how many batches were sent. */
  flush(): number;
  /** Drops a target's waiting quotes whose ticker it no longer holds (after an unsubscribe). */
  prune(target: T, keep: (ticker: string) => boolean): void;
  forget(target: T): void;
  /** Targets with quotes waiting (tests, figures). */
  waiting(): number;
  /** Starts the hub-wide flush tick; returns its stop. */
  start(): () => void;
}

export function createMarketConflator<T>(options: ConflatorOptions<T>): MarketConflator<T> {
  const now = options.now ?? Date.now;
  const pending = new Map<T, Map<string, Held>>();
  const lastSent = new Map<T, number>();

  function flush(): number {
    if (pending.size === 0) return 0;
    const at = now();
    const frames = new Map<string, Buffer | null>();
    let sent = 0;
    for (const [target, quotes] of pending) {
      const state = options.stateOf(target);
      if (state === "gone") {
        pending.delete(target);
        lastSent.delete(target);
        continue;
      }
      if (state === "wait") continue;
      const last = lastSent.get(target);
      if (last !== undefined && at - last < options.windowMs) continue;
      pending.delete(target);
      if (quotes.size === 0) continue;
      const held = [...quotes.values()];
      const key = held.length === 1 ? keyOf(held[0]!) : held.map(keyOf).sort().join(",");
      let frame = frames.get(key);
      if (frame === undefined) {
        frame = serialize(held, at, options.check);
        frames.set(key, frame);
      }
      if (frame === null) continue;
      lastSent.set(target, at);
      options.send(target, frame);
      sent += 1;
    }
    return sent;
  }

  return {
    add(target, quotes, seq) {
      let held = pending.get(target);
      if (!held) {
        held = new Map();
        pending.set(target, held);
      }
      for (const quote of quotes) held.set(quote.ticker, { quote, seq });
    },
    flush,
    prune(target, keep) {
      const held = pending.get(target);
      if (!held) return;
      for (const ticker of [...held.keys()]) if (!keep(ticker)) held.delete(ticker);
    },
    forget(target) {
      pending.delete(target);
      lastSent.delete(target);
    },
    waiting: () => pending.size,
    start() {
      const timer = setInterval(flush, options.windowMs);
      timer.unref();
      return () => clearInterval(timer);
    },
  };
}

function keyOf(h: Held): string {
  return `${h.seq}.${h.quote.ticker}`;
}

/** One ticker: its own topic, as PROTOCOL.md has it; several: the wire-only `market:*`. Tickers in order. */
function serialize(held: Held[], at: number, check: ((e: ConflatedBatch) => boolean) | undefined): Buffer | null {
  const data = held.map((h) => h.quote).sort((a, b) => (a.ticker < b.ticker ? -1 : a.ticker > b.ticker ? 1 : 0));
  const envelope: ConflatedBatch = {
    type: "market_data_batch",
    topic: data.length === 1 ? `market:${data[0]!.ticker}` : CONFLATED_MARKET_TOPIC,
    ts: new Date(at).toISOString(),
    data,
  };
  if (check && !check(envelope)) return null;
  return Buffer.from(JSON.stringify(envelope));
}
