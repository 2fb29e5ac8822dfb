// DAG patchers: definitions upsert (and go on dag_deleted); runs upsert; step_status patches the
// step inside the loaded run detail and inside every loaded run list item (the runs grid).
import type { QueryClient } from "@tanstack/react-query";
import type { DagRunStep } from "@/lib/protocol/entities/dags";
import { isListData, pagesOf, withPages } from "../collections";
import { loadedLists, removeEntity, upsertEntity } from "../entity-cache";
import { DAG_STEP_DOMAIN, dagRunsDomain, dagStepId, dagsDomain, versionOf, type DagRunDetail } from "../entity-domains";
import { queryKeys } from "../keys";
import { getVersionStore } from "../version-store";
import { updateIfLoaded, type PatcherMap } from "./types";

/** Writes a step into its run's detail and list items (version-gated per step); appends steps a run lacks. */
export function upsertStep(qc: QueryClient, step: DagRunStep): boolean {
  if (!getVersionStore(qc).offer(DAG_STEP_DOMAIN, dagStepId(step), step.version, step)) return false;
  updateIfLoaded<DagRunDetail>(qc, queryKeys.dagRuns.detail(step.run_id), (run) => (run && Array.isArray(run.steps) ? withStep(run, step) : run));
  for (const query of loadedLists(qc, dagRunsDomain)) {
    qc.setQueryData(query.queryKey, (old: unknown) => {
      if (!isListData<DagRunDetail>(old)) return old;
      let changed = false;
      const pages = pagesOf(old).map((items) =>
        items.map((run) => {
          if (run.run_id !== step.run_id) return run;
          const next = withStep({ ...run, steps: Array.isArray(run.steps) ? run.steps : [] }, step);
          if (next !== run) changed = true;
          return next;
        }),
      );
      return changed ? withPages(old, pages) : old;
    });
  }
  return true;
}

/** The run with `step` in its steps (replaced when newer, appended when missing). */
function withStep<R extends { steps: DagRunStep[] }>(run: R, step: DagRunStep): R {
  const i = run.steps.findIndex((s) => s.step_id === step.step_id);
  if (i === -1) return { ...run, steps: [...run.steps, step] };
  if (versionOf(run.steps[i]) >= step.version) return run;
  const steps = run.steps.slice();
  steps[i] = { ...run.steps[i]!, ...step };
  return { ...run, steps };
}

export const dagPatchers: PatcherMap = {
  dag_created: (qc, e) => void upsertEntity(qc, dagsDomain, e.data),
  dag_updated: (qc, e) => void upsertEntity(qc, dagsDomain, e.data),
  dag_deleted: (qc, e) => void removeEntity(qc, dagsDomain, e.data.dag_id, e.data.version),
  dag_run_status: (qc, e) => void upsertEntity(qc, dagRunsDomain, e.data),
  dag_run_progress: (qc, e) => void upsertEntity(qc, dagRunsDomain, e.data),
  step_status: (qc, e) => void upsertStep(qc, e.data),
};
