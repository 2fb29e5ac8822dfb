// Several instances as one cluster: each instance's heartbeat (and the admin figures it reports),
// named leases for the duties one instance holds at a time, and which instance holds each piece of
// running work, so that the work of an instance that died (and only that) is taken up again.
export const m0008Cluster = {
  id: "0008-cluster",
  sql: `
create table instances (
  instance_id text primary key,
  hostname text not null,
  pid integer not null,
  started_at timestamptz not null default now(),
  heartbeat_at timestamptz not null default now(),
  stopped_at timestamptz,
  snapshot jsonb
);
create index instances_heartbeat on instances (heartbeat_at);

create table leases (
  name text primary key,
  holder text not null,
  acquired_at timestamptz not null default now(),
  expires_at timestamptz not null
);

alter table jobs add column owner_instance text;
alter table tasks add column owner_instance text;
alter table agents add column owner_instance text;
alter table dag_runs add column owner_instance text;
`,
};
