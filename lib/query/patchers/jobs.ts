// Jobs patchers: every processing_job_* event carries the whole job; upsert it where it is loaded;
// processing_job_deleted removes it with a tombstone at its version.
import { removeEntity, upsertEntity } from "../entity-cache";
import { jobsDomain } from "../entity-domains";
import type { PatcherMap } from "./types";

export const jobPatchers: PatcherMap = {
  processing_job_created: (qc, e) => void upsertEntity(qc, jobsDomain, e.data),
  processing_job_status: (qc, e) => void upsertEntity(qc, jobsDomain, e.data),
  processing_job_completed: (qc, e) => void upsertEntity(qc, jobsDomain, e.data),
  processing_job_failed: (qc, e) => void upsertEntity(qc, jobsDomain, e.data),
  processing_job_cancelled: (qc, e) => void upsertEntity(qc, jobsDomain, e.data),
  processing_job_deleted: (qc, e) => void removeEntity(qc, jobsDomain, e.data.job_id, e.data.version),
};
