// Display helpers for jobs: type and status labels, elapsed time, and the "duration / ETA" column's text.
import type { Job, JobStatus } from "@/lib/protocol/entities/jobs";
import { formatDuration } from "@/lib/utils";

export const JOB_STATUS_LABELS: Record<JobStatus, string> = {
  queued: "Queued",
  processing: "Processing",
  completed: "Completed",
  failed: "Failed",
  cancelled: "Cancelled",
};

const TYPE_LABELS: Record<string, string> = {
  text: "Text",
  markdown: "Markdown",
  csv: "CSV",
  json: "JSON",
  html: "HTML",
  pdf: "PDF",
  other: "Other",
};

/** "csv" -> "CSV"; unknown types are shown as they are. */
export function jobTypeLabel(type: string): string {
  return TYPE_LABELS[type] ?? type;
}

/** 850 -> "850 ms", 95_000 -> "1m 35s". */
export function formatElapsed(ms: number | null | undefined): string {
  if (ms == null || !Number.isFinite(ms)) return "–";
  if (ms < 1000) return `${Math.max(0, Math.round(ms))} ms`;
  return formatDuration(ms / 1000);
}

/** How long the job ran (or has been running), in ms; null when it never started. */
export function jobElapsedMs(job: Pick<Job, "status" | "created_at" | "started_at" | "completed_at" | "failed_at">, now = Date.now()): number | null {
  const start = Date.parse(job.started_at ?? "");
  if (!Number.isFinite(start)) return null;
  const endIso = job.completed_at ?? job.failed_at;
  const end = endIso ? Date.parse(endIso) : job.status === "processing" ? now : NaN;
  return Number.isFinite(end) ? Math.max(0, end - start) : null;
}

/** The "Duration / ETA" cell: ETA while processing, the run time once done, "Waiting" while queued. */
export function durationOrEta(
  job: Pick<Job, "status" | "created_at" | "started_at" | "completed_at" | "failed_at" | "estimated_completion">,
  now = Date.now(),
): { text: string; kind: "eta" | "duration" | "none" } {
  if (job.status === "queued") return { text: "Waiting", kind: "none" };
  if (job.status === "processing") {
    const eta = Date.parse(job.estimated_completion ?? "");
    if (!Number.isFinite(eta)) return { text: "Estimating…", kind: "eta" };
    const left = eta - now;
    return { text: left <= 2_000 ? "Almost done" : `~${formatDuration(Math.ceil(left / 1000))} left`, kind: "eta" };
  }
  const elapsed = jobElapsedMs(job, now);
  return elapsed === null ? { text: "–", kind: "none" } : { text: formatElapsed(elapsed), kind: "duration" };
}

/** A sortable number for the duration column (ETA in ms from now while processing; queued last). */
export function durationSortValue(job: Pick<Job, "status" | "created_at" | "started_at" | "completed_at" | "failed_at" | "estimated_completion">, now = Date.now()): number {
  if (job.status === "processing") {
    const eta = Date.parse(job.estimated_completion ?? "");
    return Number.isFinite(eta) ? Math.max(0, eta - now) : Number.MAX_SAFE_INTEGER - 1;
  }
  return jobElapsedMs(job, now) ?? Number.MAX_SAFE_INTEGER;
}
