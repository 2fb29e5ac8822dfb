// The operator contract: what a DAG step runs, with what it may use.
import type { JobsService } from "../../../services/jobs";
import type { NotificationsService } from "../../../services/notifications";

export interface OperatorContext {
  /** Aborted when the run is cancelled, the step times out, or the server stops. */
  signal: AbortSignal;
  run: { run_id: string; dag_id: string; owner_id: string | null };
  step_id: string;
  jobs: JobsService;
  notifications: NotificationsService;
  /** Hosts `http_request` may call (DAG_HTTP_ALLOW). */
  httpAllow: readonly string[];
}

/** A failure no retry can fix (bad configuration): the step fails at once, whatever its `retries`. */
export class PermanentStepError extends Error {
  override readonly name = "PermanentStepError";
}

/** Runs with params already checked against the operator's schema (lib/api/dag-operators.ts). */
export type Operator<P> = (params: P, ctx: OperatorContext) => Promise<void>;

/** Resolves after `ms`, or rejects with the signal's reason when it aborts first. */
export function sleep(ms: number, signal: AbortSignal): Promise<void> {
  return new Promise((resolve, reject) => {
    if (signal.aborted) return reject(signal.reason);
    const timer = setTimeout(() => {
      signal.removeEventListener("abort", onAbort);
      resolve();
    }, ms);
    timer.unref();
    const onAbort = () => {
      clearTimeout(timer);
      reject(signal.reason);
    };
    signal.addEventListener("abort", onAbort, { once: true });
  });
}
