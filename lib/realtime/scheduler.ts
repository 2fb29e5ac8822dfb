// createBatchScheduler: collects items and hands them over in one batch per animation frame
// (with a timer fallback for hidden tabs, where frames stop, and for non-browser runtimes).

export interface BatchScheduler<T> {
  push(item: T): void;
  /** Hands over what is queued now (no-op when empty). */
  flush(): void;
  /** Drops what is queued and stops the pending frame/timer. */
  cancel(): void;
  readonly size: number;
}

export interface BatchSchedulerOptions {
  /** Schedules `run` soon; returns a cancel function. Default: next animation frame or 100 ms, whichever first. */
  schedule?: (run: () => void) => () => void;
  /** Flush at once when this many items are queued (default 5,000). */
  maxBatch?: number;
}

export function createBatchScheduler<T>(deliver: (items: T[]) => void, options: BatchSchedulerOptions = {}): BatchScheduler<T> {
  const schedule = options.schedule ?? defaultSchedule;
  const maxBatch = options.maxBatch ?? 5_000;
  let queue: T[] = [];
  let cancelScheduled: (() => void) | null = null;

  const flush = () => {
    cancelScheduled?.();
    cancelScheduled = null;
    if (queue.length === 0) return;
    const items = queue;
    queue = [];
    deliver(items);
  };

  return {
    push(item) {
      queue.push(item);
      if (queue.length >= maxBatch) {
        flush();
        return;
      }
      if (cancelScheduled === null) cancelScheduled = schedule(flush);
    },
    flush,
    cancel() {
      cancelScheduled?.();
      cancelScheduled = null;
      queue = [];
    },
    get size() {
      return queue.length;
    },
  };
}

/** requestAnimationFrame when there is one, raced with a 100 ms timer; a 0 ms timer elsewhere. */
export function defaultSchedule(run: () => void): () => void {
  let done = false;
  const once = () => {
    if (done) return;
    done = true;
    cancel();
  };
  const raf = typeof globalThis.requestAnimationFrame === "function" ? globalThis.requestAnimationFrame : null;
  const frame = raf ? raf(() => (once(), run())) : null;
  const timer = setTimeout(() => {
    if (done) return;
    once();
    run();
  }, raf ? 100 : 0);
  function cancel() {
    done = true;
    if (frame !== null) globalThis.cancelAnimationFrame?.(frame);
    clearTimeout(timer);
  }
  return cancel;
}
