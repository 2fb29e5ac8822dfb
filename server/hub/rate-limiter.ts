// A token bucket: `ratePerSec` messages a second on average, bursts up to `burst`.
export interface RateLimiter {
  /** Takes one token; false when the bucket is empty. */
  take(): boolean;
}

export function createRateLimiter(ratePerSec: number, burst: number, now: () => number = () => performance.now()): RateLimiter {
  let tokens = burst;
  let last = now();
  return {
    take() {
      const t = now();
      tokens = Math.min(burst, tokens + ((t - last) / 1000) * ratePerSec);
      last = t;
      if (tokens < 1) return false;
      tokens -= 1;
      return true;
    },
  };
}
