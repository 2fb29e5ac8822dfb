// Jobs patchers: every processing_job_* event carries the whole job; upsert it where it is loaded.
import { upsertEntity } from "../entity-cache";
import { jobsDomain } from "../entity-domains";
import type { PatcherMap } from "./types";

export const jobPatchers: PatcherMap = {
  processing_job_created: (qc, e) => void upsertEntity(qc, jobsDomain, e.data),
  processing_job_status: (qc, e) => void upsertEntity(qc, jobsDomain, e.data),
  processing_job_completed: (qc, e) => void upsertEntity(qc, jobsDomain, e.data),
  processing_job_failed: (qc, e) => void upsertEntity(qc, jobsDomain, e.data),
  processing_job_cancelled: (qc, e) => void upsertEntity(qc, jobsDomain, e.data),
};
