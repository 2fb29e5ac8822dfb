// Tests of the /system page's helpers: chart points over the window, formats, module order and alert wording.
import { describe, expect, it } from "vitest";
import type { SystemMetricsPoint } from "@/lib/query/patchers";
import { chartPoints, describeAlert, formatPercent, formatRate, moduleLabel, moduleTone, sortModules, topByCpu } from "./system-format";

function point(ts: string, cpu: number): SystemMetricsPoint {
  const block = { total: 100, used: 50, free: 50, usage: 50 };
  return { ts, cpu: { usage: cpu, cores: 4, frequency: 2 }, memory: block, disk: block, network: { rx: 0, tx: 0, rxSpeed: 10, txSpeed: 5 } };
}

describe("chartPoints", () => {
  it("keeps the five minutes before the newest point", () => {
    const series = [point("2026-11-22T10:00:00.000Z", 1), point("2026-11-22T10:04:00.000Z", 2), point("2026-11-22T10:05:30.000Z", 3)];
    expect(chartPoints(series).map((p) => p.cpu)).toEqual([2, 3]);
    expect(chartPoints(series)[1]).toEqual({ t: Date.parse("2026-11-22T10:05:30.000Z"), cpu: 3, memory: 50, disk: 50, rx: 10, tx: 5 });
    expect(chartPoints(undefined)).toEqual([]);
  });
});

describe("formats", () => {
  it("words percents, rates and module names", () => {
    expect(formatPercent(4.25)).toBe("4.3%");
    expect(formatPercent(4)).toBe("4%");
    expect(formatPercent(42.6)).toBe("43%");
    expect(formatRate(1536)).toBe("1.5 KB/s");
    expect(moduleLabel("job-processor")).toBe("Job processor");
    expect(moduleTone("down")).toBe("destructive");
    expect(moduleTone("unknown")).toBe("secondary");
  });

  it("lists modules with problems first", () => {
    const m = (module: string, new_status: string) => ({ module, new_status, old_status: "ok", reason: null, affected_functions: [] });
    expect(sortModules([m("hub", "ok"), m("storage", "degraded"), m("bus", "down"), m("alpha", "ok")]).map((x) => x.module)).toEqual(["bus", "storage", "alpha", "hub"]);
  });

  it("describes a resource alert with its trend and recommendations", () => {
    const d = describeAlert({ type: "resource_alert", data: { resource: "cpu", usage_percent: 95.4, threshold_percent: 90, trend: "increasing", recommendations: ["Lower JOB_CONCURRENCY"] } });
    expect(d).toEqual({ title: "CPU at 95%", message: "Above the 90% threshold, increasing.", tone: "warning", details: ["Lower JOB_CONCURRENCY"] });
    expect(describeAlert({ type: "system_alert", data: { level: "critical", title: "Disk", message: "full", details: null } }).tone).toBe("destructive");
  });

  it("shows the ten busiest processes", () => {
    const list = Array.from({ length: 12 }, (_, i) => ({ pid: i, name: `p${i}`, cpu_usage: i, memory_usage: 0 }));
    expect(topByCpu(list).map((p) => p.pid)).toEqual([11, 10, 9, 8, 7, 6, 5, 4, 3, 2]);
  });
});
