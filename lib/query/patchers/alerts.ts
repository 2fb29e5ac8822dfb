// Alerts patchers: fired temporal alerts feed, latest evaluator job status.
import { queryKeys } from "../keys";
import { feedEntry, prependToFeed, type PatcherMap } from "./types";

export const alertPatchers: PatcherMap = {
  temporal_alert: (qc, e) => prependToFeed(qc, queryKeys.alerts.fired(), [{ ...feedEntry(e), id: e.data.id }]),
  temporal_job_status: (qc, e) => void qc.setQueryData(queryKeys.alerts.jobStatus(), e.data),
};
