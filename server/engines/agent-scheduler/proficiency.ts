// Proficiency learning: a capability's proficiency moves toward what the agent's recent history
// shows (success rate and speed against its peers), at the capability's learning rate.

export interface CapabilityHistory {
  completed: number;
  failed: number;
  /** The agent's mean duration of completed attempts needing the capability (ms). */
  meanMs: number | null;
  /** Median of every capable agent's mean duration for the capability (ms), this agent included. */
  peersMedianMs: number | null;
}

/** Fewer finished attempts than this leave a proficiency unchanged. */
export const MIN_LEARNING_SAMPLES = 3;
const SUCCESS_WEIGHT = 0.75;
const SPEED_WEIGHT = 0.25;

/**
 * The evidence: `0.75 * success rate + 0.25 * speed`, where speed is peers' median / own mean
 * (1 when at least as fast as the median, lower when slower). Null when there are too few samples.
 */
export function evidenceOf(history: CapabilityHistory): number | null {
  const finished = history.completed + history.failed;
  if (finished < MIN_LEARNING_SAMPLES) return null;
  const successRate = history.completed / finished;
  const speed =
    history.meanMs && history.peersMedianMs && history.meanMs > 0 ? Math.min(1, history.peersMedianMs / history.meanMs) : successRate > 0 ? 1 : 0;
  return SUCCESS_WEIGHT * successRate + SPEED_WEIGHT * speed;
}

/** The new proficiency: `old + learning_rate * (evidence - old)`, in [0, 1], rounded to 3 places. */
export function recomputeProficiency(current: number, learningRate: number, history: CapabilityHistory): number {
  const evidence = evidenceOf(history);
  if (evidence === null) return current;
  const next = current + learningRate * (evidence - current);
  return Math.round(Math.min(1, Math.max(0, next)) * 1000) / 1000;
}

export function median(values: readonly number[]): number | null {
  if (values.length === 0) return null;
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
}
