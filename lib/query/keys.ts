// Query keys of every domain, and the key prefixes each realtime topic invalidates on `resync`.
//
// Shape rules the patchers rely on (do not build these keys by hand):
//   entity lists    [domain, "list", params]   (params: a plain object of filters, {} when none)
//   entity details  [domain, "detail", id]
// Entity domains: jobs, tasks, agents, knowledge, insights, dags, dag-runs, notifications.
import type { QueryKey } from "@tanstack/react-query";
import { parsePattern, parseTopic, type TopicFamily } from "@/lib/protocol/topics";
import type { JobStatus } from "@/lib/protocol/entities/jobs";
import type { TaskStatus } from "@/lib/protocol/entities/tasks";
import type { AgentStatus } from "@/lib/protocol/entities/agents";
import type { InsightType } from "@/lib/protocol/entities/insights";
import type { DagRunStatus } from "@/lib/protocol/entities/dags";
import type { NotificationLevel } from "@/lib/protocol/entities/notifications";

type OneOrMany<T> = T | readonly T[];

/**
 * List params are the route's filters. Fields named like an entity field filter by equality (an
 * array means "any of"); `q` is a full-text search the client cannot evaluate, so pushed items
 * never enter a list with `q` (they are still updated or removed there). `limit` is ignored.
 */
export interface JobListParams {
  status?: OneOrMany<JobStatus>;
  type?: OneOrMany<string>;
  run_id?: string;
  q?: string;
  limit?: number;
}
export interface TaskListParams {
  status?: OneOrMany<TaskStatus>;
  agent_id?: string;
  job_id?: string;
  type?: string;
  priority?: number;
  /** true: only tasks created directly (job_id null); false: only jobs' step tasks. */
  standalone?: boolean;
  q?: string;
  limit?: number;
}
export interface AgentListParams {
  status?: OneOrMany<AgentStatus>;
  type?: string;
  q?: string;
  limit?: number;
}
export interface KnowledgeListParams {
  q?: string;
  type?: string;
  /** Items whose tags include this one. */
  tag?: string;
  source_job?: string;
  limit?: number;
}
export interface InsightListParams {
  type?: OneOrMany<InsightType>;
  limit?: number;
}
export interface DagListParams {
  q?: string;
  limit?: number;
}
export interface DagRunListParams {
  dag_id?: string;
  status?: OneOrMany<DagRunStatus>;
  limit?: number;
}
export interface NotificationListParams {
  /** true: only unread (read_at null); false: only read. */
  unread?: boolean;
  level?: OneOrMany<NotificationLevel>;
  limit?: number;
}

export const queryKeys = {
  me: () => ["me"] as const,
  health: () => ["health"] as const,

  jobs: {
    all: () => ["jobs"] as const,
    lists: () => ["jobs", "list"] as const,
    list: (params: JobListParams = {}) => ["jobs", "list", cleanParams(params)] as const,
    detail: (jobId: string) => ["jobs", "detail", jobId] as const,
    /** GET /api/jobs/stats (JobStats), patched client-side from job events (lib/query/job-stats.ts). */
    stats: () => ["jobs", "stats"] as const,
  },
  tasks: {
    all: () => ["tasks"] as const,
    lists: () => ["tasks", "list"] as const,
    list: (params: TaskListParams = {}) => ["tasks", "list", cleanParams(params)] as const,
    detail: (taskId: string) => ["tasks", "detail", taskId] as const,
  },
  agents: {
    all: () => ["agents"] as const,
    lists: () => ["agents", "list"] as const,
    list: (params: AgentListParams = {}) => ["agents", "list", cleanParams(params)] as const,
    detail: (agentId: string) => ["agents", "detail", agentId] as const,
    /** Push-only feed (newest first) of agent_activity, agent_message, agent_error, agent_task_completed, learning_cycle_*; agentId omitted: every agent. */
    activity: (agentId?: string) => ["agents", "activity", agentId ?? "all"] as const,
  },
  knowledge: {
    all: () => ["knowledge"] as const,
    lists: () => ["knowledge", "list"] as const,
    list: (params: KnowledgeListParams = {}) => ["knowledge", "list", cleanParams(params)] as const,
    detail: (itemId: string) => ["knowledge", "detail", itemId] as const,
    /** GET /api/knowledge/tags (KnowledgeTagsResponse). */
    tags: () => ["knowledge", "tags"] as const,
  },
  insights: {
    all: () => ["insights"] as const,
    lists: () => ["insights", "list"] as const,
    list: (params: InsightListParams = {}) => ["insights", "list", cleanParams(params)] as const,
    detail: (insightId: string) => ["insights", "detail", insightId] as const,
    /** GET /api/insights/overview (InsightsOverview), its hourly buckets patched from job events. */
    overview: () => ["insights", "overview"] as const,
  },
  metrics: {
    all: () => ["metrics"] as const,
    /** Latest dashboard_metrics_update data. */
    dashboard: () => ["metrics", "dashboard"] as const,
  },
  dags: {
    all: () => ["dags"] as const,
    lists: () => ["dags", "list"] as const,
    list: (params: DagListParams = {}) => ["dags", "list", cleanParams(params)] as const,
    detail: (dagId: string) => ["dags", "detail", dagId] as const,
  },
  dagRuns: {
    all: () => ["dag-runs"] as const,
    lists: () => ["dag-runs", "list"] as const,
    list: (params: DagRunListParams = {}) => ["dag-runs", "list", cleanParams(params)] as const,
    /** Data: DagRunDetail, the run with its `steps`. */
    detail: (runId: string) => ["dag-runs", "detail", runId] as const,
  },
  market: {
    all: () => ["market"] as const,
    ticker: (ticker: string) => ["market", ticker] as const,
    /** Latest Quote of the ticker. */
    quote: (ticker: string) => ["market", ticker, "quote"] as const,
    /** Push-only Quote[] of the ticker, oldest first, capped (append when loaded). */
    ticks: (ticker: string) => ["market", ticker, "ticks"] as const,
    /** Record<ticker, Quote> of a watchlist (entries updated when loaded). */
    quotes: () => ["market", "quotes"] as const,
    /** string[]: every known ticker. */
    tickers: () => ["market", "tickers"] as const,
    /** CandlesResponse of a ticker at an interval (`1s` | `1m`). */
    candles: (ticker: string, interval: string) => ["market", ticker, "candles", interval] as const,
  },
  /** The signed-in user's Watchlist (pushed as `watchlist_updated` on `user:{id}`). */
  watchlist: () => ["watchlist"] as const,
  news: {
    all: () => ["news"] as const,
    /** NewsItem[] (or {items, next_cursor} pages) of a ticker, newest first. */
    list: (ticker: string) => ["news", ticker] as const,
    /** {items, next_cursor} of every ticker's news, newest first. */
    recent: () => ["news", "recent"] as const,
  },
  system: {
    all: () => ["system"] as const,
    /** Latest SystemMetrics. */
    metrics: () => ["system", "metrics"] as const,
    /** Push-only SystemMetricsPoint[] (metrics + ts), oldest first, capped. */
    metricsHistory: () => ["system", "metrics-history"] as const,
    hive: () => ["system", "hive"] as const,
    /** ProcessUpdate[] keyed by pid. */
    processes: () => ["system", "processes"] as const,
    /** NetworkUpdate[] keyed by interface name. */
    network: () => ["system", "network"] as const,
    /** ModuleStatusChanged[] keyed by module (latest per module). */
    modules: () => ["system", "modules"] as const,
    /** Feed of system_alert and resource_alert, newest first. */
    alerts: () => ["system", "alerts"] as const,
    /** Feed of module_status_changed, inter_module_message, coordination_event, error_occurred, newest first. */
    events: () => ["system", "events"] as const,
  },
  alerts: {
    all: () => ["alerts"] as const,
    rules: () => ["alerts", "rules"] as const,
    /** Feed of temporal_alert, newest first. */
    fired: () => ["alerts", "fired"] as const,
    /** Latest temporal_job_status. */
    jobStatus: () => ["alerts", "job-status"] as const,
  },
  notifications: {
    all: () => ["notifications"] as const,
    lists: () => ["notifications", "list"] as const,
    list: (params: NotificationListParams = {}) => ["notifications", "list", cleanParams(params)] as const,
    /** number, or {count: number}. */
    unreadCount: () => ["notifications", "unread-count"] as const,
  },
  /** Feed of system_announcement, newest first. */
  announcements: () => ["announcements"] as const,
  admin: {
    all: () => ["admin"] as const,
    /** AdminConnectionRow[]: every open socket (GET /api/admin/connections), patched by admin_connection_* pushes. */
    connections: () => ["admin", "connections"] as const,
    /** AdminTopicsSnapshot[]: the latest topic figures of each instance (admin_topics_update replaces its instance's). */
    topics: () => ["admin", "topics"] as const,
    /** AdminUserRow[] (every page of GET /api/admin/users), patched by admin_user_changed. */
    users: () => ["admin", "users"] as const,
    /** ApiKeyRow[] (every page of GET /api/admin/api-keys), patched by api_key_changed. */
    apiKeys: () => ["admin", "api-keys"] as const,
    /** Infinite {items, next_cursor} pages of GET /api/admin/audit, newest first; audit_entry enters the first page. */
    audit: () => ["admin", "audit"] as const,
  },
} as const;

/** Key prefixes of each topic family (used by `queryKeysForTopic`). */
const FAMILY_PREFIXES: Record<TopicFamily, (param: string | null) => QueryKey[]> = {
  jobs: (id) => (id ? [queryKeys.jobs.detail(id), queryKeys.jobs.lists()] : [queryKeys.jobs.all()]),
  runs: () => [queryKeys.jobs.all()],
  tasks: (id) => (id ? [queryKeys.tasks.detail(id), queryKeys.tasks.lists()] : [queryKeys.tasks.all()]),
  agents: (id) =>
    id
      ? [queryKeys.agents.detail(id), queryKeys.agents.lists(), queryKeys.agents.activity(id), queryKeys.agents.activity()]
      : [queryKeys.agents.all()],
  knowledge: () => [queryKeys.knowledge.all()],
  insights: () => [queryKeys.insights.all()],
  metrics: () => [queryKeys.metrics.all()],
  dags: (id) =>
    id ? [queryKeys.dags.detail(id), queryKeys.dags.lists(), queryKeys.dagRuns.all()] : [queryKeys.dags.all(), queryKeys.dagRuns.all()],
  "dag-runs": (id) => (id ? [queryKeys.dagRuns.detail(id), queryKeys.dagRuns.lists()] : [queryKeys.dagRuns.all()]),
  market: (t) => (t ? [queryKeys.market.ticker(t), queryKeys.market.quotes()] : [queryKeys.market.all()]),
  news: (t) => (t ? [queryKeys.news.list(t), queryKeys.news.recent()] : [queryKeys.news.all()]),
  system: (p) => (p === "alerts" ? [queryKeys.system.alerts()] : [queryKeys.system.all()]),
  alerts: () => [queryKeys.alerts.all()],
  user: () => [queryKeys.notifications.all(), queryKeys.watchlist()],
  announcements: () => [queryKeys.announcements()],
  admin: () => [queryKeys.admin.all()],
};

/**
 * The query key prefixes whose data a topic (or pattern: `family:*`, `*`) carries: what a `resync`
 * of that topic must invalidate. Unknown topics give [].
 */
export function queryKeysForTopic(topic: string): QueryKey[] {
  const pattern = parsePattern(topic);
  if (!pattern) return [];
  if (pattern.kind === "all") return dedupeKeys(Object.values(FAMILY_PREFIXES).flatMap((f) => f(null)));
  if (pattern.kind === "prefix") return dedupeKeys(FAMILY_PREFIXES[pattern.family](null));
  const parsed = parseTopic(pattern.topic);
  return parsed ? dedupeKeys(FAMILY_PREFIXES[parsed.family](parsed.param)) : [];
}

/** Drops undefined, null and "" values and empty arrays, so equal filters give equal keys. */
export function cleanParams<P extends object>(params: P): P {
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(params)) {
    if (v === undefined || v === null || v === "") continue;
    if (Array.isArray(v) && v.length === 0) continue;
    out[k] = v;
  }
  return out as P;
}

function dedupeKeys(keys: QueryKey[]): QueryKey[] {
  const seen = new Set<string>();
  return keys.filter((k) => {
    const h = JSON.stringify(k);
    if (seen.has(h)) return false;
    seen.add(h);
    return true;
  });
}
