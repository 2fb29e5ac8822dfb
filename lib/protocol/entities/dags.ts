// DAGs (topics `dags`, `dags:{dag_id}`, `dag-runs:{run_id}`): definitions, runs and run steps.
import { z } from "zod";
import { entityVersionSchema, isoDateTimeSchema, jsonObjectSchema, nonNegativeSchema, nonNegativeIntSchema, percentSchema, topicIdSchema } from "./common";

const stepId = z.string().min(1).max(128);

export const dagStepDefinitionSchema = z.object({
  step_id: stepId,
  /** step_ids of this DAG that must succeed first. */
  depends_on: z.array(stepId),
  operator: z.string().min(1),
  params: jsonObjectSchema,
  retries: nonNegativeIntSchema.max(100),
  /** Seconds a step may run before it fails; when absent the runner applies its default. */
  timeout_s: z.number().positive().optional(),
});
export type DagStepDefinition = z.infer<typeof dagStepDefinitionSchema>;

/** The steps of a definition: unique ids, dependencies that exist, and no cycle. */
export const dagStepsSchema = z
  .array(dagStepDefinitionSchema)
  .min(1)
  .superRefine((steps, ctx) => {
    const ids = new Set<string>();
    steps.forEach((step, i) => {
      if (ids.has(step.step_id)) {
        ctx.addIssue({ code: "custom", path: [i, "step_id"], message: `duplicate step_id "${step.step_id}"` });
      }
      ids.add(step.step_id);
    });
    steps.forEach((step, i) => {
      step.depends_on.forEach((dep, j) => {
        if (!ids.has(dep)) {
          ctx.addIssue({ code: "custom", path: [i, "depends_on", j], message: `unknown step "${dep}"` });
        } else if (dep === step.step_id) {
          ctx.addIssue({ code: "custom", path: [i, "depends_on", j], message: "a step cannot depend on itself" });
        }
      });
    });
    const cycle = findCycle(steps);
    if (cycle) ctx.addIssue({ code: "custom", path: [], message: `dependency cycle: ${cycle.join(" -> ")}` });
  });

export const dagSchema = z.object({
  dag_id: topicIdSchema,
  name: z.string().min(1),
  description: z.string().nullable(),
  steps: dagStepsSchema,
  /** Not in PROTOCOL.md: when the definition was created and last changed (null from older producers). */
  created_at: isoDateTimeSchema.nullable().default(null),
  updated_at: isoDateTimeSchema.nullable().default(null),
  version: entityVersionSchema,
});
export type Dag = z.infer<typeof dagSchema>;

export const DAG_RUN_STATUSES = ["queued", "running", "success", "failed", "cancelled"] as const;
export const dagRunStatusSchema = z.enum(DAG_RUN_STATUSES);
export type DagRunStatus = z.infer<typeof dagRunStatusSchema>;

export const dagRunSchema = z.object({
  dag_id: topicIdSchema,
  run_id: topicIdSchema,
  status: dagRunStatusSchema,
  started_at: isoDateTimeSchema.nullable(),
  ended_at: isoDateTimeSchema.nullable(),
  total_steps: nonNegativeIntSchema,
  completed_steps: nonNegativeIntSchema,
  running_steps: nonNegativeIntSchema,
  failed_steps: nonNegativeIntSchema,
  pending_steps: nonNegativeIntSchema,
  /** 0-100. */
  completion_percentage: percentSchema,
  /** Not in PROTOCOL.md: the params the run was triggered with (steps see them as `{{params.x}}`). */
  params: jsonObjectSchema.default({}),
  /** Not in PROTOCOL.md: why the run failed or was cancelled (e.g. interrupted by a restart), else null. */
  error: z.string().nullable().default(null),
  /** Not in PROTOCOL.md: when it was triggered, and the id the trigger request sent (optimistic rows). */
  created_at: isoDateTimeSchema.nullable().default(null),
  client_mutation_id: z.string().min(1).max(128).nullable().default(null),
  version: entityVersionSchema,
});
export type DagRun = z.infer<typeof dagRunSchema>;

export const STEP_STATUSES = ["pending", "running", "success", "failed", "skipped", "upstream_failed"] as const;
export const stepStatusSchema = z.enum(STEP_STATUSES);
export type StepStatus = z.infer<typeof stepStatusSchema>;

export const dagRunStepSchema = z.object({
  dag_id: topicIdSchema,
  run_id: topicIdSchema,
  step_id: stepId,
  status: stepStatusSchema,
  start_time: isoDateTimeSchema.nullable(),
  end_time: isoDateTimeSchema.nullable(),
  /** Milliseconds; null until the step ends. */
  duration: nonNegativeSchema.nullable(),
  retry_count: nonNegativeIntSchema,
  error: z.string().nullable(),
  version: entityVersionSchema,
});
export type DagRunStep = z.infer<typeof dagRunStepSchema>;

export const dagCreatedSchema = dagSchema;
/** Not in PROTOCOL.md: an edited definition (whole DAG), and a deleted one (id and the deletion's version). */
export const dagUpdatedSchema = dagSchema;
export const dagDeletedSchema = z.object({ dag_id: topicIdSchema, version: entityVersionSchema });
export type DagDeleted = z.infer<typeof dagDeletedSchema>;
/** `dag_run_status` and `dag_run_progress`: the whole run. */
export const dagRunStatusEventSchema = dagRunSchema;
export const dagRunProgressSchema = dagRunSchema;
/** `step_status`: the whole run step. */
export const stepStatusEventSchema = dagRunStepSchema;

/** Returns the step ids of one dependency cycle, or null when the graph is acyclic. */
function findCycle(steps: readonly { step_id: string; depends_on: readonly string[] }[]): string[] | null {
  const deps = new Map(steps.map((s) => [s.step_id, s.depends_on] as const));
  const state = new Map<string, "visiting" | "done">();
  const stack: string[] = [];
  const visit = (id: string): string[] | null => {
    const seen = state.get(id);
    if (seen === "done") return null;
    if (seen === "visiting") return [...stack.slice(stack.indexOf(id)), id];
    state.set(id, "visiting");
    stack.push(id);
    for (const dep of deps.get(id) ?? []) {
      if (dep === id || !deps.has(dep)) continue; // reported separately
      const cycle = visit(dep);
      if (cycle) return cycle;
    }
    stack.pop();
    state.set(id, "done");
    return null;
  };
  for (const s of steps) {
    const cycle = visit(s.step_id);
    if (cycle) return cycle;
  }
  return null;
}
