// Rule "volume-change": jobs finished in the current period against the period before it.
//
// Counts completed and failed jobs by completed_at / failed_at (see finished-jobs.ts and, for the
// period edges, periods.ts). Fires a trend when the larger of the two counts is at least `minCount`
// (3) and the count changed by at least `minChange` (50%) of the previous count, either way: up when
// current - previous >= 0.5 × previous, down when previous - current >= 0.5 × previous. From 0 to
// >= 3 is "new activity" (change_percent null). Confidence: clamp(1 - 1/sqrt(current + previous + 1),
// 0.3, 0.95).
import { evidenceConfidence } from "./confidence";
import { jobsFinishedWithin } from "./finished-jobs";
import { fingerprint, type AnalysisHistory, type InsightDraft } from "./history";
import { currentPeriod, previousPeriod } from "./periods";
import { countOf, spanInWords } from "./wording";

export const VOLUME_CHANGE_RULE = "volume-change";

export interface VolumeChangeOptions {
  /** Smallest relative change that counts, as a fraction of the previous count (0.5 = ±50%). */
  minChange: number;
  /** The larger of the two counts must be at least this. */
  minCount: number;
}

export const VOLUME_CHANGE_DEFAULTS: VolumeChangeOptions = { minChange: 0.5, minCount: 3 };

export function volumeChange(history: AnalysisHistory, options: Partial<VolumeChangeOptions> = {}): InsightDraft[] {
  const { minChange, minCount } = { ...VOLUME_CHANGE_DEFAULTS, ...options };
  const current = jobsFinishedWithin(history.jobs, currentPeriod(history)).length;
  const previous = jobsFinishedWithin(history.jobs, previousPeriod(history)).length;
  const delta = current - previous;
  if (delta === 0 || Math.max(current, previous) < minCount) return [];
  if (Math.abs(delta) < minChange * previous) return [];

  const up = delta > 0;
  const changePercent = previous === 0 ? null : Math.round((delta / previous) * 100);
  const period = spanInWords(history.periodMs);
  const title =
    changePercent === null
      ? `New processing activity: ${countOf(current, "job")} finished`
      : `Processing volume ${up ? "up" : "down"} ${Math.abs(changePercent)}%`;
  return [
    {
      title,
      description: `${countOf(current, "job")} finished in the last ${period}, against ${previous} in the ${period} before.`,
      type: "trend",
      confidence: evidenceConfidence(current + previous),
      metadata: { current, previous, change_percent: changePercent, period_ms: history.periodMs },
      fingerprint: fingerprint(VOLUME_CHANGE_RULE, "jobs", up ? "up" : "down"),
    },
  ];
}
