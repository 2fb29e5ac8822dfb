// A periodic producer: runs a job every `intervalMs` (never two at once), on demand with `runNow`,
// and stops cleanly. Timers are unref'd so they never hold the process open.
import type { Logger } from "../log";

export interface Periodic<T> {
  start(): void;
  /** Runs now (or joins the run in progress) and resolves with its result. */
  runNow(): Promise<T>;
  stop(): Promise<void>;
}

export function periodic<T>(name: string, intervalMs: number, job: () => Promise<T>, log: Logger, options: { runAtStart?: boolean } = {}): Periodic<T> {
  let timer: NodeJS.Timeout | null = null;
  let current: Promise<T> | null = null;
  let stopped = false;

  function runNow(): Promise<T> {
    current ??= job().finally(() => {
      current = null;
    });
    return current;
  }

  function tick() {
    if (stopped) return;
    runNow().catch((err: unknown) => log.error({ err, producer: name }, `${name} failed`));
  }

  return {
    start() {
      stopped = false;
      timer = setInterval(tick, intervalMs);
      timer.unref();
      if (options.runAtStart) tick();
    },
    runNow,
    async stop() {
      stopped = true;
      if (timer) clearInterval(timer);
      timer = null;
      await current?.catch(() => {});
    },
  };
}

/** Calls `fn` at most once per `minGapMs`: the first poke runs at once, pokes in the gap run once at its end. */
export function rateLimited(fn: () => void, minGapMs: number): { poke(): void; cancel(): void } {
  let last = -Infinity;
  let timer: NodeJS.Timeout | null = null;
  return {
    poke() {
      if (timer) return;
      const wait = last + minGapMs - performance.now();
      if (wait <= 0) {
        last = performance.now();
        fn();
        return;
      }
      timer = setTimeout(() => {
        timer = null;
        last = performance.now();
        fn();
      }, wait);
      timer.unref();
    },
    cancel() {
      if (timer) clearTimeout(timer);
      timer = null;
    },
  };
}
