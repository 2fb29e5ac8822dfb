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

export function createMarketService(deps: { repos: Repositories; bus: Bus; now?: () => Date }) {
  const now = deps.now ?? (() => new Date());
  return {
    /** Stores the latest values and publishes every event, in order. */
    async ingest(events: MarketEventInput[]): Promise<BusEvent[]> {
      await deps.repos.latestValues.upsertMany(events.map((e) => ({ topic: e.topic, type: e.type, data: e.data })), now());
      return deps.bus.publishMany(events.map((e) => ({ ...e, ephemeral: true })));
    },
    /** The stored latest values under a topic prefix (`market:` or `news:`). */
    async latest(prefix: "market:" | "news:") {
      return deps.repos.latestValues.listByTopicPrefix(prefix);
    },
  };
}

export type MarketService = ReturnType<typeof createMarketService>;

export function isMarketEventType(type: string): type is MarketEventType {
  return (MARKET_EVENT_TYPES as readonly string[]).includes(type);
}
