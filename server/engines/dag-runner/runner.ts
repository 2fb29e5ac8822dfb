// The DAG runner: takes queued runs (several at once), runs each run's ready steps in parallel up to
// a limit, times steps out, retries failed steps with backoff, and ends the run when nothing is left.
// Cancelling a run aborts its running steps; stopping the server leaves runs for the next boot,
// which fails them with the reason (DagsService.failInterrupted).
import type { DagStepDefinition, DagRun } from "@/lib/protocol/entities/dags";
import type { JsonObject } from "@/lib/protocol/entities/common";
import { DEFAULT_STEP_TIMEOUT_S } from "@/lib/api/dags";
import { readySteps } from "@/lib/api/dag-graph";
import type { Logger } from "../../log";
import type { DagsService } from "../../services/dags";
import type { JobsService } from "../../services/jobs";
import type { NotificationsService } from "../../services/notifications";
import { decideRetry, type RetryPolicy } from "../retry-policy";
import { PermanentStepError, runOperator } from "./operators";
import { fillParams } from "./templating";

export interface DagRunnerOptions {
  dags: DagsService;
  jobs: JobsService;
  notifications: NotificationsService;
  log: Logger;
  /** Runs at once (DAG_RUN_CONCURRENCY). */
  concurrency: number;
  /** Steps of one run at once (DAG_PARALLELISM). */
  parallelism: number;
  retryPolicy: RetryPolicy;
  /** Hosts `http_request` may call (DAG_HTTP_ALLOW). */
  httpAllow: readonly string[];
  /** How often an idle runner looks for runs queued by another instance. */
  idlePollMs?: number;
}

export interface DagRunner {
  start(): Promise<void>;
  stop(): Promise<void>;
  figures(): { runners: number; active: number };
}

type Stop = { kind: "cancelled" | "stopping" };

export function createDagRunner(options: DagRunnerOptions): DagRunner {
  const { dags, log } = options;
  const idlePollMs = options.idlePollMs ?? 5_000;
  const active = new Map<string, AbortController>();
  const teardowns: (() => void)[] = [];
  let running = false;
  let workers: Promise<void>[] = [];
  let wakeIdle: (() => void)[] = [];

  function wakeAll() {
    const w = wakeIdle;
    wakeIdle = [];
    for (const wake of w) wake();
  }

  function idle(): Promise<void> {
    return new Promise((resolve) => {
      const timer = setTimeout(done, idlePollMs);
      timer.unref();
      wakeIdle.push(done);
      function done() {
        clearTimeout(timer);
        resolve();
      }
    });
  }

  async function worker(): Promise<void> {
    while (running) {
      let claimed;
      try {
        claimed = await dags.claimQueued();
      } catch (err) {
        if (!running) return;
        log.error({ err }, "could not take a DAG run from the queue");
        claimed = undefined;
      }
      if (!claimed) {
        await idle();
        continue;
      }
      try {
        await execute(claimed.run, claimed.definition, claimed.ownerId);
      } catch (err) {
        log.error({ err, run_id: claimed.run.run_id }, "a DAG run failed unexpectedly");
      }
    }
  }

  async function execute(run: DagRun, definition: DagStepDefinition[], ownerId: string | null): Promise<void> {
    const controller = new AbortController();
    active.set(run.run_id, controller);
    const inFlight = new Map<string, Promise<void>>();
    let wake: (() => void) | null = null;
    const poke = () => {
      const w = wake;
      wake = null;
      w?.();
    };
    controller.signal.addEventListener("abort", poke);
    try {
      for (;;) {
        if (controller.signal.aborted) return;
        const state = await dags.state(run.run_id);
        if (state.status !== "running") return; // cancelled meanwhile
        const now = new Date();
        const ready = readySteps(definition, state.steps, now).filter((id) => !inFlight.has(id));
        for (const stepId of ready.slice(0, Math.max(0, options.parallelism - inFlight.size))) {
          const step = definition.find((s) => s.step_id === stepId)!;
          const retryCount = state.steps.find((s) => s.step_id === stepId)?.retry_count ?? 0;
          const p = runStep({ run_id: run.run_id, dag_id: run.dag_id, owner_id: ownerId, params: run.params }, step, retryCount, definition, controller.signal).finally(() => {
            inFlight.delete(stepId);
            poke();
          });
          inFlight.set(stepId, p);
        }
        const nextRetry = state.steps
          .filter((s) => s.status === "pending" && s.next_attempt_at && s.next_attempt_at.getTime() > now.getTime())
          .reduce<number | null>((min, s) => Math.min(min ?? Infinity, s.next_attempt_at!.getTime() - now.getTime()), null);
        if (inFlight.size === 0 && ready.length === 0 && nextRetry === null) {
          if (!(await dags.finish(run.run_id))) log.error({ run_id: run.run_id }, "a DAG run has nothing to run but is not finished");
          return;
        }
        await new Promise<void>((resolve) => {
          const timer = nextRetry === null ? null : setTimeout(resolve, nextRetry + 5);
          timer?.unref();
          wake = () => {
            if (timer) clearTimeout(timer);
            resolve();
          };
          if (controller.signal.aborted) wake();
        });
      }
    } finally {
      await Promise.allSettled(inFlight.values());
      active.delete(run.run_id);
    }
  }

  async function runStep(
    run: { run_id: string; dag_id: string; owner_id: string | null; params: JsonObject },
    step: DagStepDefinition,
    retryCount: number,
    definition: DagStepDefinition[],
    runSignal: AbortSignal,
  ): Promise<void> {
    if (!(await dags.stepStarted(run.run_id, step.step_id))) return;
    const timeoutS = step.timeout_s ?? DEFAULT_STEP_TIMEOUT_S;
    const timeout = AbortSignal.timeout(timeoutS * 1000);
    const signal = AbortSignal.any([runSignal, timeout]);
    try {
      await runOperator(step.operator, fillParams(step.params, run.params), {
        signal,
        run: { run_id: run.run_id, dag_id: run.dag_id, owner_id: run.owner_id },
        step_id: step.step_id,
        jobs: options.jobs,
        notifications: options.notifications,
        httpAllow: options.httpAllow,
      });
      if (runSignal.aborted) return;
      await dags.stepSucceeded(run.run_id, step.step_id);
    } catch (err) {
      if (runSignal.aborted) return; // cancelled (the service skipped the step) or stopping (failed at the next boot)
      const timedOut = timeout.aborted;
      const message = timedOut ? `timed out after ${timeoutS} s` : err instanceof Error ? err.message : String(err);
      const decision = decideRetry(
        { attempt: retryCount + 1, maxAttempts: step.retries + 1, retryable: !(err instanceof PermanentStepError), now: new Date() },
        options.retryPolicy,
      );
      await dags.stepFailed(run.run_id, step.step_id, message, decision.retry ? decision.next_retry_at : null, definition);
    }
  }

  return {
    async start() {
      const failed = await dags.failInterrupted();
      if (failed > 0) log.warn({ runs: failed }, "failed the DAG runs the last stop interrupted");
      running = true;
      teardowns.push(
        dags.onQueued(wakeAll),
        dags.onCancelled((runId) => active.get(runId)?.abort({ kind: "cancelled" } satisfies Stop)),
      );
      workers = Array.from({ length: options.concurrency }, () => worker());
    },
    async stop() {
      running = false;
      for (const t of teardowns.splice(0)) t();
      for (const controller of active.values()) controller.abort({ kind: "stopping" } satisfies Stop);
      wakeAll();
      await Promise.all(workers);
    },
    figures: () => ({ runners: options.concurrency, active: active.size }),
  };
}
