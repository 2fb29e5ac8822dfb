// Agents, their tasks (and every attempt at one, the history performance and learning are computed
// from), knowledge items with a full-text index, and generated insights.
export const m0003AgentsKnowledgeInsights = {
  id: "0003-agents-knowledge-insights",
  sql: `
create table agents (
  agent_id text primary key,
  name text not null,
  type text not null,
  status text not null check (status in ('idle', 'working', 'paused', 'error', 'offline')),
  current_task text,
  progress double precision not null default 0,
  capabilities jsonb not null,
  performance jsonb not null,
  builtin boolean not null default false,
  learned_at timestamptz,
  client_mutation_id text,
  created_at timestamptz not null default now(),
  version integer not null default 1
);

create table tasks (
  task_id text primary key,
  job_id text,
  owner_id text references users(id) on delete set null,
  description text not null,
  type text not null,
  priority integer not null check (priority between 0 and 10),
  status text not null check (status in ('pending', 'assigned', 'running', 'completed', 'failed', 'cancelled')),
  agent_id text,
  progress double precision not null default 0,
  current_step text,
  required_capabilities jsonb not null,
  attempt_number integer not null default 1,
  max_attempts integer not null default 3,
  estimated_completion timestamptz,
  result jsonb,
  error jsonb,
  retry_scheduled boolean not null default false,
  next_retry_at timestamptz,
  assignment_reason text,
  ready_at timestamptz not null,
  created_at timestamptz not null default now(),
  started_at timestamptz,
  ended_at timestamptz,
  client_mutation_id text,
  version integer not null default 1
);
create index tasks_created on tasks (created_at desc, task_id desc);
create index tasks_ready on tasks (priority desc, created_at) where status = 'pending' or (status = 'failed' and retry_scheduled);
create index tasks_job on tasks (job_id) where job_id is not null;

create table task_attempts (
  attempt_id text primary key,
  task_id text not null,
  attempt_number integer not null,
  agent_id text not null,
  task_type text not null,
  capabilities text[] not null,
  outcome text not null check (outcome in ('running', 'completed', 'failed', 'moved', 'cancelled')),
  ready_at timestamptz not null,
  assigned_at timestamptz not null,
  started_at timestamptz,
  ended_at timestamptz,
  error_code text
);
create index task_attempts_agent on task_attempts (agent_id, ended_at);
create index task_attempts_ended on task_attempts (ended_at);

create table knowledge_items (
  item_id text primary key,
  title text not null,
  type text not null,
  content text not null,
  source_job text,
  tags text[] not null default '{}',
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now(),
  version integer not null default 1,
  search tsvector generated always as (
    setweight(to_tsvector('english', title), 'A') || setweight(to_tsvector('english', content), 'B')
  ) stored
);
create index knowledge_created on knowledge_items (created_at desc, item_id desc);
create index knowledge_search on knowledge_items using gin (search);
create index knowledge_tags on knowledge_items using gin (tags);
create unique index knowledge_source_job on knowledge_items (source_job) where source_job is not null;

create table insights (
  insight_id text primary key,
  title text not null,
  description text not null,
  type text not null check (type in ('trend', 'anomaly', 'performance', 'recommendation')),
  confidence double precision not null,
  metadata jsonb not null,
  fingerprint text,
  created_at timestamptz not null default now(),
  version integer not null default 1
);
create index insights_created on insights (created_at desc, insight_id desc);
create index insights_fingerprint on insights (fingerprint, created_at desc);
`,
};
