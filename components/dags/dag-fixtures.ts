// Valid DAGs, runs and run steps for the DAG tests (hooks, grid, page).
import type { DagRunDetail } from "@/lib/api/dags";
import type { Dag, DagRunStep } from "@/lib/protocol/entities/dags";
import { iso } from "@/lib/realtime/testing/fixtures";

export function makeDag(overrides: Partial<Dag> & { dag_id: string }): Dag {
  return {
    name: overrides.dag_id.toUpperCase(),
    description: null,
    steps: [
      { step_id: "extract", depends_on: [], operator: "delay", params: { ms: 10 }, retries: 0 },
      { step_id: "load", depends_on: ["extract"], operator: "notify", params: { title: "Done" }, retries: 1 },
    ],
    created_at: iso(0),
    updated_at: iso(0),
    version: 1,
    ...overrides,
  };
}

export function makeStep(overrides: Partial<DagRunStep> & { run_id: string; step_id: string }): DagRunStep {
  return {
    dag_id: "etl",
    status: "pending",
    start_time: null,
    end_time: null,
    duration: null,
    retry_count: 0,
    error: null,
    version: 1,
    ...overrides,
  };
}

/** A run with a step per `stepIds` (pending unless `statuses` says otherwise). */
export function makeRun(
  overrides: Partial<DagRunDetail> & { run_id: string },
  statuses: Record<string, DagRunStep["status"]> = {},
  stepIds: readonly string[] = ["extract", "load"],
): DagRunDetail {
  const dagId = overrides.dag_id ?? "etl";
  return {
    dag_id: dagId,
    status: "success",
    started_at: iso(1),
    ended_at: iso(3),
    total_steps: stepIds.length,
    completed_steps: stepIds.length,
    running_steps: 0,
    failed_steps: 0,
    pending_steps: 0,
    completion_percentage: 100,
    params: {},
    error: null,
    created_at: iso(1),
    client_mutation_id: null,
    version: 1,
    steps: stepIds.map((step_id) => makeStep({ dag_id: dagId, run_id: overrides.run_id, step_id, status: statuses[step_id] ?? "pending" })),
    ...overrides,
  };
}
