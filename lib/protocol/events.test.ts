// Tests of the event catalog: a valid and several invalid samples for every event type, topic rules,
// validateEventInput's issue paths and validateEnvelope.
import { describe, expect, expectTypeOf, it } from "vitest";
import {
  EPHEMERAL_EVENT_TYPES,
  EVENT_CATALOG,
  EVENT_TYPES,
  type CatalogEvent,
  type EventDataInputOf,
  type EventDataOf,
  type EventType,
  isEphemeralType,
  isEventType,
  topicAllowedForType,
  validateEnvelope,
  validateEventInput,
} from "./events";
import { TOPIC_FAMILIES, type TopicFamily } from "./topics";
import type { AdminConnection } from "./entities/admin";
import type { Agent } from "./entities/agents";
import type { DagRun } from "./entities/dags";
import type { Job } from "./entities/jobs";
import type { KnowledgeItem } from "./entities/knowledge";
import type { NewsItem, Quote } from "./entities/market";
import type { NotificationRead } from "./entities/notifications";
import type { Task } from "./entities/tasks";

const T0 = "2026-11-22T10:00:00.000Z";
const T1 = "2026-11-22T10:05:00.000Z";

const job: Job = {
  job_id: "job_8f2k",
  run_id: "run_1",
  type: "document",
  filename: "report.pdf",
  status: "processing",
  progress: 45,
  current_step: "extracting text",
  created_at: T0,
  started_at: T0,
  estimated_completion: T1,
  completed_at: null,
  failed_at: null,
  result: null,
  error: null,
  retry_count: 0,
  can_retry: false,
  client_mutation_id: "m-1",
  version: 7,
};

const task: Task = {
  task_id: "task_1",
  job_id: "job_8f2k",
  description: "Summarise the report",
  type: "summarise",
  priority: 2,
  status: "running",
  agent_id: "agent_1",
  progress: 0.5,
  current_step: "reading",
  required_capabilities: [{ name: "nlp", min_proficiency: 0.7 }],
  attempt_number: 1,
  estimated_completion: T1,
  result: null,
  error: null,
  retry_scheduled: false,
  next_retry_at: null,
  assignment_reason: "best summarization proficiency",
  created_at: T0,
  client_mutation_id: null,
  version: 3,
};

const agent: Agent = {
  agent_id: "agent_1",
  name: "Summariser",
  type: "specialist",
  status: "working",
  current_task: "task_1",
  progress: 0.5,
  capabilities: [{ name: "nlp", proficiency: 0.85, learning_rate: 0.1 }],
  performance: { tasks_completed: 25, success_rate: 0.92, average_processing_time: 1800, average_response_time_ms: 1250 },
  created_at: T0,
  client_mutation_id: null,
  version: 2,
};

const knowledgeItem: KnowledgeItem = {
  item_id: "ki_1",
  title: "Q3 revenue",
  type: "fact",
  content: "Revenue grew 12%.",
  source_job: "job_8f2k",
  tags: ["finance", "q3"],
  created_at: T0,
  updated_at: T1,
  version: 1,
};

const dagRun: DagRun = {
  dag_id: "dag_etl",
  run_id: "dr_1",
  status: "running",
  started_at: T0,
  ended_at: null,
  total_steps: 3,
  completed_steps: 1,
  running_steps: 1,
  failed_steps: 0,
  pending_steps: 1,
  completion_percentage: 33.3,
  params: {},
  error: null,
  created_at: T0,
  client_mutation_id: null,
  version: 4,
};

const quote: Quote = { ticker: "AAPL", price: 190.5, change: -1.2, change_percent: -0.63, volume: 1200, timestamp: T0 };
const news: NewsItem = { id: "n1", title: "Apple ships", content: "…", ticker: "AAPL", published_at: T0 };

type Sample<T extends EventType> = { topic: string; data: EventDataInputOf<T> };
/** One valid sample per event type; the mapped type makes the compiler insist on every key. */
const adminConnection: AdminConnection = {
  client_id: "cli_1",
  instance_id: "inst_1",
  kind: "browser",
  user_id: "u_1",
  email: "ann@example.com",
  role: "user",
  api_key_id: null,
  api_key_name: null,
  user_agent: "Mozilla/5.0",
  address: "127.0.0.1",
  topics: ["jobs", "user:u_1"],
  connected_at: T0,
  messages_in: 3,
  messages_out: 40,
  buffer_bytes: 0,
  last_seen_at: T1,
  resyncs_served: 0,
  version: 1,
};

const samples: { [T in EventType]: Sample<T> } = {
  processing_job_created: { topic: "jobs", data: { ...job, status: "queued", progress: 0, started_at: null } },
  processing_job_status: { topic: "jobs:job_8f2k", data: job },
  processing_job_completed: {
    topic: "runs:run_1",
    data: {
      ...job,
      status: "completed",
      progress: 100,
      completed_at: T1,
      result: { extracted_text: "text", summary: "sum", entities: [{ text: "ACME", type: "organization" }], insights: ["up"] },
    },
  },
  processing_job_failed: { topic: "jobs", data: { ...job, status: "failed", failed_at: T1, error: "bad pdf", can_retry: true } },
  processing_job_cancelled: { topic: "jobs:job_8f2k", data: { ...job, status: "cancelled" } },
  processing_job_deleted: { topic: "jobs:job_8f2k", data: { job_id: "job_8f2k", version: 8 } },

  task_created: { topic: "tasks", data: { ...task, status: "pending", agent_id: null, progress: 0 } },
  task_assigned: { topic: "tasks:task_1", data: { ...task, status: "assigned", agent_id: "agent_1" } },
  task_started: { topic: "tasks", data: { ...task, status: "running" } },
  task_progress: { topic: "tasks", data: { ...task, progress: 0.75 } },
  task_completed: { topic: "tasks", data: { ...task, status: "completed", progress: 1, result: { records: 10 } } },
  task_failed: {
    topic: "tasks",
    data: {
      ...task,
      status: "failed",
      error: { code: "TIMEOUT", message: "took too long", details: { after_s: 300 } },
      retry_scheduled: true,
      next_retry_at: T1,
    },
  },
  task_cancelled: { topic: "tasks:task_1", data: { ...task, status: "cancelled" } },

  agent_created: { topic: "agents", data: { ...agent, status: "idle", current_task: null, progress: 0 } },
  agent_status_update: { topic: "agents:agent_1", data: agent },
  agent_status_changed: { topic: "agents", data: { ...agent, old_status: "idle", new_status: "working", reason: "task_assigned" } },
  agent_performance_updated: { topic: "agents", data: agent },
  agent_task_completed: {
    topic: "agents:agent_1",
    data: { agent_id: "agent_1", task_id: "task_1", job_id: null, task_type: "summarise", duration: 240000, result: { ok: true } },
  },
  agent_error: {
    topic: "agents",
    data: { agent_id: "agent_1", error: "model timeout", severity: "error", can_retry: true, affected_jobs: ["job_8f2k"] },
  },
  agent_removed: { topic: "agents", data: { agent_id: "agent_1", reason: null } },
  agent_activity: { topic: "agents", data: { agent_id: "agent_1", activity: "reading", details: { page: 3 } } },
  agent_message: { topic: "agents", data: { agent_id: "agent_1", message: "hello" } },
  learning_cycle_started: {
    topic: "agents",
    data: { cycle_id: "c1", agent_id: "agent_1", learning_type: "capability_improvement", target_capability: "nlp", estimated_duration_minutes: 15 },
  },
  learning_cycle_completed: {
    topic: "agents",
    data: { cycle_id: "c1", agent_id: "agent_1", improvements: { nlp: { old_value: 0.85, new_value: 0.88, improvement: 0.03 } }, duration_ms: 900000 },
  },

  knowledge_item_created: { topic: "knowledge", data: knowledgeItem },
  knowledge_item_updated: { topic: "knowledge", data: { ...knowledgeItem, version: 2, updated_fields: ["content"] } },
  knowledge_item_deleted: { topic: "knowledge", data: { item_id: "ki_1", version: 3 } },

  insight_generated: {
    topic: "insights",
    data: {
      insight_id: "ins_1",
      title: "Throughput up",
      description: "Jobs per hour rose 20%",
      type: "trend",
      confidence: 0.8,
      metadata: { window: "1h" },
      created_at: T0,
      version: 1,
    },
  },
  dashboard_metrics_update: {
    topic: "metrics",
    data: { total_processed: 120, processing_time: 1500, success_rate: 0.97, active_agents: 4, knowledge_items: 310, changes: { total_processed: 3 } },
  },

  dag_created: {
    topic: "dags",
    data: {
      dag_id: "dag_etl",
      name: "ETL",
      description: null,
      steps: [
        { step_id: "extract", depends_on: [], operator: "http", params: { url: "https://x" }, retries: 1, timeout_s: 60 },
        { step_id: "load", depends_on: ["extract"], operator: "sql", params: {}, retries: 0 },
      ],
      version: 1,
    },
  },
  dag_updated: {
    topic: "dags:dag_etl",
    data: {
      dag_id: "dag_etl",
      name: "ETL v2",
      description: "nightly",
      steps: [{ step_id: "extract", depends_on: [], operator: "delay", params: { ms: 10 }, retries: 0 }],
      created_at: T0,
      updated_at: T1,
      version: 2,
    },
  },
  dag_deleted: { topic: "dags", data: { dag_id: "dag_etl", version: 3 } },
  dag_run_status: { topic: "dag-runs:dr_1", data: dagRun },
  dag_run_progress: { topic: "dags:dag_etl", data: dagRun },
  step_status: {
    topic: "dag-runs:dr_1",
    data: {
      dag_id: "dag_etl",
      run_id: "dr_1",
      step_id: "extract",
      status: "success",
      start_time: T0,
      end_time: T1,
      duration: 300000,
      retry_count: 0,
      error: null,
      version: 3,
    },
  },

  market_data: { topic: "market:AAPL", data: quote },
  market_data_batch: { topic: "market:AAPL", data: [quote, { ...quote, price: 191 }] },
  stock_news: { topic: "news:AAPL", data: news },
  stock_news_batch: { topic: "news:AAPL", data: [news] },

  system_metrics: {
    topic: "system",
    data: {
      cpu: { usage: 12.5, cores: 8, frequency: 3.2 },
      memory: { total: 16e9, used: 8e9, free: 8e9, usage: 50 },
      disk: { total: 5e11, used: 1e11, free: 4e11, usage: 20 },
      network: { rx: 1000, tx: 2000, rxSpeed: 10, txSpeed: 20 },
    },
  },
  process_update: { topic: "system", data: { pid: 42, name: "node", cpu_usage: 130, memory_usage: 3.5 } },
  network_update: { topic: "system", data: { name: "eth0", rx: 100, tx: 200 } },
  hive_status_update: {
    topic: "system",
    data: {
      status: "healthy",
      metrics: { total_agents: 5, active_agents: 3, pending_tasks: 8, completed_tasks_today: 142, system_load: 0.65 },
      alerts: [{ level: "warning", message: "High memory usage" }],
    },
  },
  system_alert: { topic: "system:alerts", data: { level: "critical", title: "DB down", message: "cannot connect", details: null } },
  resource_alert: {
    topic: "system:alerts",
    data: { resource: "cpu", usage_percent: 85.2, threshold_percent: 80, trend: "increasing", recommendations: ["scale up"] },
  },
  module_status_changed: {
    topic: "system",
    data: { module: "scheduler", old_status: "healthy", new_status: "degraded", reason: "slow", affected_functions: ["assign"] },
  },
  inter_module_message: {
    topic: "system",
    data: { from_module: "tasks", to_module: "metrics", message_type: "TaskCompleted", payload: { task_id: "task_1" } },
  },
  coordination_event: { topic: "system", data: { event_type: "rebalance", module: "agent-scheduler", details: { moved: 3 } } },
  error_occurred: {
    topic: "system",
    data: { error_id: "err_1", component: "job-processor", error: { code: "EXEC", message: "boom", details: null }, severity: "error" },
  },

  temporal_alert: { topic: "alerts", data: { id: "fa_1", rule_id: "rule_1", fired_at: T0, payload_json: '{"value":91}' } },
  temporal_job_status: { topic: "alerts", data: { job: "backfill", touched_events: 1200, days_back: 7 } },
  alert_rule_created: { topic: "alerts", data: { rule_id: "rule_1", name: "CPU hot", topic: "system", field: "cpu.usage", op: "gt", threshold: 90, window_s: 60, severity: "warning", enabled: true, owner_id: "u1", created_at: T0, updated_at: T0, version: 1 } },
  alert_rule_updated: { topic: "alerts", data: { rule_id: "rule_1", name: "CPU hot", topic: "system", field: "cpu.usage", op: "gte", threshold: 95, window_s: 30, severity: "error", enabled: false, owner_id: null, created_at: T0, updated_at: T0, version: 2 } },
  alert_rule_deleted: { topic: "alerts", data: { rule_id: "rule_1", version: 3 } },
  temporal_alert_cleared: { topic: "alerts", data: { id: "fa_1", rule_id: "rule_1", fired_at: T0, cleared_at: T0, payload_json: '{"value":91}' } },

  notification: {
    topic: "user:u_1",
    data: {
      id: "n_1",
      user_id: "u_1",
      title: "Job done",
      message: "report.pdf is processed",
      level: "success",
      link: "/jobs/job_8f2k",
      read_at: null,
      created_at: T0,
      version: 1,
    },
  },
  notification_read: { topic: "user:u_1", data: { user_id: "u_1", ids: ["n_1", "n_2"], read_at: T1 } },
  watchlist_updated: { topic: "user:u_1", data: { user_id: "u_1", tickers: ["AAPL", "MSFT"], updated_at: T0, version: 2 } },
  system_announcement: { topic: "announcements", data: { message: "Maintenance at 22:00", level: "warning" } },

  admin_connection_opened: { topic: "admin", data: adminConnection },
  admin_connection_updated: { topic: "admin", data: { ...adminConnection, messages_in: 12, version: 2 } },
  admin_connection_closed: {
    topic: "admin",
    data: { client_id: "cli_1", instance_id: "inst_1", user_id: "u_1", api_key_id: null, closed_at: T1, code: 1008, reason: "disconnected by an admin" },
  },
  admin_topics_update: {
    topic: "admin",
    data: {
      instance_id: "inst_1",
      at: T0,
      connections: 3,
      subscriptions: 5,
      subscribers: [{ pattern: "jobs", subscribers: 2 }, { pattern: "*", subscribers: 1 }],
      rates: [{ topic: "jobs:job_1", per_second: 0.5, last_minute: 30, buckets: [1, 0, 2] }],
      replay_log: { size: 120, capacity: 10000, oldest_id: "1700000000123-0", newest_id: "1700000000999-0", epoch: "abc123" },
      resyncs_served: 1,
    },
  },
  admin_user_changed: {
    topic: "admin",
    data: { id: "u_1", email: "ann@example.com", role: "user", disabled: true, disabled_at: T1, created_at: T0, last_seen_at: T0, open_sockets: 0, version: 3, change: "disabled" },
  },
  api_key_changed: {
    topic: "admin",
    data: { id: "key_1", name: "feeder", prefix: "sbk_abc123", created_at: T0, created_by: "u_admin", revoked_at: T1, last_used_at: null, version: 2, change: "revoked" },
  },
  audit_entry: {
    topic: "admin",
    data: {
      id: "aud_1",
      actor_id: "u_admin",
      actor_email: "admin@example.com",
      action: "user_disabled",
      target_type: "user",
      target_id: "u_1",
      target_label: "ann@example.com",
      details: { closed_connections: 2 },
      created_at: T1,
    },
  },
};

/** Top-level keys that may be left out because the schema supplies a default or marks them optional. */
/** Fields with a default (additions to PROTOCOL.md that older producers leave out). */
const TASK_EVENTS = ["task_created", "task_assigned", "task_started", "task_progress", "task_completed", "task_failed", "task_cancelled"];
const AGENT_EVENTS = ["agent_created", "agent_status_update", "agent_status_changed", "agent_performance_updated"];
const DAG_EVENTS = ["dag_created", "dag_updated"];
const RUN_EVENTS = ["dag_run_status", "dag_run_progress"];
const OMITTABLE = new Set([
  ...DAG_EVENTS.flatMap((t) => [`${t}.created_at`, `${t}.updated_at`]),
  ...RUN_EVENTS.flatMap((t) => [`${t}.params`, `${t}.error`, `${t}.created_at`, `${t}.client_mutation_id`]),
  "insight_generated.version",
  "notification_read.all",
  ...TASK_EVENTS.map((t) => `${t}.assignment_reason`),
  ...AGENT_EVENTS.map((t) => `${t}.client_mutation_id`),
]);

/** Samples that break one rule each, beyond missing fields. */
const invalidSamples: Partial<Record<EventType, { data: unknown; path: string }[]>> = {
  processing_job_status: [
    { data: { ...job, progress: 101 }, path: "data.progress" },
    { data: { ...job, status: "running" }, path: "data.status" },
    { data: { ...job, created_at: "yesterday" }, path: "data.created_at" },
    { data: { ...job, version: 0 }, path: "data.version" },
    { data: { ...job, version: 1.5 }, path: "data.version" },
    { data: { ...job, completed_at: undefined }, path: "data.completed_at" },
    { data: { ...job, result: { summary: "x" } }, path: "data.result.extracted_text" },
  ],
  processing_job_completed: [{ data: job, path: "data.status" }],
  task_progress: [{ data: { ...task, progress: 45 }, path: "data.progress" }],
  task_assigned: [{ data: { ...task, status: "assigned", agent_id: null }, path: "data.agent_id" }],
  task_failed: [{ data: { ...task, status: "failed", error: { message: "x", details: null } }, path: "data.error.code" }],
  agent_status_update: [
    { data: { ...agent, status: "busy" }, path: "data.status" },
    { data: { ...agent, capabilities: [{ name: "nlp", proficiency: 2, learning_rate: 0.1 }] }, path: "data.capabilities.0.proficiency" },
  ],
  insight_generated: [{ data: { ...samples.insight_generated.data, type: "gossip" }, path: "data.type" }],
  dag_created: [
    {
      data: { ...samples.dag_created.data, steps: [{ step_id: "a", depends_on: ["b"], operator: "x", params: {}, retries: 0 }] },
      path: "data.steps.0.depends_on.0",
    },
    { data: { ...samples.dag_created.data, steps: [] }, path: "data.steps" },
  ],
  market_data: [
    { data: { ...quote, ticker: "aapl" }, path: "data.ticker" },
    { data: { ...quote, volume: -1 }, path: "data.volume" },
  ],
  market_data_batch: [{ data: [quote, { ...quote, price: "high" }], path: "data.1.price" }],
  system_metrics: [{ data: { ...samples.system_metrics.data, cpu: { usage: 120, cores: 8, frequency: 3 } }, path: "data.cpu.usage" }],
  temporal_alert: [{ data: { ...samples.temporal_alert.data, payload_json: "{not json" }, path: "data.payload_json" }],
  alert_rule_created: [{ data: { ...samples.alert_rule_created.data, topic: "nope:*" }, path: "data.topic" }],
  notification_read: [{ data: { user_id: "u_1", ids: [], read_at: T1 }, path: "data.ids" }],
  system_announcement: [{ data: { message: "", level: "info" }, path: "data.message" }],
  admin_connection_opened: [{ data: { ...adminConnection, kind: "bot" }, path: "data.kind" }],
  audit_entry: [{ data: { ...samples.audit_entry.data, action: "reboot" }, path: "data.action" }],
};

/** The catalog of PROTOCOL.md, domain by domain. */
const PROTOCOL_EVENT_NAMES = [
  ...["processing_job_created", "processing_job_status", "processing_job_completed", "processing_job_failed", "processing_job_cancelled"],
  // Added here (not in PROTOCOL.md): deleting a job must reach clients too.
  "processing_job_deleted",
  ...["task_created", "task_assigned", "task_started", "task_progress", "task_completed", "task_failed", "task_cancelled"],
  ...["agent_created", "agent_status_update", "agent_status_changed", "agent_performance_updated", "agent_task_completed"],
  ...["agent_error", "agent_removed", "agent_activity", "agent_message", "learning_cycle_started", "learning_cycle_completed"],
  ...["knowledge_item_created", "knowledge_item_updated", "knowledge_item_deleted"],
  ...["insight_generated", "dashboard_metrics_update"],
  ...["dag_created", "dag_run_status", "step_status", "dag_run_progress"],
  // Added here: editing and deleting a definition must reach clients too.
  "dag_updated",
  "dag_deleted",
  ...["market_data", "market_data_batch", "stock_news", "stock_news_batch"],
  ...["system_metrics", "process_update", "network_update", "hive_status_update", "system_alert", "resource_alert"],
  ...["module_status_changed", "inter_module_message", "coordination_event", "error_occurred"],
  ...["temporal_alert", "temporal_job_status"],
  // Added here: rule changes and cleared firings are pushed too.
  ...["alert_rule_created", "alert_rule_updated", "alert_rule_deleted", "temporal_alert_cleared"],
  ...["notification", "notification_read", "system_announcement"],
  // Added here: a user's watchlist changed.
  "watchlist_updated",
  // Added here: the admin console's events on `admin` (PROTOCOL.md names the topic, no event).
  ...["admin_connection_opened", "admin_connection_updated", "admin_connection_closed", "admin_topics_update"],
  ...["admin_user_changed", "api_key_changed", "audit_entry"],
];

const EXPECTED_EPHEMERAL = [
  "market_data",
  "market_data_batch",
  "stock_news",
  "stock_news_batch",
  "system_metrics",
  "process_update",
  "network_update",
  "hive_status_update",
  "dashboard_metrics_update",
  "admin_connection_updated",
  "admin_topics_update",
];

function envelopeFor(type: EventType, extra: Record<string, unknown> = {}) {
  const s = samples[type];
  return {
    type,
    topic: s.topic,
    ts: T0,
    ...(EVENT_CATALOG[type].ephemeral ? {} : { id: "1700000000123-0" }),
    data: s.data,
    ...extra,
  };
}

describe("EVENT_CATALOG", () => {
  it("has a valid sample for every event type, and no sample for an unknown one", () => {
    expect(Object.keys(samples).sort()).toEqual([...EVENT_TYPES].sort());
  });

  it("holds exactly the event names of PROTOCOL.md's catalog", () => {
    expect([...EVENT_TYPES].sort()).toEqual([...PROTOCOL_EVENT_NAMES].sort());
  });

  it("marks exactly the agreed types ephemeral", () => {
    expect([...EPHEMERAL_EVENT_TYPES].sort()).toEqual([...EXPECTED_EPHEMERAL].sort());
    for (const t of EVENT_TYPES) expect(isEphemeralType(t)).toBe(EXPECTED_EPHEMERAL.includes(t));
    expect(isEphemeralType("nope")).toBe(false);
  });

  it("publishes every type only on known families", () => {
    for (const t of EVENT_TYPES) {
      expect(EVENT_CATALOG[t].families.length).toBeGreaterThan(0);
      for (const f of EVENT_CATALOG[t].families) expect(Object.hasOwn(TOPIC_FAMILIES, f)).toBe(true);
    }
  });

  it("isEventType knows the catalog and nothing else", () => {
    expect(isEventType("processing_job_status")).toBe(true);
    expect(isEventType("connected")).toBe(false);
    expect(isEventType("toString")).toBe(false);
    expect(isEventType("__proto__")).toBe(false);
  });
});

describe.each(EVENT_TYPES.map((t) => [t] as const))("%s", (type) => {
  const entry = EVENT_CATALOG[type];
  const sample = samples[type];

  it("accepts its valid sample (schema, validateEventInput, validateEnvelope)", () => {
    const parsed = entry.schema.safeParse(sample.data);
    expect(parsed.error?.issues ?? []).toEqual([]);
    expect(parsed.data).toMatchObject(sample.data as object);

    const input = validateEventInput({ type, topic: sample.topic, data: JSON.parse(JSON.stringify(sample.data)) });
    expect(input).toMatchObject({ ok: true, event: { type, topic: sample.topic } });

    const env = validateEnvelope(envelopeFor(type));
    expect(env.ok ? env.event.type : env.error).toBe(type);
  });

  it("rejects null, a string and an empty object as data", () => {
    for (const bad of [null, "x", {}]) expect(entry.schema.safeParse(bad).success).toBe(false);
  });

  it("rejects its sample without any one required field", () => {
    const data = sample.data as unknown;
    const rows = Array.isArray(data) ? [] : Object.keys(data as object);
    for (const key of rows) {
      if (OMITTABLE.has(`${type}.${key}`)) continue;
      const { [key]: _dropped, ...rest } = data as Record<string, unknown>;
      const result = validateEventInput({ type, topic: sample.topic, data: rest });
      expect(result.ok, `${type} without ${key}`).toBe(false);
      if (!result.ok) expect(result.issues.map((i) => i.path)).toContain(`data.${key}`);
    }
  });

  it("rejects its invalid samples at the expected path", () => {
    for (const bad of invalidSamples[type] ?? []) {
      const result = validateEventInput({ type, topic: sample.topic, data: bad.data });
      expect(result.ok).toBe(false);
      if (!result.ok) expect(result.issues.map((i) => i.path)).toContain(bad.path);
    }
  });

  it("refuses a topic of a family it is not published on", () => {
    const other = (Object.keys(TOPIC_FAMILIES) as TopicFamily[]).find((f) => !(entry.families as readonly TopicFamily[]).includes(f))!;
    const topic = TOPIC_FAMILIES[other].bare ? other : `${other}:x1`;
    expect(topicAllowedForType(type, topic)).toBe(false);
    expect(topicAllowedForType(type, sample.topic)).toBe(true);
  });
});

describe("types", () => {
  it("follow the schemas (checked by tsc)", () => {
    expectTypeOf<EventDataOf<"processing_job_completed">["status"]>().toEqualTypeOf<"completed">();
    expectTypeOf<EventDataOf<"processing_job_status">>().toEqualTypeOf<Job>();
    expectTypeOf<EventDataOf<"market_data_batch">>().toEqualTypeOf<Quote[]>();
    expectTypeOf<EventDataOf<"insight_generated">["version"]>().toEqualTypeOf<number>();
    expectTypeOf<EventDataInputOf<"insight_generated">["version"]>().toEqualTypeOf<number | undefined>();
    expectTypeOf<Extract<CatalogEvent, { type: "notification_read" }>["data"]>().toEqualTypeOf<NotificationRead>();
    expectTypeOf<CatalogEvent["type"]>().toEqualTypeOf<EventType>();
  });
});

describe("defaults and forward compatibility", () => {
  it("fills defaults that producers may leave out", () => {
    const { version: _v, ...insight } = samples.insight_generated.data;
    expect(EVENT_CATALOG.insight_generated.schema.parse(insight).version).toBe(1);
    expect(EVENT_CATALOG.notification_read.schema.parse(samples.notification_read.data).all).toBe(false);
    const all = { user_id: "u_1", ids: [], all: true, read_at: T1 };
    expect(EVENT_CATALOG.notification_read.schema.parse(all)).toEqual(all);
  });

  it("accepts and strips a field a newer server adds", () => {
    const env = validateEnvelope(envelopeFor("processing_job_status", { data: { ...job, priority_hint: "x" } }));
    expect(env.ok).toBe(true);
    if (env.ok) expect(env.event.data).not.toHaveProperty("priority_hint");
  });

  it("accepts times with an offset, not dates alone", () => {
    const ok = validateEventInput({ type: "processing_job_status", topic: "jobs", data: { ...job, created_at: "2026-11-22T12:00:00+02:00" } });
    expect(ok.ok).toBe(true);
    const bad = validateEventInput({ type: "processing_job_status", topic: "jobs", data: { ...job, created_at: "2026-11-22" } });
    expect(bad.ok).toBe(false);
    expect(validateEventInput({ type: "processing_job_status", topic: "jobs", data: { ...job, created_at: new Date().toISOString() } }).ok).toBe(true);
  });
});

describe("topicAllowedForType", () => {
  it.each([
    ["processing_job_status", "jobs", true],
    ["processing_job_status", "jobs:job_1", true],
    ["processing_job_status", "runs:run_1", true],
    ["processing_job_status", "runs", false],
    ["processing_job_status", "tasks", false],
    ["processing_job_status", "jobs:", false],
    ["processing_job_status", "jobs:a b", false],
    ["step_status", "dag-runs:dr_1", true],
    ["step_status", "dags", true],
    ["dag_created", "dag-runs:dr_1", false],
    ["market_data", "market:AAPL", true],
    ["market_data", "market", false],
    ["market_data", "news:AAPL", false],
    ["system_alert", "system:alerts", true],
    ["system_alert", "system:other", false],
    ["notification", "user:u_1", true],
    ["notification", "announcements", false],
    ["system_announcement", "announcements", true],
    ["temporal_alert", "alerts", true],
    ["temporal_alert", "admin", false],
  ] as const)("%s on %s -> %s", (type, topic, expected) => {
    expect(topicAllowedForType(type, topic)).toBe(expected);
  });
});

describe("validateEventInput", () => {
  it("returns the parsed event", () => {
    const result = validateEventInput({ topic: "jobs:job_8f2k", type: "processing_job_status", data: job, extra: 1 });
    expect(result).toEqual({ ok: true, event: { type: "processing_job_status", topic: "jobs:job_8f2k", data: job } });
  });

  it.each([null, 42, "event", [{ type: "x" }]])("refuses a non-object (%j)", (input) => {
    expect(validateEventInput(input)).toEqual({ ok: false, issues: [{ path: "", message: expect.any(String) }] });
  });

  it("requires a known type (path type)", () => {
    const missing = validateEventInput({ topic: "jobs", data: job });
    expect(missing).toMatchObject({ ok: false, issues: [{ path: "type" }] });
    const unknown = validateEventInput({ type: "job_exploded", topic: "jobs", data: job });
    expect(unknown).toMatchObject({ ok: false, issues: [{ path: "type", message: 'unknown event type "job_exploded"' }] });
  });

  it("reports an unknown type and a bad topic together", () => {
    const result = validateEventInput({ type: "nope", topic: "bogus", data: {} });
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.issues.map((i) => i.path)).toEqual(["type", "topic"]);
  });

  it("requires a topic of the protocol (path topic)", () => {
    for (const topic of [undefined, "", "bogus", "jobs:", "jobs:a/b", 7]) {
      const result = validateEventInput({ type: "processing_job_status", topic, data: job });
      expect(result, String(topic)).toMatchObject({ ok: false, issues: [{ path: "topic" }] });
    }
  });

  it("requires a topic family that carries the type (path topic)", () => {
    const result = validateEventInput({ type: "processing_job_status", topic: "tasks", data: job });
    expect(result).toMatchObject({ ok: false, issues: [{ path: "topic", message: expect.stringContaining("jobs, runs") }] });
  });

  it("requires the topic parameter to match the data", () => {
    const wrongJob = validateEventInput({ type: "processing_job_status", topic: "jobs:job_other", data: job });
    expect(wrongJob).toMatchObject({ ok: false, issues: [{ path: "topic", message: expect.stringContaining("job_id") }] });
    const wrongRun = validateEventInput({ type: "processing_job_status", topic: "runs:run_1", data: { ...job, run_id: null } });
    expect(wrongRun.ok).toBe(false);
    const wrongUser = validateEventInput({ ...samples.notification, type: "notification", topic: "user:u_2" });
    expect(wrongUser.ok).toBe(false);
    const mixedBatch = validateEventInput({ type: "market_data_batch", topic: "market:AAPL", data: [quote, { ...quote, ticker: "MSFT" }] });
    expect(mixedBatch).toMatchObject({ ok: false, issues: [{ path: "topic" }] });
    const alerts = validateEventInput({ ...samples.system_alert, type: "system_alert" });
    expect(alerts.ok).toBe(true);
  });

  it("requires data (path data)", () => {
    expect(validateEventInput({ type: "agent_message", topic: "agents" })).toEqual({
      ok: false,
      issues: [{ path: "data", message: expect.any(String) }],
    });
    expect(validateEventInput({ type: "agent_message", topic: "agents", data: null })).toMatchObject({
      ok: false,
      issues: [{ path: "data" }],
    });
  });

  it("reports every data problem with its path", () => {
    const result = validateEventInput({
      type: "processing_job_status",
      topic: "jobs",
      data: { ...job, progress: -1, status: "lost", result: { extracted_text: null, summary: null, entities: [{ text: 1, type: "x" }], insights: [] } },
    });
    expect(result.ok).toBe(false);
    if (!result.ok) {
      expect(result.issues.map((i) => i.path).sort()).toEqual(["data.progress", "data.result.entities.0.text", "data.status"]);
      for (const issue of result.issues) expect(issue.message.length).toBeGreaterThan(0);
    }
  });

  it("reports topic and data problems together", () => {
    const result = validateEventInput({ type: "processing_job_status", topic: "tasks", data: { ...job, progress: 500 } });
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.issues.map((i) => i.path)).toEqual(["topic", "data.progress"]);
  });

  it("reports a dependency cycle in a DAG", () => {
    const steps = [
      { step_id: "a", depends_on: ["c"], operator: "x", params: {}, retries: 0 },
      { step_id: "b", depends_on: ["a"], operator: "x", params: {}, retries: 0 },
      { step_id: "c", depends_on: ["b"], operator: "x", params: {}, retries: 0 },
    ];
    const result = validateEventInput({ type: "dag_created", topic: "dags", data: { ...samples.dag_created.data, steps } });
    expect(result).toMatchObject({ ok: false, issues: [{ path: "data.steps", message: expect.stringContaining("cycle") }] });
  });
});

describe("validateEnvelope", () => {
  it("accepts the envelope of PROTOCOL.md and narrows on type", () => {
    const result = validateEnvelope({
      type: "processing_job_status",
      topic: "jobs:job_8f2k",
      id: "1700000000123-0",
      ts: T0,
      data: job,
    });
    expect(result.ok).toBe(true);
    if (result.ok && result.event.type === "processing_job_status") {
      const event: Extract<CatalogEvent, { type: "processing_job_status" }> = result.event;
      expect(event.data.progress).toBe(45);
      expect(event.id).toBe("1700000000123-0");
    }
  });

  it("keeps no id on an ephemeral event", () => {
    const result = validateEnvelope(envelopeFor("market_data"));
    expect(result.ok).toBe(true);
    if (result.ok) expect(result.event).not.toHaveProperty("id");
  });

  it("accepts a conflated market_data_batch of several tickers on market:*, and only that type there", () => {
    const batch = { type: "market_data_batch", topic: "market:*", ts: T0, data: [quote, { ...quote, ticker: "MSFT", price: 410 }] };
    expect(validateEnvelope(batch).ok).toBe(true);
    expect(validateEnvelope({ ...batch, data: [{ ...quote, ticker: "msft" }] }).ok).toBe(false);
    expect(validateEnvelope({ ...batch, type: "market_data", data: quote }).ok).toBe(false);
    expect(validateEnvelope({ ...batch, type: "stock_news_batch", data: [news] }).ok).toBe(false);
    // Publishers cannot use the wire-only topic.
    expect(validateEventInput({ topic: "market:*", type: "market_data_batch", data: [quote] }).ok).toBe(false);
  });

  it.each([
    ["a non-object", "hello", /envelope/],
    ["a control message", { type: "heartbeat", ts: T0, data: { ts: T0 } }, /envelope/],
    ["a control type with a topic", { type: "connected", topic: "jobs", ts: T0, data: {} }, /unknown event type/],
    ["an unknown type", { ...envelopeFor("processing_job_status"), type: "job_exploded" }, /unknown event type/],
    ["a durable event without id", { ...envelopeFor("processing_job_status"), id: undefined }, /^id:/],
    ["an ephemeral event with an id", { ...envelopeFor("system_metrics"), id: "1-0" }, /^id:/],
    ["a bad ts", { ...envelopeFor("processing_job_status"), ts: "now" }, /^ts:/],
    ["a forbidden family", { ...envelopeFor("processing_job_status"), topic: "tasks" }, /^topic:/],
    ["an unknown topic", { ...envelopeFor("processing_job_status"), topic: "jobz" }, /^topic:/],
    ["a topic that names another entity", { ...envelopeFor("processing_job_status"), topic: "jobs:job_x" }, /^topic:/],
    ["bad data", { ...envelopeFor("processing_job_status"), data: { ...job, progress: 200 } }, /^data\.progress:/],
  ])("rejects %s", (_name, msg, pattern) => {
    const result = validateEnvelope(msg);
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.error).toMatch(pattern);
  });
});
