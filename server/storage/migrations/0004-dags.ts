// DAG definitions, their runs (with a snapshot of the steps they run) and each run's steps.
export const m0004Dags = {
  id: "0004-dags",
  sql: `
create table dags (
  dag_id text primary key,
  name text not null,
  description text,
  steps jsonb not null,
  owner_id text references users(id) on delete set null,
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now(),
  version integer not null default 1
);
create index dags_name on dags (name, dag_id);

create table dag_runs (
  run_id text primary key,
  dag_id text not null references dags(dag_id) on delete cascade,
  owner_id text references users(id) on delete set null,
  status text not null check (status in ('queued', 'running', 'success', 'failed', 'cancelled')),
  params jsonb not null,
  definition jsonb not null,
  error text,
  client_mutation_id text,
  created_at timestamptz not null default now(),
  started_at timestamptz,
  ended_at timestamptz,
  version integer not null default 1
);
create index dag_runs_dag on dag_runs (dag_id, created_at desc, run_id desc);
create index dag_runs_created on dag_runs (created_at desc, run_id desc);
create index dag_runs_queue on dag_runs (created_at, run_id) where status = 'queued';

create table dag_run_steps (
  run_id text not null references dag_runs(run_id) on delete cascade,
  step_id text not null,
  dag_id text not null,
  position integer not null,
  status text not null check (status in ('pending', 'running', 'success', 'failed', 'skipped', 'upstream_failed')),
  start_time timestamptz,
  end_time timestamptz,
  duration double precision,
  retry_count integer not null default 0,
  error text,
  next_attempt_at timestamptz,
  version integer not null default 1,
  primary key (run_id, step_id)
);
`,
};
