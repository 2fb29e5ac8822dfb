// Market service: quotes and news (ephemeral). Keeps the latest value per topic and type in storage so
// a restart still shows the last prices, and publishes each one. The simulator and outside providers
// (POST /api/events) both come through here.
import type { Bus, BusEvent } from "../bus/bus";
import type { Repositories } from "../storage/repositories";

export const MARKET_EVENT_TYPES = ["market_data", "market_data_batch", "stock_news", "stock_news_batch"] as const;
export type MarketEventType = (typeof MARKET_EVENT_TYPES)[number];

export interface MarketEventInput {
  type: MarketEventType;
  topic: string;
  data: unknown;
}

export function createMarketService(deps: { repos: Repositories; bus: Bus; now?: () => Date; flushMs?: number }) {
  const now = deps.now ?? (() => new Date());
  // Quotes arrive many times a second; storage keeps only the latest per topic and type, written
  // behind in one statement per interval (the bus already has the latest value for live readers).
  const pending = new Map<string, { topic: string; type: string; data: unknown }>();
  let flushing: Promise<void> = Promise.resolve();
  const flush = () => {
    if (pending.size === 0) return flushing;
    const batch = [...pending.values()];
    pending.clear();
    flushing = flushing.then(() => deps.repos.latestValues.upsertMany(batch, now())).catch(() => {
      for (const v of batch) if (!pending.has(`${v.topic}\u0000${v.type}`)) pending.set(`${v.topic}\u0000${v.type}`, v);
    });
    return flushing;
  };
  const timer = setInterval(() => void flush(), deps.flushMs ?? 1_000);
  timer.unref();

  return {
    /** Publishes every event, in order, and keeps the latest values for storage. */
    async ingest(events: MarketEventInput[]): Promise<BusEvent[]> {
      for (const e of events) pending.set(`${e.topic}\u0000${e.type}`, { topic: e.topic, type: e.type, data: e.data });
      return deps.bus.publishMany(events.map((e) => ({ ...e, ephemeral: true })));
    },
    /** The stored latest values under a topic prefix (`market:` or `news:`), including unwritten ones. */
    async latest(prefix: "market:" | "news:") {
      await flush();
      return deps.repos.latestValues.listByTopicPrefix(prefix);
    },
    /** Writes what is pending and stops the timer (shutdown). */
    async stop() {
      clearInterval(timer);
      await flush();
    },
  };
}

export type MarketService = ReturnType<typeof createMarketService>;

export function isMarketEventType(type: string): type is MarketEventType {
  return (MARKET_EVENT_TYPES as readonly string[]).includes(type);
}
