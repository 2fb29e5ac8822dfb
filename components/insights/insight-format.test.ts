// Tests of the insights page's display helpers: KPI changes with their tone, percentages, and the hourly series.
import { describe, expect, it } from "vitest";
import { formatPercent, hourPoints, KPIS, kpiChange, windowSuccessRate } from "./insight-format";

const spec = (key: string) => KPIS.find((k) => k.key === key)!;

describe("kpiChange", () => {
  it("says whether a change is good news for that number", () => {
    expect(kpiChange(spec("total_processed"), { total_processed: 3 })).toEqual({ text: "+3", direction: "up", tone: "good" });
    expect(kpiChange(spec("processing_time"), { processing_time: 120 })).toEqual({ text: "+120 ms", direction: "up", tone: "bad" });
    expect(kpiChange(spec("processing_time"), { processing_time: -1500 })).toEqual({ text: "−1.50 s", direction: "down", tone: "good" });
    expect(kpiChange(spec("success_rate"), { success_rate: -0.025 })).toEqual({ text: "−2.5 pts", direction: "down", tone: "bad" });
    expect(kpiChange(spec("active_agents"), { active_agents: 1 })?.tone).toBe("neutral");
    expect(kpiChange(spec("knowledge_items"), { knowledge_items: 0 })).toBeNull();
    expect(kpiChange(spec("knowledge_items"), {})).toBeNull();
  });
});

describe("percentages and the hourly series", () => {
  it("formats fractions and derives the hourly success rate", () => {
    expect([formatPercent(0.9312), formatPercent(1), formatPercent(null)]).toEqual(["93.1%", "100%", "–"]);
    const per_hour = [
      { hour: "2026-01-01T00:00:00.000Z", completed: 3, failed: 1 },
      { hour: "2026-01-01T01:00:00.000Z", completed: 0, failed: 0 },
    ];
    expect(hourPoints({ per_hour }).map((p) => p.rate)).toEqual([75, null]);
    expect(windowSuccessRate({ per_hour })).toEqual({ rate: 0.75, completed: 3, finished: 4 });
  });
});
