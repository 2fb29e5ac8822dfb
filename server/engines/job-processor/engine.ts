// The job processor: a bounded pool of workers that take queued jobs through the real steps
// (text extraction, summarization, entity extraction, insight extraction), reporting progress,
// the current step and an estimated completion through the jobs service as they go.
import type { JobResult } from "@/lib/protocol/entities/jobs";
import type { Logger } from "../../log";
import type { JobsService } from "../../services/jobs";

export const JOB_STEPS = ["text_extraction", "summarization", "entity_extraction", "insight_extraction"] as const;
export type JobStep = (typeof JOB_STEPS)[number];

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
  log: Logger;
  /** Workers running at once (JOB_CONCURRENCY, default 2). */
  concurrency: number;
  /** A pause before each step (JOB_STEP_DELAY_MS, default 0): for demos and tests that watch a job move. */
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

  async function runStep<T>(step: JobStep, fn: () => Promise<T> | T): Promise<T> {
    const started = performance.now();
    const value = await fn();
    const took = performance.now() - started;
    averages.set(step, averages.get(step)! * 0.8 + took * 0.2);
    return value;
  }

  async function pause() {
    if (stepDelayMs > 0) await new Promise<void>((resolve) => setTimeout(resolve, stepDelayMs).unref());
    else await new Promise<void>((resolve) => setImmediate(resolve));
  }

  /** Announces the step; false when the job left "processing" (cancelled) or the engine stops. */
  async function enter(jobId: string, index: number): Promise<boolean> {
    if (abort.signal.aborted) return false;
    const ok = await jobs.progress(jobId, { current_step: JOB_STEPS[index]!, progress: index * 25, estimated_completion: eta(index) });
    if (!ok) return false;
    await pause();
    return !abort.signal.aborted && (await jobs.isProcessing(jobId));
  }

  async function process(jobId: string, filePath: string, filename: string): Promise<void> {
    try {
      if (!(await enter(jobId, 0))) return;
      const { text } = await runStep("text_extraction", () => steps.extractText({ path: filePath, filename }, { signal: abort.signal }));
      if (!(await enter(jobId, 1))) return;
      const summary = await runStep("summarization", () => steps.summarize(text));
      if (!(await enter(jobId, 2))) return;
      const entities = await runStep("entity_extraction", () => steps.extractEntities(text, { signal: abort.signal }));
      if (!(await enter(jobId, 3))) return;
      const insights = await runStep("insight_extraction", () => steps.extractInsights(text));
      if (abort.signal.aborted) return;
      if (await jobs.complete(jobId, { extracted_text: text, summary, entities, insights })) processed += 1;
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
        await process(claimed.job.job_id, claimed.filePath, claimed.job.filename ?? "upload");
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
