// Words and shapes of the DAGs page: status labels, steps in dependency order, the grid's cell and
// run descriptions, issue paths as people read them, the editor's template and step formatting.
import { DAG_OPERATORS, isDagOperator } from "@/lib/api/dag-operators";
import type { Dag, DagRunStatus, DagRunStep, DagStepDefinition, StepStatus } from "@/lib/protocol/entities/dags";
import type { DagRunRow } from "@/lib/query/hooks/use-dags";
import { formatDuration } from "@/lib/utils";

export const STEP_STATUS_LABELS: Record<StepStatus, string> = {
  pending: "pending",
  running: "running",
  success: "success",
  failed: "failed",
  skipped: "skipped",
  upstream_failed: "upstream failed",
};

export const RUN_STATUS_LABELS: Record<DagRunStatus, string> = {
  queued: "queued",
  running: "running",
  success: "success",
  failed: "failed",
  cancelled: "cancelled",
};

/** An operator's label ("HTTP request"), or its name when unknown. */
export function operatorLabel(operator: string): string {
  return isDagOperator(operator) ? DAG_OPERATORS[operator].label : operator;
}

/** The distinct operators of a DAG, in the order they first appear. */
export function dagOperators(dag: Pick<Dag, "steps">): string[] {
  return [...new Set(dag.steps.map((s) => s.operator))];
}

/**
 * The steps in dependency order (each after the steps it depends on); among steps that are ready
 * together, the definition's order. Steps caught in a cycle (never stored, but be safe) come last.
 */
export function topologicalSteps<S extends Pick<DagStepDefinition, "step_id" | "depends_on">>(steps: readonly S[]): S[] {
  const ids = new Set(steps.map((s) => s.step_id));
  const remaining = new Map(steps.map((s) => [s.step_id, new Set((s.depends_on ?? []).filter((d) => ids.has(d) && d !== s.step_id))] as const));
  const out: S[] = [];
  const placed = new Set<string>();
  let progress = true;
  while (progress && out.length < steps.length) {
    progress = false;
    for (const step of steps) {
      if (placed.has(step.step_id)) continue;
      const deps = remaining.get(step.step_id)!;
      if ([...deps].every((d) => placed.has(d))) {
        out.push(step);
        placed.add(step.step_id);
        progress = true;
      }
    }
  }
  for (const step of steps) if (!placed.has(step.step_id)) out.push(step);
  return out;
}

/** Milliseconds as the grid says them: "850 ms", "1.2 s", "2m 5s". */
export function formatStepDuration(ms: number | null | undefined): string | null {
  if (ms == null || !Number.isFinite(ms) || ms < 0) return null;
  if (ms < 1000) return `${Math.round(ms)} ms`;
  if (ms < 60_000) return `${(ms / 1000).toFixed(1).replace(/\.0$/, "")} s`;
  return formatDuration(ms / 1000);
}

/** The run's duration in ms (ended − started), or null while it has not ended. */
export function runDurationMs(run: Pick<DagRunRow, "started_at" | "ended_at">): number | null {
  if (!run.started_at || !run.ended_at) return null;
  const ms = Date.parse(run.ended_at) - Date.parse(run.started_at);
  return Number.isFinite(ms) && ms >= 0 ? ms : null;
}

/** A grid cell in words: `extract: success, 1.2 s, retries 1` (and the error of a failed step). */
export function describeStepCell(stepId: string, step: Pick<DagRunStep, "status" | "duration" | "retry_count" | "error"> | undefined): string {
  if (!step) return `${stepId}: ${STEP_STATUS_LABELS.pending}`;
  const parts = [`${stepId}: ${STEP_STATUS_LABELS[step.status] ?? step.status}`];
  const duration = formatStepDuration(step.duration);
  if (duration && step.status !== "pending") parts.push(duration);
  if (step.retry_count > 0) parts.push(`retries ${step.retry_count}`);
  const text = parts.join(", ");
  return step.error && (step.status === "failed" || step.status === "upstream_failed") ? `${text} (${step.error})` : text;
}

/** A run in words: `Run started 10:42:13: success, 3.4 s` (a pending one: `Run being triggered`). */
export function describeRun(run: DagRunRow, timeFormat: (iso: string) => string = defaultTime): string {
  if (run._pending) return "Run being triggered: queued";
  const when = run.started_at ?? run.created_at;
  const head = when ? `Run ${run.started_at ? "started" : "queued"} ${timeFormat(when)}` : `Run ${run.run_id}`;
  const parts = [`${head}: ${RUN_STATUS_LABELS[run.status] ?? run.status}`];
  const duration = formatStepDuration(runDurationMs(run));
  if (duration) parts.push(duration);
  if (run.status === "running") parts.push(`${run.completed_steps} of ${run.total_steps} steps done`);
  const text = parts.join(", ");
  return run.error ? `${text} (${run.error})` : text;
}

function defaultTime(iso: string): string {
  const d = new Date(iso);
  return Number.isNaN(d.getTime()) ? iso : d.toLocaleString(undefined, { dateStyle: "medium", timeStyle: "medium" });
}

/**
 * The runs the grid shows, oldest first (newest on the right): the newest `limit` of them, by
 * creation time (runs being triggered are the newest).
 */
export function gridRuns(runs: readonly DagRunRow[], limit: number): DagRunRow[] {
  const time = (r: DagRunRow) => (r._pending ? Number.POSITIVE_INFINITY : toTime(r.created_at) ?? toTime(r.started_at) ?? Number.POSITIVE_INFINITY);
  const newestFirst = runs
    .map((run, index) => ({ run, index }))
    .sort((a, b) => time(b.run) - time(a.run) || a.index - b.index)
    .map((x) => x.run);
  return newestFirst.slice(0, limit).reverse();
}

/**
 * The grid's rows: the definition's steps in dependency order, then any step the shown runs have
 * that the definition no longer has (it was edited since).
 */
export function gridRows(dag: Pick<Dag, "steps">, runs: readonly Pick<DagRunRow, "steps">[]): Array<{ step_id: string; operator: string | null; removed: boolean }> {
  const rows = topologicalSteps(dag.steps).map((s) => ({ step_id: s.step_id, operator: s.operator as string | null, removed: false }));
  const known = new Set(rows.map((r) => r.step_id));
  for (const run of runs) {
    for (const step of run.steps ?? []) {
      if (known.has(step.step_id)) continue;
      known.add(step.step_id);
      rows.push({ step_id: step.step_id, operator: null, removed: true });
    }
  }
  return rows;
}

/** `steps.1.depends_on.0` -> `steps[1].depends_on[0]` (numeric segments as indexes). */
export function formatIssuePath(path: ReadonlyArray<string | number> | string): string {
  const parts = typeof path === "string" ? (path === "" ? [] : path.split(".")) : path.map(String);
  let out = "";
  for (const part of parts) {
    if (/^\d+$/.test(part)) out += `[${part}]`;
    else out += out ? `.${part}` : part;
  }
  return out;
}

/** The parameter names a DAG's steps read as `{{params.name}}`, in order of appearance. */
export function referencedParams(dag: Pick<Dag, "steps">): string[] {
  const names = new Set<string>();
  const visit = (v: unknown) => {
    if (typeof v === "string") {
      for (const m of v.matchAll(/\{\{\s*params\.([A-Za-z0-9_]+)\s*\}\}/g)) names.add(m[1]!);
    } else if (Array.isArray(v)) v.forEach(visit);
    else if (v && typeof v === "object") Object.values(v).forEach(visit);
  };
  dag.steps.forEach((s) => visit(s.params));
  return [...names];
}

// ---- editor ----

/** A step as the editor writes it: the fields in a readable order, defaults left out. */
function tidyStep(step: Partial<DagStepDefinition> & Record<string, unknown>): Record<string, unknown> {
  const { step_id, operator, depends_on, params, retries, timeout_s, ...rest } = step;
  const out: Record<string, unknown> = { step_id, operator };
  if (Array.isArray(depends_on) && depends_on.length > 0) out.depends_on = depends_on;
  out.params = params ?? {};
  if (typeof retries === "number" && retries > 0) out.retries = retries;
  if (timeout_s !== undefined) out.timeout_s = timeout_s;
  return { ...out, ...rest };
}

/** Steps as the editor's JSON: two-space indented, short lists and objects kept on one line. */
export function formatSteps(steps: ReadonlyArray<Partial<DagStepDefinition> & Record<string, unknown>>): string {
  return formatJson(steps.map(tidyStep));
}

/** JSON with two-space indentation, where a list or object without nested ones fits on one line (≤ 72 characters). */
export function formatJson(value: unknown, indent = ""): string {
  if (Array.isArray(value) || (value && typeof value === "object")) {
    const entries = Array.isArray(value) ? value.map((v) => [null, v] as const) : Object.entries(value as Record<string, unknown>);
    const [open, close] = Array.isArray(value) ? ["[", "]"] : ["{", "}"];
    if (entries.length === 0) return `${open}${close}`;
    const flat = entries.every(([, v]) => v === null || typeof v !== "object" || (Array.isArray(v) && v.length === 0));
    const item = ([k, v]: readonly [string | null, unknown], ind: string) => `${k === null ? "" : `${JSON.stringify(k)}: `}${formatJson(v, ind)}`;
    if (flat) {
      const line = `${open}${Array.isArray(value) ? "" : " "}${entries.map((e) => item(e, indent)).join(", ")}${Array.isArray(value) ? "" : " "}${close}`;
      if (line.length + indent.length <= 72) return line;
    }
    const inner = `${indent}  `;
    return `${open}\n${entries.map((e) => `${inner}${item(e, inner)}`).join(",\n")}\n${indent}${close}`;
  }
  return JSON.stringify(value) ?? "null";
}

/** The starting definition of a new DAG: wait, process a document, notify. */
export const DAG_TEMPLATE_STEPS: DagStepDefinition[] = [
  { step_id: "wait", operator: "delay", depends_on: [], params: { ms: 500 }, retries: 0 },
  { step_id: "process", operator: "process_file", depends_on: ["wait"], params: { ...DAG_OPERATORS.process_file.example }, retries: 1 },
  {
    step_id: "announce",
    operator: "notify",
    depends_on: ["process"],
    params: { title: "{{params.title}}", message: "The document was processed.", level: "success" },
    retries: 0,
  },
];

/** A step id not used yet: `delay`, then `delay_2`, `delay_3`... */
export function uniqueStepId(base: string, taken: Iterable<string>): string {
  const used = new Set(taken);
  if (!used.has(base)) return base;
  for (let n = 2; ; n += 1) if (!used.has(`${base}_${n}`)) return `${base}_${n}`;
}

/**
 * The editor's text with a new step appended (using the operator's example params, depending on
 * the last step), or null when the text is not a JSON list of steps.
 */
export function appendStep(text: string, operator: keyof typeof DAG_OPERATORS): string | null {
  let steps: unknown;
  try {
    steps = text.trim() === "" ? [] : JSON.parse(text);
  } catch {
    return null;
  }
  if (!Array.isArray(steps)) return null;
  const ids = steps.map((s) => (s && typeof s === "object" && typeof (s as { step_id?: unknown }).step_id === "string" ? (s as { step_id: string }).step_id : "")).filter(Boolean);
  const last = ids.at(-1);
  const step = { step_id: uniqueStepId(operator, ids), operator, depends_on: last ? [last] : [], params: { ...DAG_OPERATORS[operator].example } };
  return formatSteps([...(steps as Array<Record<string, unknown>>), step]);
}

function toTime(v: string | null | undefined): number | null {
  if (!v) return null;
  const t = Date.parse(v);
  return Number.isNaN(t) ? null : t;
}
