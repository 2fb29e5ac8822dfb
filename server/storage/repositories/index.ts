// Every repository, built over one Kysely instance.
import type { Kysely } from "kysely";
import type { Schema } from "../schema";
import { agentsRepository } from "./agents";
import { alertsRepository } from "./alerts";
import { apiKeysRepository } from "./api-keys";
import { auditRepository } from "./audit";
import { clusterRepository } from "./cluster";
import { dagsRepository } from "./dags";
import { insightsRepository } from "./insights";
import { knowledgeRepository } from "./knowledge";
import { tasksRepository } from "./tasks";
import { jobsRepository } from "./jobs";
import { notificationsRepository } from "./notifications";
import { latestValuesRepository } from "./latest-values";
import { sessionsRepository } from "./sessions";
import { settingsRepository } from "./settings";
import { usersRepository } from "./users";
import { watchlistsRepository } from "./watchlists";

export function createRepositories(db: Kysely<Schema>) {
  return {
    users: usersRepository(db),
    sessions: sessionsRepository(db),
    apiKeys: apiKeysRepository(db),
    settings: settingsRepository(db),
    latestValues: latestValuesRepository(db),
    jobs: jobsRepository(db),
    notifications: notificationsRepository(db),
    agents: agentsRepository(db),
    tasks: tasksRepository(db),
    knowledge: knowledgeRepository(db),
    insights: insightsRepository(db),
    dags: dagsRepository(db),
    watchlists: watchlistsRepository(db),
    alerts: alertsRepository(db),
    audit: auditRepository(db),
    cluster: clusterRepository(db),
  };
}

export type Repositories = ReturnType<typeof createRepositories>;
