// Temporal alert rules (who owns them, their version) and their firings (open until cleared).
export const m0006Alerts = {
  id: "0006-alerts",
  sql: `
create table alert_rules (
  rule_id text primary key,
  name text not null,
  topic text not null,
  field text not null,
  op text not null check (op in ('gt', 'gte', 'lt', 'lte', 'eq', 'ne')),
  threshold double precision not null,
  window_s integer not null check (window_s between 1 and 86400),
  severity text not null check (severity in ('info', 'warning', 'error', 'critical')),
  enabled boolean not null default true,
  owner_id text references users(id) on delete set null,
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now(),
  version integer not null default 1
);
create index alert_rules_created on alert_rules (created_at, rule_id);

create table alert_firings (
  id text primary key,
  rule_id text not null references alert_rules(rule_id) on delete cascade,
  fired_at timestamptz not null,
  cleared_at timestamptz,
  payload jsonb not null
);
create index alert_firings_fired on alert_firings (fired_at desc, id desc);
create index alert_firings_open on alert_firings (rule_id) where cleared_at is null;
`,
};
