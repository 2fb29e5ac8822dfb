// Insights patchers: insight_generated upserts into insight lists; dashboard metrics set the latest value.
import { upsertEntity } from "../entity-cache";
import { insightsDomain } from "../entity-domains";
import { queryKeys } from "../keys";
import type { PatcherMap } from "./types";

export const insightPatchers: PatcherMap = {
  insight_generated: (qc, e) => void upsertEntity(qc, insightsDomain, e.data),
  dashboard_metrics_update: (qc, e) => void qc.setQueryData(queryKeys.metrics.dashboard(), e.data),
};
