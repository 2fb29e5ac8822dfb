// Events per topic over the last minute: 60 one-second buckets per topic, counted without allocating per event.

export interface TopicRateFigure {
  topic: string;
  /** Average events per second over the last 60 s (or since the topic's first event, when that is more recent). */
  per_second: number;
  /** Events in the last 60 s. */
  last_minute: number;
  /** The 60 one-second counts, oldest first (the current second last). */
  buckets: number[];
}

const WINDOW_S = 60;

interface Counter {
  buckets: Uint32Array;
  /** The second (since the clock's origin) that `buckets[second % 60]` last counted. */
  second: number;
  /** The second of the last event. */
  last: number;
  /** The second of the first event (a topic seen for 10 s averages over 10 s, not 60). */
  first: number;
}

export class TopicRates {
  private readonly counters = new Map<string, Counter>();

  /** `nowMs` is a monotonic clock in ms (performance.now by default). */
  constructor(private readonly nowMs: () => number = () => performance.now()) {}

  record(topic: string): void {
    const second = Math.floor(this.nowMs() / 1000);
    let counter = this.counters.get(topic);
    if (!counter) {
      counter = { buckets: new Uint32Array(WINDOW_S), second, last: second, first: second };
      this.counters.set(topic, counter);
    } else if (counter.second !== second) {
      advance(counter, second);
    }
    counter.last = second;
    counter.buckets[second % WINDOW_S]! += 1;
  }

  /** Topics that carried events in the last minute, busiest first; forgets topics silent for a minute. */
  figures(): TopicRateFigure[] {
    const second = Math.floor(this.nowMs() / 1000);
    const out: TopicRateFigure[] = [];
    for (const [topic, counter] of this.counters) {
      if (second - counter.last >= WINDOW_S) {
        this.counters.delete(topic);
        continue;
      }
      advance(counter, second);
      const buckets: number[] = [];
      let total = 0;
      for (let i = 1; i <= WINDOW_S; i++) {
        const n = counter.buckets[(second + i) % WINDOW_S]!;
        buckets.push(n);
        total += n;
      }
      const span = Math.min(WINDOW_S, second - counter.first + 1);
      out.push({ topic, per_second: total / span, last_minute: total, buckets });
    }
    return out.sort((a, b) => b.last_minute - a.last_minute || a.topic.localeCompare(b.topic));
  }
}

/** Zeroes the buckets of the seconds between the counter's last second and `second`. */
function advance(counter: Counter, second: number): void {
  const gap = second - counter.second;
  if (gap <= 0) return;
  if (gap >= WINDOW_S) counter.buckets.fill(0);
  else for (let s = counter.second + 1; s <= second; s++) counter.buckets[s % WINDOW_S] = 0;
  counter.second = second;
}
