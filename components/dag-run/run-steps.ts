// The steps of a run joined with their definitions (operator, dependencies, retries allowed), in the DAG's order.
import type { Dag, DagRunStep, DagStepDefinition, StepStatus } from "@/lib/protocol/entities/dags";

export interface RunStepView {
  step_id: string;
  status: StepStatus;
  /** Null when the definition is unknown (not loaded, deleted, or the step was removed since). */
  operator: string | null;
  /** Dependencies among this run's steps (from the definition). */
  depends_on: string[];
  /** Retries the definition allows; null when unknown. */
  retries: number | null;
  start_time: string | null;
  end_time: string | null;
  duration: number | null;
  retry_count: number;
  error: string | null;
}

/**
 * One view per step of the run, ordered like the definition (steps the definition lacks last, as
 * the run lists them). Before the run has steps (queued), the definition's steps show as pending.
 */
export function buildRunSteps(runSteps: readonly DagRunStep[] | null | undefined, dag: Pick<Dag, "steps"> | null | undefined): RunStepView[] {
  const defs = new Map<string, DagStepDefinition>((dag?.steps ?? []).map((s) => [s.step_id, s]));
  const steps = runSteps ?? [];
  const views: RunStepView[] =
    steps.length > 0
      ? steps.map((s) => view(s, defs.get(s.step_id)))
      : (dag?.steps ?? []).map((d) =>
          view({ step_id: d.step_id, status: "pending", start_time: null, end_time: null, duration: null, retry_count: 0, error: null }, d),
        );
  const ids = new Set(views.map((v) => v.step_id));
  for (const v of views) v.depends_on = v.depends_on.filter((d) => ids.has(d) && d !== v.step_id);
  const order = new Map([...defs.keys()].map((id, i) => [id, i]));
  return views
    .map((v, i) => ({ v, i }))
    .sort((a, b) => (order.get(a.v.step_id) ?? order.size + a.i) - (order.get(b.v.step_id) ?? order.size + b.i))
    .map(({ v }) => v);
}

function view(
  step: Pick<DagRunStep, "step_id" | "status" | "start_time" | "end_time" | "duration" | "retry_count" | "error">,
  def: DagStepDefinition | undefined,
): RunStepView {
  return {
    step_id: step.step_id,
    status: step.status,
    operator: def?.operator ?? null,
    depends_on: [...(def?.depends_on ?? [])],
    retries: def ? def.retries : null,
    start_time: step.start_time,
    end_time: step.end_time,
    duration: step.duration,
    retry_count: step.retry_count,
    error: step.error,
  };
}
