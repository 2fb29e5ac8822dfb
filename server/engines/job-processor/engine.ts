// The job processor: a bounded pool of workers that take queued jobs through the real steps
// (text extraction, summarization, entity extraction, insight extraction). Each step is a task that
// the agent scheduler gives to a capable agent; the processor reports the job's progress, current
// step and estimated completion through the jobs service as the steps finish.
import type { Job, JobResult } from "@/lib/protocol/entities/jobs";
import type { Logger } from "../../log";
import type { JobsService } from "../../services/jobs";
import type { AgentScheduler } from "../agent-scheduler/scheduler";
import type { TaskHandler } from "../agent-scheduler/task-handler";
import { ProcessingError } from "./steps/processing-error";

export const JOB_STEPS = ["text_extraction", "summarization", "entity_extraction", "insight_extraction"] as const;
export type JobStep = (typeof JOB_STEPS)[number];

const STEP_LABELS: Record<JobStep, string> = {
  text_extraction: "Extract the text",
  summarization: "Summarize",
  entity_extraction: "Find the entities",
  insight_extraction: "Analyse",
};

/** The processing steps, injected so that tests can slow or break one. */
export interface JobSteps {
  extractText(input: { path: string; filename: string }, options: { signal: AbortSignal }): Promise<{ text: string }>;
  summarize(text: string): string;
  extractEntities(text: string, options: { signal: AbortSignal }): Promise<JobResult["entities"]> | JobResult["entities"];
  extractInsights(text: string): string[];
}

export interface JobProcessorOptions {
  jobs: JobsService;
  steps: JobSteps;
  /** Runs each step as a task on an agent. */
  scheduler: AgentScheduler;
  /** After a job completed (knowledge, metrics); errors are logged, never fail the job. */
  onCompleted?: (job: Job) => Promise<void> | void;
  log: Logger;
  /** Workers running at once (JOB_CONCURRENCY, default 2). */
  concurrency: number;
  /** The pause each step's task makes (the scheduler's JOB_STEP_DELAY_MS), counted in the estimate. */
  stepDelayMs?: number;
  /** How often an idle worker looks for work queued by another instance. */
  idlePollMs?: number;
}

export interface JobProcessor {
  start(): Promise<void>;
  /** Stops taking jobs, aborts the ones in flight (they stay "processing" and are re-queued at next boot). */
  stop(): Promise<void>;
  figures(): { workers: number; busy: number; processed: number; failed: number };
}

export function createJobProcessor(options: JobProcessorOptions): JobProcessor {
  const { jobs, steps, log } = options;
  const stepDelayMs = options.stepDelayMs ?? 0;
  const idlePollMs = options.idlePollMs ?? 5_000;
  const averages = new Map<JobStep, number>(JOB_STEPS.map((s) => [s, 250]));
  const abort = new AbortController();
  let wake: (() => void) | null = null;
  let wakePending = false;
  let running = false;
  let busy = 0;
  let processed = 0;
  let failed = 0;
  let workers: Promise<void>[] = [];
  let stopQueued: (() => void) | null = null;

  function signal() {
    const w = wake;
    wake = null;
    if (w) w();
    else wakePending = true; // nobody idle now: the next worker to go idle looks again at once
  }

  function idle(): Promise<void> {
    if (wakePending) {
      wakePending = false;
      return Promise.resolve();
    }
    return new Promise((resolve) => {
      const timer = setTimeout(done, idlePollMs);
      timer.unref();
      const previous = wake;
      wake = done;
      function done() {
        clearTimeout(timer);
        previous?.();
        resolve();
      }
    });
  }

  function eta(from: number): Date {
    let ms = 0;
    for (let i = from; i < JOB_STEPS.length; i++) ms += averages.get(JOB_STEPS[i]!)! + stepDelayMs;
    return new Date(Date.now() + ms);
  }

  /** Announces the step; false when the job left "processing" (cancelled) or the engine stops. */
  async function enter(jobId: string, index: number): Promise<boolean> {
    if (abort.signal.aborted) return false;
    return jobs.progress(jobId, { current_step: JOB_STEPS[index]!, progress: index * 25, estimated_completion: eta(index) });
  }

  /** Runs one step as a task on an agent; the step's value, or null when the job was cancelled or the engine stops. */
  async function runStep<V>(jobId: string, ownerId: string | null, filename: string, step: JobStep, handler: TaskHandler<V>): Promise<{ value: V } | null> {
    const started = performance.now();
    const outcome = await options.scheduler.run<V>({ description: `${STEP_LABELS[step]} of ${filename}`, type: step, jobId, ownerId }, handler);
    if (outcome.status === "cancelled" || abort.signal.aborted) return null;
    if (outcome.status === "failed") {
      throw new ProcessingError("unreadable", outcome.error.message);
    }
    const took = performance.now() - started - stepDelayMs;
    averages.set(step, averages.get(step)! * 0.8 + Math.max(0, took) * 0.2);
    return { value: outcome.value as V };
  }

  async function process(jobId: string, ownerId: string | null, filePath: string, filename: string): Promise<void> {
    try {
      if (!(await enter(jobId, 0))) return;
      const extracted = await runStep(jobId, ownerId, filename, "text_extraction", async ({ signal }) => {
        const { text } = await steps.extractText({ path: filePath, filename }, { signal });
        return { result: { characters: text.length }, value: text };
      });
      if (!extracted || !(await enter(jobId, 1))) return;
      const text = extracted.value;
      const summary = await runStep(jobId, ownerId, filename, "summarization", async () => {
        const value = steps.summarize(text);
        return { result: { summary: value }, value };
      });
      if (!summary || !(await enter(jobId, 2))) return;
      const entities = await runStep(jobId, ownerId, filename, "entity_extraction", async ({ signal }) => {
        const value = await steps.extractEntities(text, { signal });
        return { result: { entities: value.length }, value };
      });
      if (!entities || !(await enter(jobId, 3))) return;
      const insights = await runStep(jobId, ownerId, filename, "insight_extraction", async () => {
        const value = steps.extractInsights(text);
        return { result: { insights: value }, value };
      });
      if (!insights || abort.signal.aborted) return;
      const job = await jobs.complete(jobId, { extracted_text: text, summary: summary.value, entities: entities.value, insights: insights.value });
      if (!job) return;
      processed += 1;
      try {
        await options.onCompleted?.(job);
      } catch (err) {
        log.error({ err, job_id: jobId }, "could not record what a completed job produced");
      }
    } catch (err) {
      if (abort.signal.aborted) return;
      failed += 1;
      const message = err instanceof Error && err.name === "ProcessingError" ? err.message : `processing failed unexpectedly: ${err instanceof Error ? err.message : String(err)}`;
      if (!(err instanceof Error && err.name === "ProcessingError")) log.error({ err, job_id: jobId }, "job failed unexpectedly");
      await jobs.fail(jobId, message).catch((e: unknown) => log.error({ err: e, job_id: jobId }, "could not record a job failure"));
    }
  }

  async function worker(): Promise<void> {
    while (running) {
      let claimed;
      try {
        claimed = await jobs.claimNext();
      } catch (err) {
        if (!running) return;
        log.error({ err }, "could not take a job from the queue");
        await idle();
        continue;
      }
      if (!claimed) {
        await idle();
        continue;
      }
      busy += 1;
      try {
        await process(claimed.job.job_id, claimed.ownerId, claimed.filePath, claimed.job.filename ?? "upload");
      } finally {
        busy -= 1;
      }
    }
  }

  return {
    async start() {
      const requeued = await jobs.requeueInterrupted();
      if (requeued.length > 0) log.info({ jobs: requeued.map((j) => j.job_id) }, "re-queued jobs interrupted by the last stop");
      running = true;
      stopQueued = jobs.onQueued(signal);
      workers = Array.from({ length: options.concurrency }, () => worker());
    },
    async stop() {
      running = false;
      abort.abort();
      stopQueued?.();
      for (let i = 0; i < options.concurrency; i++) signal();
      await Promise.all(workers);
    },
    figures: () => ({ workers: options.concurrency, busy, processed, failed }),
  };
}
