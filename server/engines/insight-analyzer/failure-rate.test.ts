// failure-rate: the current hour's failure rate against the rest of the 24 h window.
import { describe, expect, it } from "vitest";
import { failureRate } from "./failure-rate";
import { HOUR, MINUTE, history, job, jobs } from "./testing";

const CURRENT = 30 * MINUTE;
const BASELINE = 5 * HOUR;

/** `failed` of `finished` jobs in the current hour, `baseFailed` of `baseFinished` earlier in the window. */
function rates(failed: number, finished: number, baseFailed: number, baseFinished: number) {
  return history({
    jobs: [
      ...jobs(failed, "failed", CURRENT),
      ...jobs(finished - failed, "completed", CURRENT),
      ...jobs(baseFailed, "failed", BASELINE),
      ...jobs(baseFinished - baseFailed, "completed", BASELINE),
    ],
  });
}

describe("failureRate", () => {
  it("reports a failure rate well above the baseline, with the figures", () => {
    // Baseline 10% over 20; current 50% over 10: required gap max(0.15, 2·sqrt(0.09/10) = 0.19) = 0.19, gap 0.4.
    const [draft, ...rest] = failureRate(rates(5, 10, 2, 20));
    expect(rest).toEqual([]);
    expect(draft).toMatchObject({
      title: "Job failure rate up to 50%",
      description: "5 of 10 jobs finished in the last hour failed (50%), against 10% (2 of 20) in the preceding 23 hours.",
      type: "anomaly",
      metadata: { failed: 5, finished: 10, rate: 0.5, baseline_rate: 0.1, baseline_finished: 20 },
      fingerprint: "failure-rate:jobs:up",
    });
    // sampleCertainty(min(10, 20)) × min(1, 0.4 / (2 × 0.1897)) = 1 - 1/sqrt(11).
    expect(draft?.confidence).toBeCloseTo(1 - 1 / Math.sqrt(11), 10);
  });

  it("stays quiet when the rate is as usual, on no finished jobs, and on an empty history", () => {
    expect(failureRate(rates(3, 30, 2, 20))).toEqual([]);
    expect(failureRate(history({ jobs: [...jobs(5, "processing", CURRENT), ...jobs(5, "failed", BASELINE)] }))).toEqual([]);
    expect(failureRate(history())).toEqual([]);
  });

  it("needs at least 3 failures in the period", () => {
    expect(failureRate(rates(2, 2, 0, 20))).toEqual([]);
    expect(failureRate(rates(3, 3, 0, 20))).toHaveLength(1);
  });

  it("fires exactly at baseline + 0.15", () => {
    // Baseline 0% (standard error 0): 3 of 20 = 0.15 fires, 3 of 21 does not.
    expect(failureRate(rates(3, 20, 0, 20))[0]?.metadata).toMatchObject({ rate: 0.15, baseline_rate: 0 });
    expect(failureRate(rates(3, 21, 0, 20))).toEqual([]);
    // Baseline 10% over 20, current 25% over 20: 2 SE = 0.134 < 0.15, gap exactly 0.15.
    expect(failureRate(rates(5, 20, 2, 20))).toHaveLength(1);
  });

  it("demands 2 standard errors when they exceed 0.15", () => {
    // Baseline 50%; 4 jobs: SE = sqrt(0.25 / 4) = 0.25, required gap 0.5.
    const [atTwoSe] = failureRate(rates(4, 4, 5, 10));
    expect(atTwoSe?.metadata).toMatchObject({ rate: 1, baseline_rate: 0.5 });
    // 75% is 0.25 above: past 0.15, short of 2 SE.
    expect(failureRate(rates(3, 4, 5, 10))).toEqual([]);
  });

  it("without a baseline, fires from 5 finished jobs at a rate of 50% or more", () => {
    const [draft] = failureRate(rates(3, 5, 0, 0));
    expect(draft?.metadata).toEqual({ failed: 3, finished: 5, rate: 0.6, baseline_rate: null, baseline_finished: 0 });
    expect(draft?.description).toBe("3 of 5 jobs finished in the last hour failed (60%); no jobs finished in the preceding 23 hours to compare with.");
    expect(failureRate(rates(3, 6, 0, 0))[0]?.metadata.rate).toBe(0.5);
    expect(failureRate(rates(3, 7, 0, 0))).toEqual([]);
    expect(failureRate(rates(4, 4, 0, 0))).toEqual([]);
  });

  it("counts a job finished exactly one period ago in the baseline, and ignores jobs outside the window", () => {
    // 3 failures at exactly now - 1 h join the baseline (3 of 3), leaving 0 of 5 failed in the current hour.
    const edge = history({ jobs: [...jobs(3, "failed", HOUR), ...jobs(5, "completed", CURRENT)] });
    expect(failureRate(edge)).toEqual([]);
    // Jobs at exactly now - 24 h are outside the window: the baseline is empty.
    const outside = history({ jobs: [...jobs(3, "failed", CURRENT), ...jobs(2, "completed", CURRENT), ...jobs(50, "completed", 24 * HOUR)] });
    expect(failureRate(outside)[0]?.metadata).toMatchObject({ baseline_rate: null, baseline_finished: 0 });
    const inside = history({ jobs: [...jobs(3, "failed", CURRENT), ...jobs(2, "completed", CURRENT), job("completed", 24 * HOUR - 1)] });
    expect(failureRate(inside)[0]?.metadata).toMatchObject({ baseline_rate: 0, baseline_finished: 1 });
  });

  it("is more confident with a wider gap and more jobs, within [0.3, 0.95]", () => {
    const narrow = failureRate(rates(3, 20, 0, 20))[0]!.confidence;
    const wide = failureRate(rates(10, 20, 0, 20))[0]!.confidence;
    const thin = failureRate(rates(3, 3, 0, 1))[0]!.confidence;
    expect(wide).toBeGreaterThan(narrow);
    expect(thin).toBe(0.3);
    expect(failureRate(rates(900, 1000, 0, 1000))[0]!.confidence).toBe(0.95);
  });
});
