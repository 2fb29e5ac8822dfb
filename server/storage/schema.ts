// Table types for the typed query layer (Kysely); one interface per table, as the migrations create them.
import type { ColumnType, Generated } from "kysely";

type Timestamp = Date;

export interface UsersTable {
  id: string;
  email: string;
  password_hash: string;
  role: "user" | "admin";
  disabled: Generated<boolean>;
  created_at: Generated<Timestamp>;
  disabled_at: Timestamp | null;
  last_seen_at: Timestamp | null;
  version: Generated<number>;
}

export interface AuditLogTable {
  id: string;
  actor_id: string | null;
  actor_email: string;
  action: string;
  target_type: string;
  target_id: string | null;
  target_label: string | null;
  details: ColumnType<unknown, string, string>;
  created_at: Generated<Timestamp>;
}

export interface SessionsTable {
  token_hash: string;
  user_id: string;
  created_at: Generated<Timestamp>;
  expires_at: Timestamp;
}

export interface ApiKeysTable {
  id: string;
  name: string;
  prefix: string;
  key_hash: string;
  created_by: string | null;
  created_at: Generated<Timestamp>;
  revoked_at: Timestamp | null;
  last_used_at: Timestamp | null;
}

export interface SettingsTable {
  key: string;
  value: string;
}

export interface LatestValuesTable {
  topic: string;
  type: string;
  data: ColumnType<unknown, string, string>;
  updated_at: Generated<Timestamp>;
}

export interface JobsTable {
  job_id: string;
  owner_id: string | null;
  run_id: string | null;
  type: string;
  filename: string;
  file_path: string;
  file_size: number;
  status: "queued" | "processing" | "completed" | "failed" | "cancelled";
  progress: Generated<number>;
  current_step: string | null;
  created_at: Generated<Timestamp>;
  started_at: Timestamp | null;
  estimated_completion: Timestamp | null;
  completed_at: Timestamp | null;
  failed_at: Timestamp | null;
  result: ColumnType<unknown, string | null, string | null>;
  error: string | null;
  retry_count: Generated<number>;
  client_mutation_id: string | null;
  cancel_requested: Generated<boolean>;
  version: Generated<number>;
  /** The instance running it (null when not running). */
  owner_instance: Generated<string | null>;
}

export interface NotificationsTable {
  id: string;
  user_id: string;
  title: string;
  message: string;
  level: "info" | "success" | "warning" | "error";
  link: string | null;
  read_at: Timestamp | null;
  created_at: Generated<Timestamp>;
  version: Generated<number>;
}

type Json = ColumnType<unknown, string, string>;
type NullableJson = ColumnType<unknown, string | null, string | null>;

export interface AgentsTable {
  agent_id: string;
  name: string;
  type: string;
  status: "idle" | "working" | "paused" | "error" | "offline";
  current_task: string | null;
  progress: Generated<number>;
  capabilities: Json;
  performance: Json;
  builtin: Generated<boolean>;
  learned_at: Timestamp | null;
  client_mutation_id: string | null;
  created_at: Generated<Timestamp>;
  version: Generated<number>;
  /** The instance running it (null when not running). */
  owner_instance: Generated<string | null>;
}

export interface TasksTable {
  task_id: string;
  job_id: string | null;
  owner_id: string | null;
  description: string;
  type: string;
  priority: number;
  status: "pending" | "assigned" | "running" | "completed" | "failed" | "cancelled";
  agent_id: string | null;
  progress: Generated<number>;
  current_step: string | null;
  required_capabilities: Json;
  attempt_number: Generated<number>;
  max_attempts: Generated<number>;
  estimated_completion: Timestamp | null;
  result: NullableJson;
  error: NullableJson;
  retry_scheduled: Generated<boolean>;
  next_retry_at: Timestamp | null;
  assignment_reason: string | null;
  ready_at: Timestamp;
  created_at: Generated<Timestamp>;
  started_at: Timestamp | null;
  ended_at: Timestamp | null;
  client_mutation_id: string | null;
  version: Generated<number>;
  /** The instance running it (null when not running). */
  owner_instance: Generated<string | null>;
}

export interface TaskAttemptsTable {
  attempt_id: string;
  task_id: string;
  attempt_number: number;
  agent_id: string;
  task_type: string;
  capabilities: string[];
  outcome: "running" | "completed" | "failed" | "moved" | "cancelled";
  ready_at: Timestamp;
  assigned_at: Timestamp;
  started_at: Timestamp | null;
  ended_at: Timestamp | null;
  error_code: string | null;
}

export interface KnowledgeItemsTable {
  item_id: string;
  title: string;
  type: string;
  content: string;
  source_job: string | null;
  tags: string[];
  created_at: Generated<Timestamp>;
  updated_at: Generated<Timestamp>;
  version: Generated<number>;
}

export interface InsightsTable {
  insight_id: string;
  title: string;
  description: string;
  type: "trend" | "anomaly" | "performance" | "recommendation";
  confidence: number;
  metadata: Json;
  fingerprint: string | null;
  created_at: Generated<Timestamp>;
  version: Generated<number>;
}

export interface DagsTable {
  dag_id: string;
  name: string;
  description: string | null;
  steps: Json;
  owner_id: string | null;
  created_at: Generated<Timestamp>;
  updated_at: Generated<Timestamp>;
  version: Generated<number>;
}

export interface DagRunsTable {
  run_id: string;
  dag_id: string;
  owner_id: string | null;
  status: "queued" | "running" | "success" | "failed" | "cancelled";
  params: Json;
  definition: Json;
  error: string | null;
  client_mutation_id: string | null;
  created_at: Generated<Timestamp>;
  started_at: Timestamp | null;
  ended_at: Timestamp | null;
  version: Generated<number>;
  /** The instance running it (null when not running). */
  owner_instance: Generated<string | null>;
}

export interface DagRunStepsTable {
  run_id: string;
  step_id: string;
  dag_id: string;
  position: number;
  status: "pending" | "running" | "success" | "failed" | "skipped" | "upstream_failed";
  start_time: Timestamp | null;
  end_time: Timestamp | null;
  duration: number | null;
  retry_count: Generated<number>;
  error: string | null;
  next_attempt_at: Timestamp | null;
  version: Generated<number>;
}

export interface AlertRulesTable {
  rule_id: string;
  name: string;
  topic: string;
  field: string;
  op: "gt" | "gte" | "lt" | "lte" | "eq" | "ne";
  threshold: number;
  window_s: number;
  severity: "info" | "warning" | "error" | "critical";
  enabled: Generated<boolean>;
  owner_id: string | null;
  created_at: Generated<Timestamp>;
  updated_at: Generated<Timestamp>;
  version: Generated<number>;
}

export interface AlertFiringsTable {
  id: string;
  rule_id: string;
  fired_at: Timestamp;
  cleared_at: Timestamp | null;
  payload: Json;
}

export interface WatchlistsTable {
  user_id: string;
  tickers: Json;
  updated_at: Generated<Timestamp>;
  version: Generated<number>;
}

export interface SchemaMigrationsTable {
  id: string;
  applied_at: Generated<Timestamp>;
}

export interface InstancesTable {
  instance_id: string;
  hostname: string;
  pid: number;
  started_at: Generated<Timestamp>;
  heartbeat_at: Generated<Timestamp>;
  stopped_at: Timestamp | null;
  snapshot: ColumnType<unknown, string | null, string | null>;
}

export interface LeasesTable {
  name: string;
  holder: string;
  acquired_at: Generated<Timestamp>;
  expires_at: Timestamp;
}

export interface Schema {
  users: UsersTable;
  sessions: SessionsTable;
  api_keys: ApiKeysTable;
  settings: SettingsTable;
  latest_values: LatestValuesTable;
  jobs: JobsTable;
  notifications: NotificationsTable;
  agents: AgentsTable;
  tasks: TasksTable;
  task_attempts: TaskAttemptsTable;
  knowledge_items: KnowledgeItemsTable;
  insights: InsightsTable;
  dags: DagsTable;
  dag_runs: DagRunsTable;
  dag_run_steps: DagRunStepsTable;
  alert_rules: AlertRulesTable;
  alert_firings: AlertFiringsTable;
  watchlists: WatchlistsTable;
  audit_log: AuditLogTable;
  instances: InstancesTable;
  leases: LeasesTable;
  schema_migrations: SchemaMigrationsTable;
}
