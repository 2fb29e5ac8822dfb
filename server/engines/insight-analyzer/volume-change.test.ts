// volume-change: finished jobs in the current hour against the previous one.
import { describe, expect, it } from "vitest";
import { volumeChange } from "./volume-change";
import { HOUR, MINUTE, history, job, jobs } from "./testing";

const CURRENT = 30 * MINUTE;
const PREVIOUS = 90 * MINUTE;

function counts(current: number, previous: number) {
  return history({ jobs: [...jobs(current, "completed", CURRENT), ...jobs(previous, "completed", PREVIOUS)] });
}

describe("volumeChange", () => {
  it("reports a rise with both counts, the change and the period", () => {
    const h = history({ jobs: [...jobs(6, "completed", CURRENT), ...jobs(3, "failed", CURRENT), ...jobs(3, "completed", PREVIOUS)] });
    const [draft, ...rest] = volumeChange(h);
    expect(rest).toEqual([]);
    expect(draft).toEqual({
      title: "Processing volume up 200%",
      description: "9 jobs finished in the last hour, against 3 in the hour before.",
      type: "trend",
      confidence: 1 - 1 / Math.sqrt(13),
      metadata: { current: 9, previous: 3, change_percent: 200, period_ms: HOUR },
      fingerprint: "volume-change:jobs:up",
    });
  });

  it("reports a fall", () => {
    const [draft] = volumeChange(counts(4, 10));
    expect(draft?.title).toBe("Processing volume down 60%");
    expect(draft?.metadata).toEqual({ current: 4, previous: 10, change_percent: -60, period_ms: HOUR });
    expect(draft?.fingerprint).toBe("volume-change:jobs:down");
  });

  it("reports new activity from 0 to 3, and a stop from 3 to 0", () => {
    const [started] = volumeChange(counts(3, 0));
    expect(started?.title).toBe("New processing activity: 3 jobs finished");
    expect(started?.metadata).toMatchObject({ current: 3, previous: 0, change_percent: null });
    expect(started?.confidence).toBe(0.5);
    const [stopped] = volumeChange(counts(0, 3));
    expect(stopped?.title).toBe("Processing volume down 100%");
  });

  it("fires at exactly +50% and -50%, not just inside them", () => {
    expect(volumeChange(counts(6, 4))[0]?.metadata.change_percent).toBe(50);
    expect(volumeChange(counts(5, 4))).toEqual([]);
    expect(volumeChange(counts(3, 6))[0]?.metadata.change_percent).toBe(-50);
    expect(volumeChange(counts(4, 6))).toEqual([]);
  });

  it("needs the larger count to be at least 3", () => {
    expect(volumeChange(counts(2, 1))).toEqual([]);
    expect(volumeChange(counts(2, 0))).toEqual([]);
    expect(volumeChange(counts(0, 2))).toEqual([]);
  });

  it("stays quiet when nothing changed, and on an empty history", () => {
    expect(volumeChange(counts(5, 5))).toEqual([]);
    expect(volumeChange(history())).toEqual([]);
  });

  it("counts only completed and failed jobs", () => {
    const h = history({
      jobs: [...jobs(3, "queued", CURRENT), ...jobs(3, "processing", CURRENT), ...jobs(3, "cancelled", CURRENT), ...jobs(2, "failed", CURRENT)],
    });
    expect(volumeChange(h)).toEqual([]);
    const noTime = { ...job("completed", CURRENT), completed_at: null };
    expect(volumeChange(history({ jobs: [...jobs(2, "completed", CURRENT), noTime] }))).toEqual([]);
  });

  it("puts a job finished exactly one period ago in the previous period, and one at now in the current", () => {
    // 3 at now and 1 at exactly now - 1 h: current 3, previous 1 (+200%).
    const h = history({ jobs: [...jobs(3, "completed", 0), job("completed", HOUR)] });
    expect(volumeChange(h)[0]?.metadata).toMatchObject({ current: 3, previous: 1 });
    // Exactly two periods ago is in neither; after now is in none.
    const outside = history({ jobs: [...jobs(3, "completed", CURRENT), ...jobs(5, "completed", 2 * HOUR), ...jobs(5, "completed", -MINUTE)] });
    expect(volumeChange(outside)[0]?.metadata).toMatchObject({ current: 3, previous: 0 });
  });

  it("uses the history's period length, in the numbers and the words", () => {
    const h = history({ periodMs: 30 * MINUTE, jobs: [...jobs(4, "completed", 10 * MINUTE), ...jobs(1, "completed", 40 * MINUTE)] });
    const [draft] = volumeChange(h);
    expect(draft?.description).toBe("4 jobs finished in the last 30 minutes, against 1 in the 30 minutes before.");
    expect(draft?.metadata.period_ms).toBe(30 * MINUTE);
  });

  it("accepts other thresholds", () => {
    expect(volumeChange(counts(5, 4), { minChange: 0.25 })).toHaveLength(1);
    expect(volumeChange(counts(6, 4), { minCount: 10 })).toEqual([]);
  });

  it("grows more confident with more jobs, within [0.3, 0.95]", () => {
    const small = volumeChange(counts(3, 1))[0]!.confidence;
    const large = volumeChange(counts(30, 10))[0]!.confidence;
    const huge = volumeChange(counts(3000, 1000))[0]!.confidence;
    expect(small).toBe(1 - 1 / Math.sqrt(5));
    expect(large).toBeGreaterThan(small);
    expect(huge).toBe(0.95);
  });
});
