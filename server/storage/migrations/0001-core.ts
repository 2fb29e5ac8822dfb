// Core tables: users, sessions, API keys, settings and latest values of ephemeral ingest.
export const m0001Core = {
  id: "0001-core",
  sql: `
create table users (
  id text primary key,
  email text not null unique,
  password_hash text not null,
  role text not null check (role in ('user', 'admin')),
  disabled boolean not null default false,
  created_at timestamptz not null default now()
);

create table sessions (
  token_hash text primary key,
  user_id text not null references users(id) on delete cascade,
  created_at timestamptz not null default now(),
  expires_at timestamptz not null
);
create index sessions_user_id on sessions(user_id);

create table api_keys (
  id text primary key,
  name text not null,
  prefix text not null,
  key_hash text not null unique,
  created_by text references users(id) on delete set null,
  created_at timestamptz not null default now(),
  revoked_at timestamptz,
  last_used_at timestamptz
);

create table settings (
  key text primary key,
  value text not null
);

create table latest_values (
  topic text not null,
  type text not null,
  data jsonb not null,
  updated_at timestamptz not null default now(),
  primary key (topic, type)
);
`,
};
