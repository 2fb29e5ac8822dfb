// Which stretch of an analysis history an instant belongs to: the current period, the previous
// period, the baseline before the current period, or the whole window.
//
// Every span is half-open, (from, to]: an event exactly at a boundary belongs to the span that
// ends there. So an event at `now` is current, one at `now - periodMs` is previous (and baseline),
// one at `now - 2 * periodMs` is in neither period, one at `now - windowMs` is outside the window,
// and an event after `now` is in no span at all.
import type { AnalysisHistory } from "./history";

/** The instants t with from < t <= to, in epoch milliseconds. */
export interface TimeSpan {
  from: number;
  to: number;
}

export function spanContains(span: TimeSpan, instant: Date): boolean {
  const t = instant.getTime();
  return span.from < t && t <= span.to;
}

/** (now - periodMs, now]. */
export function currentPeriod(history: AnalysisHistory): TimeSpan {
  const now = history.now.getTime();
  return { from: now - history.periodMs, to: now };
}

/** (now - 2 periodMs, now - periodMs]. */
export function previousPeriod(history: AnalysisHistory): TimeSpan {
  const now = history.now.getTime();
  return { from: now - 2 * history.periodMs, to: now - history.periodMs };
}

/** (now - windowMs, now - periodMs]: the rest of the window, everything before the current period. */
export function baselineBeforeCurrent(history: AnalysisHistory): TimeSpan {
  const now = history.now.getTime();
  return { from: now - history.windowMs, to: now - history.periodMs };
}

/** (now - windowMs, now]. */
export function wholeWindow(history: AnalysisHistory): TimeSpan {
  const now = history.now.getTime();
  return { from: now - history.windowMs, to: now };
}
