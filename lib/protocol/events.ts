// The event catalog: every event type of PROTOCOL.md with its data schema, its topic families and
// whether it is ephemeral, plus validation of ingested events and of envelopes on the wire.
import { z } from "zod";
import { eventEnvelope } from "./control";
import { parseTopic, type TopicFamily } from "./topics";
import * as jobs from "./entities/jobs";
import * as tasks from "./entities/tasks";
import * as agents from "./entities/agents";
import * as knowledge from "./entities/knowledge";
import * as insights from "./entities/insights";
import * as dags from "./entities/dags";
import * as market from "./entities/market";
import * as system from "./entities/system";
import * as alerts from "./entities/alerts";
import * as notifications from "./entities/notifications";
import * as admin from "./entities/admin";
import { isoDateTimeSchema } from "./entities/common";

/** What the catalog knows about one event type. */
export interface CatalogEntry<S extends z.ZodType = z.ZodType> {
  /** Schema of the event's `data`. */
  readonly schema: S;
  /** Topic families the event may be published on (`jobs` covers `jobs` and `jobs:{id}`). */
  readonly families: readonly TopicFamily[];
  /** Ephemeral events have no id and are not replayed; the hub keeps the latest per topic and type. */
  readonly ephemeral: boolean;
}

const JOB_TOPICS = ["jobs", "runs"] as const;
const DAG_TOPICS = ["dags", "dag-runs"] as const;

export const EVENT_CATALOG = {
  // Jobs
  processing_job_created: durable(jobs.processingJobCreatedSchema, JOB_TOPICS),
  processing_job_status: durable(jobs.processingJobStatusSchema, JOB_TOPICS),
  processing_job_completed: durable(jobs.processingJobCompletedSchema, JOB_TOPICS),
  processing_job_failed: durable(jobs.processingJobFailedSchema, JOB_TOPICS),
  processing_job_cancelled: durable(jobs.processingJobCancelledSchema, JOB_TOPICS),
  processing_job_deleted: durable(jobs.processingJobDeletedSchema, JOB_TOPICS),
  // Tasks
  task_created: durable(tasks.taskCreatedSchema, ["tasks"]),
  task_assigned: durable(tasks.taskAssignedSchema, ["tasks"]),
  task_started: durable(tasks.taskStartedSchema, ["tasks"]),
  task_progress: durable(tasks.taskProgressSchema, ["tasks"]),
  task_completed: durable(tasks.taskCompletedSchema, ["tasks"]),
  task_failed: durable(tasks.taskFailedSchema, ["tasks"]),
  task_cancelled: durable(tasks.taskCancelledSchema, ["tasks"]),
  // Agents
  agent_created: durable(agents.agentCreatedSchema, ["agents"]),
  agent_status_update: durable(agents.agentStatusUpdateSchema, ["agents"]),
  agent_status_changed: durable(agents.agentStatusChangedSchema, ["agents"]),
  agent_performance_updated: durable(agents.agentPerformanceUpdatedSchema, ["agents"]),
  agent_task_completed: durable(agents.agentTaskCompletedSchema, ["agents"]),
  agent_error: durable(agents.agentErrorSchema, ["agents"]),
  agent_removed: durable(agents.agentRemovedSchema, ["agents"]),
  agent_activity: durable(agents.agentActivitySchema, ["agents"]),
  agent_message: durable(agents.agentMessageSchema, ["agents"]),
  learning_cycle_started: durable(agents.learningCycleStartedSchema, ["agents"]),
  learning_cycle_completed: durable(agents.learningCycleCompletedSchema, ["agents"]),
  // Knowledge
  knowledge_item_created: durable(knowledge.knowledgeItemCreatedSchema, ["knowledge"]),
  knowledge_item_updated: durable(knowledge.knowledgeItemUpdatedSchema, ["knowledge"]),
  knowledge_item_deleted: durable(knowledge.knowledgeItemDeletedSchema, ["knowledge"]),
  // Insights
  insight_generated: durable(insights.insightGeneratedSchema, ["insights"]),
  dashboard_metrics_update: ephemeral(insights.dashboardMetricsUpdateSchema, ["metrics"]),
  // DAGs
  dag_created: durable(dags.dagCreatedSchema, ["dags"]),
  dag_updated: durable(dags.dagUpdatedSchema, ["dags"]),
  dag_deleted: durable(dags.dagDeletedSchema, ["dags"]),
  dag_run_status: durable(dags.dagRunStatusEventSchema, DAG_TOPICS),
  dag_run_progress: durable(dags.dagRunProgressSchema, DAG_TOPICS),
  step_status: durable(dags.stepStatusEventSchema, DAG_TOPICS),
  // Market
  market_data: ephemeral(market.marketDataSchema, ["market"]),
  market_data_batch: ephemeral(market.marketDataBatchSchema, ["market"]),
  stock_news: ephemeral(market.stockNewsSchema, ["news"]),
  stock_news_batch: ephemeral(market.stockNewsBatchSchema, ["news"]),
  // System
  system_metrics: ephemeral(system.systemMetricsSchema, ["system"]),
  process_update: ephemeral(system.processUpdateSchema, ["system"]),
  network_update: ephemeral(system.networkUpdateSchema, ["system"]),
  hive_status_update: ephemeral(system.hiveStatusUpdateSchema, ["system"]),
  system_alert: durable(system.systemAlertSchema, ["system"]),
  resource_alert: durable(system.resourceAlertSchema, ["system"]),
  module_status_changed: durable(system.moduleStatusChangedSchema, ["system"]),
  inter_module_message: durable(system.interModuleMessageSchema, ["system"]),
  coordination_event: durable(system.coordinationEventSchema, ["system"]),
  error_occurred: durable(system.errorOccurredSchema, ["system"]),
  // Alerts
  temporal_alert: durable(alerts.temporalAlertSchema, ["alerts"]),
  temporal_job_status: durable(alerts.temporalJobStatusSchema, ["alerts"]),
  // Added here: rule changes and the end of a firing must reach clients too.
  alert_rule_created: durable(alerts.alertRuleCreatedSchema, ["alerts"]),
  alert_rule_updated: durable(alerts.alertRuleUpdatedSchema, ["alerts"]),
  alert_rule_deleted: durable(alerts.alertRuleDeletedSchema, ["alerts"]),
  temporal_alert_cleared: durable(alerts.temporalAlertClearedSchema, ["alerts"]),
  // Notifications
  notification: durable(notifications.notificationEventSchema, ["user"]),
  notification_read: durable(notifications.notificationReadSchema, ["user"]),
  // Added here: a user's watchlist changed (every tab and device of the user follows).
  watchlist_updated: durable(market.watchlistUpdatedSchema, ["user"]),
  system_announcement: durable(notifications.systemAnnouncementSchema, ["announcements"]),
  // Admin console (topic `admin`, admins only): additions to PROTOCOL.md, which names the topic but no event.
  admin_connection_opened: durable(admin.adminConnectionOpenedSchema, ["admin"]),
  admin_connection_updated: ephemeral(admin.adminConnectionUpdatedSchema, ["admin"]),
  admin_connection_closed: durable(admin.adminConnectionClosedSchema, ["admin"]),
  admin_topics_update: ephemeral(admin.adminTopicsUpdateSchema, ["admin"]),
  admin_user_changed: durable(admin.adminUserChangedSchema, ["admin"]),
  api_key_changed: durable(admin.apiKeyChangedSchema, ["admin"]),
  audit_entry: durable(admin.auditEntryEventSchema, ["admin"]),
} as const satisfies Record<string, CatalogEntry>;

export type EventType = keyof typeof EVENT_CATALOG;

export const EVENT_TYPES = Object.keys(EVENT_CATALOG) as readonly EventType[];
export const EPHEMERAL_EVENT_TYPES = EVENT_TYPES.filter((t) => EVENT_CATALOG[t].ephemeral);

/** The `data` of an event of type T, as parsed (defaults applied, unknown keys stripped). */
export type EventDataOf<T extends EventType> = z.output<(typeof EVENT_CATALOG)[T]["schema"]>;
/** The `data` of an event of type T, as a producer may write it (before defaults). */
export type EventDataInputOf<T extends EventType> = z.input<(typeof EVENT_CATALOG)[T]["schema"]>;

/** An event as it travels from the server to clients, discriminated by `type`. */
export type CatalogEvent = {
  [T in EventType]: { type: T; topic: string; id?: string; ts: string; data: EventDataOf<T> };
}[EventType];

/** An event as outside programs post it to `POST /api/events`, after validation. */
export type CatalogEventInput = {
  [T in EventType]: { type: T; topic: string; data: EventDataOf<T> };
}[EventType];

export type EventOfType<T extends EventType> = Extract<CatalogEvent, { type: T }>;

export function isEventType(t: string): t is EventType {
  return Object.hasOwn(EVENT_CATALOG, t);
}

export function isEphemeralType(t: string): boolean {
  return isEventType(t) && EVENT_CATALOG[t].ephemeral;
}

/** True when `topic` is a topic of the protocol whose family may carry events of `type`. */
export function topicAllowedForType(type: EventType, topic: string): boolean {
  const parsed = parseTopic(topic);
  if (!parsed) return false;
  const entry: CatalogEntry = EVENT_CATALOG[type];
  return entry.families.includes(parsed.family);
}

/**
 * The field of an event's data that names the topic parameter of each family: an event on
 * `jobs:job_1` must carry `job_id: "job_1"`, a batch on `market:AAPL` only AAPL quotes.
 */
export const TOPIC_PARAM_FIELDS: Partial<Record<TopicFamily, string>> = {
  jobs: "job_id",
  runs: "run_id",
  tasks: "task_id",
  agents: "agent_id",
  dags: "dag_id",
  "dag-runs": "run_id",
  market: "ticker",
  news: "ticker",
  user: "user_id",
};

export interface EventIssue {
  /** `type`, `topic`, `data` or `data.<field>` (array items by index: `data.steps.0.step_id`). */
  path: string;
  message: string;
}

export type ValidateEventInputResult = { ok: true; event: CatalogEventInput } | { ok: false; issues: EventIssue[] };

/** Validates one event posted by an outside program: `{topic, type, data}`. */
export function validateEventInput(input: unknown): ValidateEventInputResult {
  if (!isRecord(input)) {
    return { ok: false, issues: [{ path: "", message: "expected an object {topic, type, data}" }] };
  }
  const issues: EventIssue[] = [];
  const { type, topic } = input;

  let eventType: EventType | null = null;
  if (typeof type !== "string" || type.length === 0) {
    issues.push({ path: "type", message: "required: the event type, a string" });
  } else if (!isEventType(type)) {
    issues.push({ path: "type", message: `unknown event type "${type}"` });
  } else {
    eventType = type;
  }

  let topicOk = false;
  if (typeof topic !== "string" || topic.length === 0) {
    issues.push({ path: "topic", message: "required: the topic, a string" });
  } else {
    const problem = topicProblem(eventType, topic);
    if (problem) issues.push({ path: "topic", message: problem });
    else topicOk = true;
  }

  if (!eventType) return { ok: false, issues };

  if (!("data" in input) || input.data === undefined) {
    issues.push({ path: "data", message: "required: the event's data" });
    return { ok: false, issues };
  }
  const parsed = (EVENT_CATALOG[eventType] as CatalogEntry).schema.safeParse(input.data);
  if (!parsed.success) {
    issues.push(...zodIssues(parsed.error));
    return { ok: false, issues };
  }
  if (topicOk) {
    const mismatch = topicDataMismatch(topic as string, parsed.data);
    if (mismatch) issues.push({ path: "topic", message: mismatch });
  }
  if (issues.length > 0) return { ok: false, issues };
  return { ok: true, event: { type: eventType, topic, data: parsed.data } as CatalogEventInput };
}

export type ValidateEnvelopeResult = { ok: true; event: CatalogEvent } | { ok: false; error: string };

/**
 * Validates an event envelope as it travels to clients: envelope shape, known type, ISO `ts`, an
 * `id` on durable events and none on ephemeral ones, a topic that may carry the type and matches
 * the data, and the data schema of the type. Control messages are not events: check
 * `isControlType` first.
 */
export function validateEnvelope(msg: unknown): ValidateEnvelopeResult {
  const envelope = eventEnvelope.safeParse(msg);
  if (!envelope.success) return { ok: false, error: `not an event envelope: ${formatIssues(zodIssues(envelope.error, ""))}` };
  const { type, topic, id, ts, data } = envelope.data;
  if (!isEventType(type)) return { ok: false, error: `unknown event type "${type}"` };
  if (!isoDateTimeSchema.safeParse(ts).success) return { ok: false, error: `ts: not an ISO date-time: "${ts}"` };
  const entry: CatalogEntry = EVENT_CATALOG[type];
  if (entry.ephemeral && id !== undefined) return { ok: false, error: `id: ephemeral event "${type}" must not carry an id` };
  if (!entry.ephemeral && (id === undefined || id.length === 0)) return { ok: false, error: `id: durable event "${type}" needs an id` };
  // A conflated batch carries quotes of several tickers on the wire-only topic `market:*`.
  const conflated = type === "market_data_batch" && topic === market.CONFLATED_MARKET_TOPIC;
  const problem = conflated ? null : topicProblem(type, topic);
  if (problem) return { ok: false, error: `topic: ${problem}` };
  const parsed = entry.schema.safeParse(data);
  if (!parsed.success) return { ok: false, error: formatIssues(zodIssues(parsed.error)) };
  const mismatch = conflated ? null : topicDataMismatch(topic, parsed.data);
  if (mismatch) return { ok: false, error: `topic: ${mismatch}` };
  const event = { type, topic, ts, data: parsed.data, ...(id !== undefined ? { id } : {}) };
  return { ok: true, event: event as CatalogEvent };
}

/** Joins issues into one line: `data.progress: Too big...; topic: ...`. */
export function formatIssues(issues: readonly EventIssue[]): string {
  return issues.map((i) => (i.path ? `${i.path}: ${i.message}` : i.message)).join("; ");
}

function durable<S extends z.ZodType, const F extends readonly TopicFamily[]>(schema: S, families: F) {
  return { schema, families, ephemeral: false as const };
}

function ephemeral<S extends z.ZodType, const F extends readonly TopicFamily[]>(schema: S, families: F) {
  return { schema, families, ephemeral: true as const };
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

/** Why `topic` cannot carry an event of `type` (type null: only the topic grammar is checked), or null. */
function topicProblem(type: EventType | null, topic: string): string | null {
  const parsed = parseTopic(topic);
  if (!parsed) return `"${topic}" is not a topic of the protocol`;
  if (type === null) return null;
  const entry: CatalogEntry = EVENT_CATALOG[type];
  if (!entry.families.includes(parsed.family)) {
    return `"${type}" is not published on "${parsed.family}" topics (allowed: ${entry.families.join(", ")})`;
  }
  return null;
}

/** Why the topic's parameter disagrees with the data (e.g. `jobs:a` carrying job b), or null. */
function topicDataMismatch(topic: string, data: unknown): string | null {
  const parsed = parseTopic(topic);
  if (!parsed || parsed.param === null) return null;
  const field = TOPIC_PARAM_FIELDS[parsed.family];
  if (!field) return null;
  const items = Array.isArray(data) ? data : [data];
  for (const item of items) {
    const value = isRecord(item) ? item[field] : undefined;
    if (value !== parsed.param) {
      return `topic "${topic}" does not match data ${field} ${JSON.stringify(value ?? null)}`;
    }
  }
  return null;
}

function zodIssues(error: z.ZodError, root = "data"): EventIssue[] {
  return error.issues.map((issue) => ({
    path: [root, ...issue.path.map(String)].filter((p) => p !== "").join("."),
    message: issue.message,
  }));
}
