// Words and numbers of a DAG run page: status labels, step and run durations, attempts, counts and params.
import { DAG_OPERATORS, isDagOperator } from "@/lib/api/dag-operators";
import type { DagRun, DagRunStatus, DagRunStep, StepStatus } from "@/lib/protocol/entities/dags";
import { formatDuration } from "@/lib/utils";

export const RUN_STATUS_LABELS: Record<DagRunStatus, string> = {
  queued: "Queued",
  running: "Running",
  success: "Succeeded",
  failed: "Failed",
  cancelled: "Cancelled",
};

export const STEP_STATUS_LABELS: Record<StepStatus, string> = {
  pending: "Pending",
  running: "Running",
  success: "Succeeded",
  failed: "Failed",
  skipped: "Skipped",
  upstream_failed: "Upstream failed",
};

/** The step's label in words; a pending step that already failed once is waiting to retry. */
export function stepStatusText(step: Pick<DagRunStep, "status" | "retry_count">): string {
  if (step.status === "pending" && step.retry_count > 0) return "Waiting to retry";
  return STEP_STATUS_LABELS[step.status] ?? step.status;
}

/** "HTTP request" for `http_request`; an unknown operator as it is. */
export function operatorLabel(operator: string | null | undefined): string {
  if (!operator) return "Unknown operator";
  return isDagOperator(operator) ? DAG_OPERATORS[operator].label : operator;
}

/** Milliseconds for a step: "420 ms", "2.4 s", "42 s", "3m 5s"; "–" for null. */
export function formatStepDuration(ms: number | null | undefined): string {
  if (ms == null || !Number.isFinite(ms)) return "–";
  const v = Math.max(0, ms);
  if (v < 1000) return `${Math.round(v)} ms`;
  if (v < 10_000) return `${(Math.floor(v / 100) / 10).toFixed(1)} s`;
  if (v < 60_000) return `${Math.floor(v / 1000)} s`;
  return formatDuration(v / 1000);
}

/**
 * How long a step ran, or has been running at `now`, in ms; null when it never started. A finished
 * step's `duration` wins over its timestamps.
 */
export function stepElapsedMs(step: Pick<DagRunStep, "status" | "start_time" | "end_time" | "duration">, now: number): number | null {
  if (step.status !== "running" && step.duration != null && Number.isFinite(step.duration)) return Math.max(0, step.duration);
  const start = parseTime(step.start_time);
  if (start === null) return null;
  const end = parseTime(step.end_time) ?? (step.status === "running" ? now : null);
  return end === null ? null : Math.max(0, end - start);
}

/** How long the run ran, or has been running at `now`, in ms; null before it started. */
export function runElapsedMs(run: Pick<DagRun, "status" | "started_at" | "ended_at">, now: number): number | null {
  const start = parseTime(run.started_at);
  if (start === null) return null;
  const end = parseTime(run.ended_at) ?? (run.status === "running" || run.status === "queued" ? now : null);
  return end === null ? null : Math.max(0, end - start);
}

/** "No retries", "1 of 3 retries used", "Retried 2×" (when the allowance is unknown). */
export function retriesText(retryCount: number, allowed: number | null | undefined): string {
  if (allowed != null) {
    if (allowed === 0) return retryCount > 0 ? `Retried ${retryCount}×` : "No retries allowed";
    return `${retryCount} of ${allowed} ${allowed === 1 ? "retry" : "retries"} used`;
  }
  return retryCount === 0 ? "No retries" : `Retried ${retryCount}×`;
}

/** The short form for a graph node: "retry 1/3", or null when nothing was retried. */
export function retriesShort(retryCount: number, allowed: number | null | undefined): string | null {
  if (retryCount === 0) return null;
  return allowed != null && allowed > 0 ? `retry ${retryCount}/${allowed}` : `retried ${retryCount}×`;
}

/** The counts line under the progress bar, e.g. "3 of 5 steps done · 1 running · 1 failed". */
export function countsText(run: Pick<DagRun, "total_steps" | "completed_steps" | "running_steps" | "failed_steps" | "pending_steps">): string {
  const parts = [`${run.completed_steps} of ${run.total_steps} ${run.total_steps === 1 ? "step" : "steps"} done`];
  if (run.running_steps > 0) parts.push(`${run.running_steps} running`);
  if (run.failed_steps > 0) parts.push(`${run.failed_steps} failed`);
  if (run.pending_steps > 0) parts.push(`${run.pending_steps} pending`);
  return parts.join(" · ");
}

/** The trigger params as [name, shown value] pairs, sorted by name; strings as they are, the rest as JSON. */
export function paramEntries(params: Record<string, unknown> | null | undefined): Array<[string, string]> {
  if (!params || typeof params !== "object") return [];
  return Object.entries(params)
    .sort(([a], [b]) => a.localeCompare(b))
    .map(([k, v]) => [k, typeof v === "string" ? v : JSON.stringify(v) ?? String(v)]);
}

/** "12:03:04" for today's times, else the date and time, in the viewer's locale; "–" for null. */
export function formatClock(iso: string | null | undefined, now: number): string {
  const t = parseTime(iso);
  if (t === null) return "–";
  const d = new Date(t);
  const sameDay = new Date(now).toDateString() === d.toDateString();
  return sameDay ? d.toLocaleTimeString() : d.toLocaleString();
}

export function parseTime(iso: string | null | undefined): number | null {
  if (typeof iso !== "string") return null;
  const t = Date.parse(iso);
  return Number.isFinite(t) ? t : null;
}
