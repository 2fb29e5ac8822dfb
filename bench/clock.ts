// The bench's clock: milliseconds since the run's epoch with sub-millisecond precision, on the same
// basis in every worker thread (performance.timeOrigin + performance.now() is wall-clock based).
export function absoluteNow(): number {
  return performance.timeOrigin + performance.now();
}

/** A clock that reads milliseconds since `epochAbs` (an absoluteNow() reading). */
export function clockFrom(epochAbs: number): () => number {
  return () => performance.timeOrigin + performance.now() - epochAbs;
}

export const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));
