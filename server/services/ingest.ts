// Ingest: events that outside programs POST to /api/events. Every event is validated against its
// schema first; if any is wrong nothing is applied. Valid events go to the service that owns their
// domain, which stores and publishes them: market quotes and news; reports about agents
// (`agent_activity`, `agent_message`); insights from outside analyzers (`insight_generated`).
import type { Insight } from "@/lib/protocol/entities/insights";
import { validateEventInput, type EventIssue } from "@/lib/protocol/events";
import type { AgentsService } from "./agents";
import { ServiceError } from "./errors";
import type { InsightsService } from "./insights";
import { isMarketEventType, type MarketEventInput, type MarketService } from "./market";

/** Most events one request may carry. */
export const MAX_INGEST_BATCH = 1000;

export interface IngestResult {
  accepted: number;
  /** One per event, in order: the bus id of a durable event, null for an ephemeral one. */
  ids: (string | null)[];
}

type Applied = { index: number; apply: () => Promise<string | null> };

export function createIngestService(deps: { market: MarketService; agents: AgentsService; insights: InsightsService }) {
  return {
    async ingest(body: unknown): Promise<IngestResult> {
      const inputs = Array.isArray(body) ? body : [body];
      const single = !Array.isArray(body);
      if (inputs.length === 0) throw new ServiceError("validation_failed", "no events", [{ path: "", message: "send one event or a non-empty array" }]);
      if (inputs.length > MAX_INGEST_BATCH) {
        throw new ServiceError("validation_failed", "too many events", [{ path: "", message: `at most ${MAX_INGEST_BATCH} events per request` }]);
      }
      const issues: EventIssue[] = [];
      const market: { index: number; event: MarketEventInput }[] = [];
      const others: Applied[] = [];
      const checks: Promise<void>[] = [];
      const insightIds = new Set<string>();
      inputs.forEach((input, index) => {
        const at = (path: string) => (single ? path : `[${index}]${path ? `.${path}` : ""}`);
        const result = validateEventInput(input);
        if (!result.ok) {
          for (const issue of result.issues) issues.push({ path: at(issue.path), message: issue.message });
          return;
        }
        const { type, topic, data } = result.event;
        if (isMarketEventType(type)) {
          market.push({ index, event: { type, topic, data } });
        } else if (type === "agent_activity" || type === "agent_message") {
          const report = data as { agent_id: string } & Record<string, unknown>;
          checks.push(
            deps.agents.exists(report.agent_id).then((ok) => {
              if (!ok) issues.push({ path: at("data.agent_id"), message: `no agent ${report.agent_id}` });
            }),
          );
          others.push({ index, apply: () => deps.agents.externalReport(type, report) });
        } else if (type === "insight_generated") {
          const insight = data as Insight;
          if (insightIds.has(insight.insight_id)) issues.push({ path: at("data.insight_id"), message: `insight ${insight.insight_id} appears twice in the request` });
          insightIds.add(insight.insight_id);
          checks.push(
            deps.insights.exists(insight.insight_id).then((taken) => {
              if (taken) issues.push({ path: at("data.insight_id"), message: `insight ${insight.insight_id} already exists` });
            }),
          );
          others.push({ index, apply: () => deps.insights.ingest(insight) });
        } else {
          issues.push({ path: at("type"), message: `"${type}" events are produced by Switchboard itself and cannot be ingested` });
        }
      });
      await Promise.all(checks);
      if (issues.length > 0) {
        issues.sort((a, b) => a.path.localeCompare(b.path, undefined, { numeric: true }));
        throw new ServiceError("validation_failed", "some events are invalid; none were applied", issues);
      }
      const ids: (string | null)[] = new Array(inputs.length).fill(null);
      const published = await deps.market.ingest(market.map((m) => m.event));
      published.forEach((e, i) => (ids[market[i]!.index] = e.id ?? null));
      for (const other of others) ids[other.index] = await other.apply();
      return { accepted: inputs.length, ids };
    },
  };
}

export type IngestService = ReturnType<typeof createIngestService>;
