// Ingest: events that outside programs POST to /api/events. Every event is validated against its
// schema first; if any is wrong nothing is applied. Valid events go to the service that owns their
// domain, which stores and publishes them.
import { validateEventInput, type EventIssue } from "@/lib/protocol/events";
import { ServiceError } from "./errors";
import { isMarketEventType, type MarketEventInput, type MarketService } from "./market";

/** Most events one request may carry. */
export const MAX_INGEST_BATCH = 1000;

export interface IngestResult {
  accepted: number;
  /** One per event, in order: the bus id of a durable event, null for an ephemeral one. */
  ids: (string | null)[];
}

export function createIngestService(deps: { market: MarketService }) {
  return {
    async ingest(body: unknown): Promise<IngestResult> {
      const inputs = Array.isArray(body) ? body : [body];
      const single = !Array.isArray(body);
      if (inputs.length === 0) throw new ServiceError("validation_failed", "no events", [{ path: "", message: "send one event or a non-empty array" }]);
      if (inputs.length > MAX_INGEST_BATCH) {
        throw new ServiceError("validation_failed", "too many events", [{ path: "", message: `at most ${MAX_INGEST_BATCH} events per request` }]);
      }
      const issues: EventIssue[] = [];
      const market: MarketEventInput[] = [];
      inputs.forEach((input, index) => {
        const at = (path: string) => (single ? path : `[${index}]${path ? `.${path}` : ""}`);
        const result = validateEventInput(input);
        if (!result.ok) {
          for (const issue of result.issues) issues.push({ path: at(issue.path), message: issue.message });
          return;
        }
        const { type, topic, data } = result.event;
        if (isMarketEventType(type)) market.push({ type, topic, data });
        else issues.push({ path: at("type"), message: `"${type}" events are produced by Switchboard itself and cannot be ingested` });
      });
      if (issues.length > 0) throw new ServiceError("validation_failed", "some events are invalid; none were applied", issues);
      const published = await deps.market.ingest(market);
      return { accepted: published.length, ids: published.map((e) => e.id ?? null) };
    },
  };
}

export type IngestService = ReturnType<typeof createIngestService>;
