// When and how a job finished: only completed jobs (at completed_at) and failed jobs (at failed_at)
// count as finished; queued, processing and cancelled jobs, or a finish without its time, do not.
import type { HistoryJob } from "./history";
import { spanContains, type TimeSpan } from "./periods";

export interface FinishedJob {
  job: HistoryJob;
  outcome: "completed" | "failed";
  finishedAt: Date;
}

export function asFinished(job: HistoryJob): FinishedJob | null {
  if (job.status === "completed" && job.completed_at) return { job, outcome: "completed", finishedAt: job.completed_at };
  if (job.status === "failed" && job.failed_at) return { job, outcome: "failed", finishedAt: job.failed_at };
  return null;
}

export function jobsFinishedWithin(jobs: readonly HistoryJob[], span: TimeSpan): FinishedJob[] {
  return jobs.map(asFinished).filter((f): f is FinishedJob => f !== null && spanContains(span, f.finishedAt));
}

/** Finished and failed counts of a set of finished jobs. */
export function outcomeCounts(finished: readonly FinishedJob[]): { finished: number; failed: number } {
  return { finished: finished.length, failed: finished.filter((f) => f.outcome === "failed").length };
}
