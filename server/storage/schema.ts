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

export interface SchemaMigrationsTable {
  id: string;
  applied_at: Generated<Timestamp>;
}

export interface Schema {
  users: UsersTable;
  sessions: SessionsTable;
  api_keys: ApiKeysTable;
  settings: SettingsTable;
  latest_values: LatestValuesTable;
  schema_migrations: SchemaMigrationsTable;
}
