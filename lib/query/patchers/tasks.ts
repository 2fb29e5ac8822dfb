// Tasks patchers: every task_* event carries the whole task; upsert it where it is loaded.
import { upsertEntity } from "../entity-cache";
import { tasksDomain } from "../entity-domains";
import type { PatcherMap } from "./types";

export const taskPatchers: PatcherMap = {
  task_created: (qc, e) => void upsertEntity(qc, tasksDomain, e.data),
  task_assigned: (qc, e) => void upsertEntity(qc, tasksDomain, e.data),
  task_started: (qc, e) => void upsertEntity(qc, tasksDomain, e.data),
  task_progress: (qc, e) => void upsertEntity(qc, tasksDomain, e.data),
  task_completed: (qc, e) => void upsertEntity(qc, tasksDomain, e.data),
  task_failed: (qc, e) => void upsertEntity(qc, tasksDomain, e.data),
  task_cancelled: (qc, e) => void upsertEntity(qc, tasksDomain, e.data),
};
