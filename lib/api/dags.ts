// REST shapes of the DAG routes: definitions (create, edit; every step's operator and params
// checked, no cycle, no unknown dependency), triggering runs, and the run lists of the grid.
import { z } from "zod";
import { dagStepsSchema, DAG_RUN_STATUSES, type Dag, type DagRun, type DagRunStep } from "@/lib/protocol/entities/dags";
import { topicIdSchema } from "@/lib/protocol/entities/common";
import { DAG_OPERATOR_NAMES, DAG_OPERATORS, isDagOperator, PARAM_TEMPLATE } from "./dag-operators";
import type { Page } from "./jobs";

/** Seconds a step may run when its definition says nothing. */
export const DEFAULT_STEP_TIMEOUT_S = 300;

const stepIdSchema = z.string().regex(/^[A-Za-z0-9_.-]{1,64}$/, "must be 1-64 characters of A-Z a-z 0-9 _ . -");

const stepInput = z.object({
  step_id: stepIdSchema,
  depends_on: z.array(z.string()).max(50).default([]),
  operator: z.string().min(1, "is required"),
  params: z.record(z.string(), z.json()).default({}),
  retries: z.number().int().min(0, "must be 0-10").max(10, "must be 0-10").default(0),
  timeout_s: z.number().positive("must be more than 0").max(3600, "at most 3600 seconds").optional(),
});

/** The steps: each operator known and its params valid, then the graph rules of the protocol schema. */
const stepsInput = z
  .array(stepInput)
  .min(1, "a DAG needs at least one step")
  .max(100, "at most 100 steps")
  .superRefine((steps, ctx) => {
    steps.forEach((step, i) => {
      if (!isDagOperator(step.operator)) {
        ctx.addIssue({ code: "custom", path: [i, "operator"], message: `unknown operator "${step.operator}"; use one of ${DAG_OPERATOR_NAMES.join(", ")}` });
        return;
      }
      const parsed = DAG_OPERATORS[step.operator].params.safeParse(step.params);
      if (!parsed.success) {
        for (const issue of parsed.error.issues) {
          // A templated string is only known when a run fills it: the runner checks it then.
          const value = valueAt(step.params, issue.path);
          if (typeof value === "string" && PARAM_TEMPLATE.test(value)) continue;
          ctx.addIssue({ code: "custom", path: [i, "params", ...issue.path.map(String)], message: issue.message });
        }
      }
    });
    const graph = dagStepsSchema.safeParse(steps);
    if (!graph.success) for (const issue of graph.error.issues) ctx.addIssue({ code: "custom", path: issue.path.map(String), message: issue.message });
  });

function valueAt(root: unknown, path: readonly PropertyKey[]): unknown {
  let v: unknown = root;
  for (const key of path) v = v && typeof v === "object" ? (v as Record<PropertyKey, unknown>)[key] : undefined;
  return v;
}

/** POST /api/dags: `dag_id` is made from the name when absent. */
export const createDagBody = z.object({
  dag_id: topicIdSchema.optional(),
  name: z.string().trim().min(1, "is required").max(120),
  description: z.string().trim().max(2000).nullable().default(null),
  steps: stepsInput,
});
export type CreateDagBody = z.infer<typeof createDagBody>;

/** PUT /api/dags/{dag_id}: the whole definition again (name, description, steps). */
export const updateDagBody = createDagBody.omit({ dag_id: true });
export type UpdateDagBody = z.infer<typeof updateDagBody>;

/** POST /api/dags/{dag_id}/runs: optional params (steps read them as `{{params.name}}`). */
export const triggerRunBody = z.object({
  params: z.record(z.string(), z.json()).default({}),
  client_mutation_id: z.string().trim().min(1).max(128).optional(),
});

const csv = <T extends string>(values: readonly [T, ...T[]]) =>
  z
    .string()
    .transform((v) => v.split(",").map((s) => s.trim()).filter(Boolean))
    .pipe(z.array(z.enum(values)));

/** GET /api/dag-runs?dag_id=&status=&cursor=&limit=: newest first, each with its steps. */
export const listRunsQuery = z.object({
  dag_id: z.string().max(128).optional(),
  status: csv(DAG_RUN_STATUSES).optional(),
  cursor: z.string().max(200).optional(),
  limit: z.coerce.number().int().min(1).max(100).default(25),
});

export type DagsPage = Page<Dag>;
/** A run with its steps (GET /api/dag-runs/{run_id}, and each item of the run lists). */
export type DagRunDetail = DagRun & { steps: DagRunStep[] };
export type DagRunsPage = Page<DagRunDetail>;
