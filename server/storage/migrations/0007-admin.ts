// Admin console: when a user was disabled and last seen, a version per user, key use times, and the audit log.
export const m0007Admin = {
  id: "0007-admin",
  sql: `
alter table users add column disabled_at timestamptz;
alter table users add column last_seen_at timestamptz;
alter table users add column version integer not null default 1;
update users set disabled_at = now() where disabled;
alter table api_keys add column if not exists last_used_at timestamptz;

create table audit_log (
  id text primary key,
  actor_id text references users(id) on delete set null,
  actor_email text not null,
  action text not null,
  target_type text not null,
  target_id text,
  target_label text,
  details jsonb not null default '{}'::jsonb,
  created_at timestamptz not null default now()
);
create index audit_log_created on audit_log (created_at desc, id desc);
`,
};
