// Insights service: stored insights (from the analyzer or from outside programs) published on
// `insights`; the dashboard's headline metrics published on `metrics`; the history the analyzer
// reads and the overview the insights page draws.
import type { DashboardMetricsUpdate, Insight, InsightType } from "@/lib/protocol/entities/insights";
import type { JsonObject } from "@/lib/protocol/entities/common";
import type { InsightsOverview, InsightsPage } from "@/lib/api/insights";
import { topics } from "@/lib/protocol/topics";
import type { Bus } from "../bus/bus";
import { newId } from "../ids";
import type { Repositories } from "../storage/repositories";
import type { InsightRow } from "../storage/repositories/insights";
import { decodeCursor, nowMs, pageOf } from "./cursor";

export interface InsightsServiceDeps {
  repos: Repositories;
  bus: Bus;
  now?: () => Date;
}

/** A finding to store: what the analyzer's rules produce. */
export interface NewInsight {
  title: string;
  description: string;
  type: InsightType;
  confidence: number;
  metadata: JsonObject;
  /** Same fingerprint within `dedupeMs`: the finding is not stored again. */
  fingerprint?: string | null;
}

const HOUR = 3_600_000;

export function createInsightsService(deps: InsightsServiceDeps) {
  const { repos, bus } = deps;
  const now = () => nowMs(deps.now ?? (() => new Date()));
  let lastMetrics: DashboardMetricsUpdate | null = null;

  async function store(input: NewInsight, insightId = newId("ins"), createdAt = now()): Promise<{ insight: Insight; id: string | null }> {
    const row = await repos.insights.insert({
      insight_id: insightId,
      title: input.title,
      description: input.description,
      type: input.type,
      confidence: input.confidence,
      metadata: input.metadata,
      fingerprint: input.fingerprint ?? null,
      created_at: createdAt,
    });
    const insight = toInsight(row);
    const event = await bus.publish({ type: "insight_generated", topic: topics.insights(), data: insight, ephemeral: false });
    return { insight, id: event.id ?? null };
  }

  return {
    async list(query: { types?: InsightType[]; cursor?: string; limit: number }): Promise<InsightsPage> {
      const after = decodeCursor(query.cursor);
      const rows = await repos.insights.list({ types: query.types, after: after && { created_at: after.created_at, insight_id: after.id }, limit: query.limit + 1 });
      return pageOf(rows, query.limit, toInsight, (r) => ({ created_at: r.created_at, id: r.insight_id }));
    },

    /** Stores and publishes the findings whose fingerprint was not seen within `dedupeMs`. */
    async record(findings: readonly NewInsight[], dedupeMs: number): Promise<Insight[]> {
      const seen = await repos.insights.fingerprintsSince(new Date(now().getTime() - dedupeMs));
      const stored: Insight[] = [];
      for (const finding of findings) {
        if (finding.fingerprint && seen.has(finding.fingerprint)) continue;
        if (finding.fingerprint) seen.add(finding.fingerprint);
        stored.push((await store(finding)).insight);
      }
      return stored;
    },

    /** An insight an outside program published through POST /api/events; resolves with the bus id. */
    async ingest(insight: Insight): Promise<string | null> {
      return (await store(insight, insight.insight_id, new Date(insight.created_at))).id;
    },

    async exists(insightId: string): Promise<boolean> {
      return (await repos.insights.findById(insightId)) !== undefined;
    },

    /** What happened since `since`: finished jobs, finished task attempts (with agent names), new knowledge. */
    async historySince(since: Date) {
      const [jobs, attempts, agents, knowledge] = await Promise.all([
        repos.jobs.finishedSince(since),
        repos.tasks.finishedAttemptsSince(since),
        repos.agents.list(),
        repos.knowledge.createdSince(since),
      ]);
      const names = new Map(agents.map((a) => [a.agent_id, a.name]));
      return {
        jobs,
        attempts: attempts.map((a) => ({ ...a, agent_name: names.get(a.agent_id) ?? a.agent_id })),
        knowledge,
      };
    },

    /** The dashboard's headline numbers now, with the change since the previous computation. */
    async dashboardMetrics(): Promise<DashboardMetricsUpdate> {
      const [figures, agents, knowledgeItems] = await Promise.all([repos.jobs.processingFigures(), repos.agents.list(), repos.knowledge.count()]);
      const finished = figures.completed + figures.failed;
      const values = {
        total_processed: figures.completed,
        processing_time: Math.round(figures.mean_processing_ms ?? 0),
        success_rate: finished > 0 ? Math.round((figures.completed / finished) * 10_000) / 10_000 : 0,
        active_agents: agents.filter((a) => a.status === "working").length,
        knowledge_items: knowledgeItems,
      };
      const changes: Record<string, number> = {};
      for (const [key, value] of Object.entries(values)) {
        const before = lastMetrics?.[key as keyof typeof values];
        changes[key] = typeof before === "number" ? Math.round((value - before) * 10_000) / 10_000 : 0;
      }
      return { ...values, changes };
    },

    /** Computes and publishes `dashboard_metrics_update` (ephemeral, on `metrics`). */
    async publishDashboardMetrics(): Promise<DashboardMetricsUpdate> {
      const metrics = await this.dashboardMetrics();
      lastMetrics = metrics;
      await bus.publish({ type: "dashboard_metrics_update", topic: topics.metrics(), data: metrics, ephemeral: true });
      return metrics;
    },

    async overview(): Promise<InsightsOverview> {
      const at = now();
      const since = new Date(Math.floor(at.getTime() / HOUR) * HOUR - 23 * HOUR);
      const [metrics, hours, byType] = await Promise.all([this.dashboardMetrics(), repos.jobs.finishedPerHour(since), repos.jobs.finishedByType(since)]);
      const byHour = new Map(hours.map((h) => [h.hour.getTime(), h]));
      const per_hour = Array.from({ length: 24 }, (_, i) => {
        const t = since.getTime() + i * HOUR;
        const h = byHour.get(t);
        return { hour: new Date(t).toISOString(), completed: h?.completed ?? 0, failed: h?.failed ?? 0 };
      });
      return { metrics, per_hour, by_type: byType, generated_at: at.toISOString() };
    },
  };
}

export type InsightsService = ReturnType<typeof createInsightsService>;

export function toInsight(row: InsightRow): Insight {
  return {
    insight_id: row.insight_id,
    title: row.title,
    description: row.description,
    type: row.type,
    confidence: row.confidence,
    metadata: row.metadata as JsonObject,
    created_at: row.created_at.toISOString(),
    version: row.version,
  };
}
