// Per-user watchlists of the market page: the user's tickers in order, versioned.
export const m0005Watchlists = {
  id: "0005-watchlists",
  sql: `
create table watchlists (
  user_id text primary key references users(id) on delete cascade,
  tickers jsonb not null,
  updated_at timestamptz not null default now(),
  version integer not null default 1
);
`,
};
