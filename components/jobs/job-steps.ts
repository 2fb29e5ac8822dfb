// The processing pipeline's four steps and the state of each for a job (done / current / pending /
// failed / cancelled), with the step timings this tab observed from pushes.
import type { Job } from "@/lib/protocol/entities/jobs";

export const JOB_STEPS = [
  { id: "text_extraction", label: "Text extraction", description: "Reading the file's text" },
  { id: "summarization", label: "Summarization", description: "Writing a short summary" },
  { id: "entity_extraction", label: "Entity extraction", description: "Finding people, organizations and places" },
  { id: "insight_extraction", label: "Insight extraction", description: "Drawing out key insights" },
] as const;

export type JobStepId = (typeof JOB_STEPS)[number]["id"];
export type StepState = "done" | "current" | "pending" | "failed" | "cancelled";

export interface StepView {
  id: JobStepId;
  label: string;
  description: string;
  state: StepState;
  /** How long the step took (done) or has been running (current), when this tab saw it start; else null. */
  durationMs: number | null;
}

/** When each step was seen to start and end (epoch ms), learned from pushes while the page is open. */
export type StepTimings = Partial<Record<JobStepId, { start?: number; end?: number }>>;

type JobLike = Pick<Job, "status" | "current_step" | "progress" | "started_at" | "completed_at" | "failed_at">;

/** The label of a step id ("text_extraction" -> "Text extraction"); unknown ids are prettified. */
export function stepLabel(step: string | null | undefined): string {
  if (!step) return "–";
  const known = JOB_STEPS.find((s) => s.id === step);
  if (known) return known.label;
  const words = step.replace(/[_-]+/g, " ").trim();
  return words.charAt(0).toUpperCase() + words.slice(1);
}

/**
 * The index of the step the job is at (or stopped at): its `current_step` when it names one, else
 * from its progress (each step is a quarter of it), else -1 when it never started.
 */
export function reachedStepIndex(job: JobLike): number {
  const byName = JOB_STEPS.findIndex((s) => s.id === job.current_step);
  if (byName !== -1) return byName;
  if (job.status === "queued") return -1;
  if (job.started_at == null && job.progress <= 0) return job.status === "failed" ? 0 : -1;
  return Math.min(JOB_STEPS.length - 1, Math.max(0, Math.floor(job.progress / (100 / JOB_STEPS.length))));
}

/** The four steps with their state for `job`, and durations from `timings` (and `now` for the running one). */
export function deriveSteps(job: JobLike, timings: StepTimings = {}, now = Date.now()): StepView[] {
  const reached = reachedStepIndex(job);
  return JOB_STEPS.map((step, i) => {
    let state: StepState;
    switch (job.status) {
      case "completed":
        state = "done";
        break;
      case "queued":
        state = "pending";
        break;
      case "processing":
        state = i < Math.max(reached, 0) ? "done" : i === Math.max(reached, 0) ? "current" : "pending";
        break;
      case "failed":
        state = i < reached ? "done" : i === reached ? "failed" : "pending";
        break;
      case "cancelled":
        state = i < reached ? "done" : i === reached ? "cancelled" : "pending";
        break;
      default:
        state = "pending";
    }
    const t = timings[step.id];
    let durationMs: number | null = null;
    if (t?.start !== undefined) {
      if (t.end !== undefined) durationMs = Math.max(0, t.end - t.start);
      else if (state === "current") durationMs = Math.max(0, now - t.start);
    }
    return { id: step.id, label: step.label, description: step.description, state, durationMs };
  });
}

/**
 * Timings after seeing `job` at time `at` (this tab's clock), given the copy seen before (`before`,
 * null on the first sighting). A step's start is known only when the tab saw the job move into it;
 * it ends when the job moves on, completes, fails or is cancelled. A step that was already running
 * when the page opened has no known start, so no duration is made up for it. Returns `prev` itself
 * when nothing changed.
 */
export function observeStepTimings(prev: StepTimings, before: JobLike | null, job: JobLike, at = Date.now()): StepTimings {
  if (before === null) return prev;
  if (job.status === "queued" && before.status !== "queued") return Object.keys(prev).length > 0 ? {} : prev; // retried: a new run
  const from = before.status === "processing" ? JOB_STEPS.findIndex((s) => s.id === before.current_step) : -1;
  const to = job.status === "processing" ? JOB_STEPS.findIndex((s) => s.id === job.current_step) : -1;
  if (from === to && before.status === job.status) return prev;

  const next: StepTimings = { ...prev };
  let changed = false;
  const set = (id: JobStepId, field: "start" | "end", value: number) => {
    const cur = next[id] ?? {};
    if (cur[field] !== undefined) return;
    next[id] = { ...cur, [field]: value };
    changed = true;
  };
  if (from !== -1) set(JOB_STEPS[from]!.id, "end", at);
  if (to !== -1 && to !== from) set(JOB_STEPS[to]!.id, "start", at);
  return changed ? next : prev;
}
