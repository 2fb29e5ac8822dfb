// Retry scheduling of failed work (agent tasks, DAG steps): whether another attempt is due, and when (exponential backoff with a cap).
export interface RetryPolicy {
  /** Delay before the second attempt; doubles for each later one. */
  baseDelayMs: number;
  maxDelayMs: number;
}

export const DEFAULT_RETRY_POLICY: RetryPolicy = { baseDelayMs: 2_000, maxDelayMs: 60_000 };

export type RetryDecision = { retry: true; next_retry_at: Date } | { retry: false; why: string };

/**
 * After attempt `attempt` (1-based) of at most `maxAttempts` failed: retry when the failure is
 * retryable and attempts remain, `baseDelayMs * 2^(attempt-1)` later (at most `maxDelayMs`).
 */
export function decideRetry(input: { attempt: number; maxAttempts: number; retryable: boolean; now: Date }, policy: RetryPolicy = DEFAULT_RETRY_POLICY): RetryDecision {
  if (!input.retryable) return { retry: false, why: "the failure is not one a retry can fix" };
  if (input.attempt >= input.maxAttempts) return { retry: false, why: `all ${input.maxAttempts} attempts failed` };
  const delay = Math.min(policy.maxDelayMs, policy.baseDelayMs * 2 ** (input.attempt - 1));
  return { retry: true, next_retry_at: new Date(input.now.getTime() + delay) };
}
