// The ordered list of schema migrations, shared by PGlite and PostgreSQL. Append only; never edit one that shipped.
import { m0001Core } from "./0001-core";
import { m0002JobsNotifications } from "./0002-jobs-notifications";
import { m0003AgentsKnowledgeInsights } from "./0003-agents-knowledge-insights";
import { m0004Dags } from "./0004-dags";
import { m0005Watchlists } from "./0005-watchlists";
import { m0006Alerts } from "./0006-alerts";
import { m0007Admin } from "./0007-admin";
import { m0008Cluster } from "./0008-cluster";

export interface Migration {
  id: string;
  sql: string;
}

export const migrations: readonly Migration[] = [m0001Core, m0002JobsNotifications, m0003AgentsKnowledgeInsights, m0004Dags, m0005Watchlists, m0006Alerts, m0007Admin, m0008Cluster];
