// DAG patchers: definitions and runs upsert; step_status patches the step inside the loaded run detail.
import type { QueryClient } from "@tanstack/react-query";
import type { DagRunStep } from "@/lib/protocol/entities/dags";
import { upsertEntity } from "../entity-cache";
import { DAG_STEP_DOMAIN, dagRunsDomain, dagStepId, dagsDomain, versionOf, type DagRunDetail } from "../entity-domains";
import { queryKeys } from "../keys";
import { getVersionStore } from "../version-store";
import { updateIfLoaded, type PatcherMap } from "./types";

/** Writes a step into its run's detail (version-gated per step); appends steps the detail lacks. */
export function upsertStep(qc: QueryClient, step: DagRunStep): boolean {
  if (!getVersionStore(qc).offer(DAG_STEP_DOMAIN, dagStepId(step), step.version, step)) return false;
  updateIfLoaded<DagRunDetail>(qc, queryKeys.dagRuns.detail(step.run_id), (run) => {
    if (!run || !Array.isArray(run.steps)) return run;
    const i = run.steps.findIndex((s) => s.step_id === step.step_id);
    if (i === -1) return { ...run, steps: [...run.steps, step] };
    if (versionOf(run.steps[i]) >= step.version) return run;
    const steps = run.steps.slice();
    steps[i] = { ...run.steps[i], ...step };
    return { ...run, steps };
  });
  return true;
}

export const dagPatchers: PatcherMap = {
  dag_created: (qc, e) => void upsertEntity(qc, dagsDomain, e.data),
  dag_run_status: (qc, e) => void upsertEntity(qc, dagRunsDomain, e.data),
  dag_run_progress: (qc, e) => void upsertEntity(qc, dagRunsDomain, e.data),
  step_status: (qc, e) => void upsertStep(qc, e.data),
};
