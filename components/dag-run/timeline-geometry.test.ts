// timelineGeometry: bars placed and sized on the run's axis, running bars growing with the clock, round ticks.
import { describe, expect, it } from "vitest";
import { MIN_BAR_PCT, timelineGeometry, timelineTicks, type TimelineStepInput } from "./timeline-geometry";

const T = Date.parse("2026-01-01T10:00:00.000Z");
const at = (ms: number) => new Date(T + ms).toISOString();
const step = (over: Partial<TimelineStepInput> & { step_id: string }): TimelineStepInput => ({
  status: "pending",
  start_time: null,
  end_time: null,
  duration: null,
  ...over,
});

describe("timelineGeometry", () => {
  it("places finished steps by their start and duration on the run's span", () => {
    const run = { status: "success" as const, started_at: at(0), ended_at: at(10_000) };
    const geo = timelineGeometry(run, [
      step({ step_id: "a", status: "success", start_time: at(0), end_time: at(2_000), duration: 2_000 }),
      step({ step_id: "b", status: "success", start_time: at(2_500), end_time: at(10_000), duration: 7_500 }),
    ], T + 60_000);
    expect(geo.originMs).toBe(T);
    expect(geo.spanMs).toBe(10_000);
    expect(geo.bars.map((b) => [b.step_id, b.offsetPct, b.widthPct, b.durationMs, b.live])).toEqual([
      ["a", 0, 20, 2_000, false],
      ["b", 25, 75, 7_500, false],
    ]);
  });

  it("grows a running step's bar and the axis with the clock", () => {
    const run = { status: "running" as const, started_at: at(0), ended_at: null };
    const steps = [
      step({ step_id: "a", status: "success", start_time: at(0), end_time: at(1_000), duration: 1_000 }),
      step({ step_id: "b", status: "running", start_time: at(1_000) }),
    ];
    const early = timelineGeometry(run, steps, T + 2_000);
    const later = timelineGeometry(run, steps, T + 4_000);
    expect(early.spanMs).toBe(2_000);
    expect(later.spanMs).toBe(4_000);
    expect(early.bars[1]).toMatchObject({ offsetPct: 50, widthPct: 50, durationMs: 1_000, live: true });
    expect(later.bars[1]).toMatchObject({ offsetPct: 25, widthPct: 75, durationMs: 3_000, live: true });
    expect(later.bars[0]!.widthPct).toBe(25);
  });

  it("keeps an instant step visible and steps that never ran without a bar", () => {
    const run = { status: "failed" as const, started_at: at(0), ended_at: at(100_000) };
    const geo = timelineGeometry(run, [
      step({ step_id: "quick", status: "failed", start_time: at(100_000), end_time: at(100_000), duration: 0 }),
      step({ step_id: "after", status: "upstream_failed" }),
    ], T);
    expect(geo.bars[0]!.widthPct).toBe(MIN_BAR_PCT);
    expect(geo.bars[0]!.offsetPct! + geo.bars[0]!.widthPct!).toBeLessThanOrEqual(100);
    expect(geo.bars[1]).toMatchObject({ offsetPct: null, widthPct: null, durationMs: null, startOffsetMs: null });
  });

  it("has no axis before anything started", () => {
    const geo = timelineGeometry({ status: "queued", started_at: null, ended_at: null }, [step({ step_id: "a" })], T);
    expect(geo.originMs).toBeNull();
    expect(geo.ticks).toEqual([]);
    expect(geo.bars[0]!.offsetPct).toBeNull();
  });

  it("clamps a clock that runs behind the server's times", () => {
    const run = { status: "running" as const, started_at: at(0), ended_at: null };
    const geo = timelineGeometry(run, [step({ step_id: "a", status: "running", start_time: at(5_000) })], T + 1_000);
    expect(geo.bars[0]!.durationMs).toBe(0);
    expect(geo.bars[0]!.offsetPct! + geo.bars[0]!.widthPct!).toBeLessThanOrEqual(100);
  });
});

describe("timelineTicks", () => {
  it("picks a round step so that there are at most maxTicks intervals", () => {
    expect(timelineTicks(10_000, 6).map((t) => t.ms)).toEqual([0, 2_000, 4_000, 6_000, 8_000, 10_000]);
    expect(timelineTicks(4_200, 6).map((t) => t.ms)).toEqual([0, 1_000, 2_000, 3_000, 4_000]);
    expect(timelineTicks(90_000, 6).map((t) => t.ms)).toEqual([0, 15_000, 30_000, 45_000, 60_000, 75_000, 90_000]);
    expect(timelineTicks(300, 6).map((t) => t.ms)).toEqual([0, 100, 200, 300]);
    expect(timelineTicks(10_000, 6).at(-1)!.pct).toBe(100);
  });

  it("gives nothing for an empty span", () => {
    expect(timelineTicks(0)).toEqual([]);
  });
});
