// The ordered list of schema migrations, shared by PGlite and PostgreSQL. Append only; never edit one that shipped.
import { m0001Core } from "./0001-core";

export interface Migration {
  id: string;
  sql: string;
}

export const migrations: readonly Migration[] = [m0001Core];
