// Rule "failure-rate": the failure rate of jobs finished in the current period against the baseline
// (jobs finished in the rest of the window, before the current period).
//
// With n jobs finished in the current period, f of them failed (rate r = f / n), and a baseline rate
// b over bn jobs: fires an anomaly when f >= 3 and r >= b + max(0.15, 2 × sqrt(b(1 - b) / n)) (the
// standard error of a rate over n jobs if the baseline rate still held). With no baseline jobs, it
// fires when n >= 5, f >= 3 and r >= 0.5. Comparisons allow 1e-9 of float error, so a rate exactly at
// the threshold fires.
//
// Confidence: clamp(sampleCertainty(min(n, bn)) × min(1, gap / (2 × required gap)), 0.3, 0.95), with
// sampleCertainty(k) = 1 - 1/sqrt(k + 1); without a baseline, sampleCertainty(n) × min(1, r / (2 × 0.5)).
import { evidenceConfidence, thresholdStrength } from "./confidence";
import { jobsFinishedWithin, outcomeCounts } from "./finished-jobs";
import { fingerprint, type AnalysisHistory, type InsightDraft } from "./history";
import { roundTo } from "./numbers";
import { baselineBeforeCurrent, currentPeriod } from "./periods";
import { countOf, formatPercent, spanInWords } from "./wording";

export const FAILURE_RATE_RULE = "failure-rate";

export interface FailureRateOptions {
  /** The smallest rise over the baseline rate that counts (0.15 = 15 points). */
  minGap: number;
  /** The rise must also be at least this many standard errors. */
  standardErrors: number;
  /** Failures needed in the current period. */
  minFailures: number;
  /** With no baseline jobs: jobs that must have finished in the current period... */
  minFinishedWithoutBaseline: number;
  /** ...and the rate they must fail at. */
  minRateWithoutBaseline: number;
}

export const FAILURE_RATE_DEFAULTS: FailureRateOptions = {
  minGap: 0.15,
  standardErrors: 2,
  minFailures: 3,
  minFinishedWithoutBaseline: 5,
  minRateWithoutBaseline: 0.5,
};

const FLOAT_TOLERANCE = 1e-9;

export function failureRate(history: AnalysisHistory, options: Partial<FailureRateOptions> = {}): InsightDraft[] {
  const o = { ...FAILURE_RATE_DEFAULTS, ...options };
  const current = outcomeCounts(jobsFinishedWithin(history.jobs, currentPeriod(history)));
  const baseline = outcomeCounts(jobsFinishedWithin(history.jobs, baselineBeforeCurrent(history)));
  if (current.finished === 0 || current.failed < o.minFailures) return [];
  const rate = current.failed / current.finished;
  const period = spanInWords(history.periodMs);
  const baselineSpan = spanInWords(history.windowMs - history.periodMs);
  const finding = `${current.failed} of ${countOf(current.finished, "job")} finished in the last ${period} failed (${formatPercent(rate)})`;

  let comparison: string;
  let confidence: number;
  let baselineRate: number | null = null;
  if (baseline.finished === 0) {
    if (current.finished < o.minFinishedWithoutBaseline || rate + FLOAT_TOLERANCE < o.minRateWithoutBaseline) return [];
    comparison = `; no jobs finished in the preceding ${baselineSpan} to compare with.`;
    confidence = evidenceConfidence(current.finished, thresholdStrength(rate, o.minRateWithoutBaseline));
  } else {
    baselineRate = baseline.failed / baseline.finished;
    const standardError = Math.sqrt((baselineRate * (1 - baselineRate)) / current.finished);
    const requiredGap = Math.max(o.minGap, o.standardErrors * standardError);
    const gap = rate - baselineRate;
    if (gap + FLOAT_TOLERANCE < requiredGap) return [];
    comparison = `, against ${formatPercent(baselineRate)} (${baseline.failed} of ${baseline.finished}) in the preceding ${baselineSpan}.`;
    confidence = evidenceConfidence(Math.min(current.finished, baseline.finished), thresholdStrength(gap, requiredGap));
  }

  return [
    {
      title: `Job failure rate up to ${formatPercent(rate)}`,
      description: finding + comparison,
      type: "anomaly",
      confidence,
      metadata: {
        failed: current.failed,
        finished: current.finished,
        rate: roundTo(rate, 4),
        baseline_rate: baselineRate === null ? null : roundTo(baselineRate, 4),
        baseline_finished: baseline.finished,
      },
      fingerprint: fingerprint(FAILURE_RATE_RULE, "jobs", "up"),
    },
  ];
}
