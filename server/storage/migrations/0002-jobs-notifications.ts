// Processing jobs (with their uploaded file and result) and per-user notifications.
export const m0002JobsNotifications = {
  id: "0002-jobs-notifications",
  sql: `
create table jobs (
  job_id text primary key,
  owner_id text references users(id) on delete set null,
  run_id text,
  type text not null,
  filename text not null,
  file_path text not null,
  file_size integer not null,
  status text not null check (status in ('queued', 'processing', 'completed', 'failed', 'cancelled')),
  progress integer not null default 0,
  current_step text,
  created_at timestamptz not null default now(),
  started_at timestamptz,
  estimated_completion timestamptz,
  completed_at timestamptz,
  failed_at timestamptz,
  result jsonb,
  error text,
  retry_count integer not null default 0,
  client_mutation_id text,
  cancel_requested boolean not null default false,
  version integer not null default 1
);
create index jobs_created on jobs (created_at desc, job_id desc);
create index jobs_status on jobs (status, created_at);

create table notifications (
  id text primary key,
  user_id text not null references users(id) on delete cascade,
  title text not null,
  message text not null,
  level text not null check (level in ('info', 'success', 'warning', 'error')),
  link text,
  read_at timestamptz,
  created_at timestamptz not null default now(),
  version integer not null default 1
);
create index notifications_user on notifications (user_id, created_at desc, id desc);
create index notifications_unread on notifications (user_id) where read_at is null;
`,
};
