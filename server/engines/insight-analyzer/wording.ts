// The words insight descriptions are written with: spans of time, counts, durations, percentages.

const UNITS = [
  { ms: 24 * 60 * 60 * 1000, name: "day" },
  { ms: 60 * 60 * 1000, name: "hour" },
  { ms: 60 * 1000, name: "minute" },
  { ms: 1000, name: "second" },
] as const;

/**
 * A span of time as it reads after "the last" or before "before": "hour", "2 hours", "90 minutes",
 * "day". Uses the largest unit the span is a whole number of (a span of 23 h reads "23 hours");
 * anything finer than a second reads in milliseconds.
 */
export function spanInWords(ms: number): string {
  const unit = UNITS.find((u) => ms >= u.ms && ms % u.ms === 0);
  if (!unit) return `${Math.round(ms)} ms`;
  const n = ms / unit.ms;
  return n === 1 ? unit.name : `${n} ${unit.name}s`;
}

/** "1 job", "3 jobs". */
export function countOf(n: number, noun: string): string {
  return `${n} ${n === 1 ? noun : `${noun}s`}`;
}

/** A duration for people: "850 ms", "12.3 s", "4.5 min", "1.2 h". */
export function formatDuration(ms: number): string {
  if (ms < 1000) return `${Math.round(ms)} ms`;
  if (ms < 60_000) return `${(ms / 1000).toFixed(1)} s`;
  if (ms < 3_600_000) return `${(ms / 60_000).toFixed(1)} min`;
  return `${(ms / 3_600_000).toFixed(1)} h`;
}

/** A fraction as a whole percentage: 0.456 → "46%". */
export function formatPercent(fraction: number): string {
  return `${Math.round(fraction * 100)}%`;
}
