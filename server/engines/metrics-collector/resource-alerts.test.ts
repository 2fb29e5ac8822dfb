// Tests of resource alerts: once per crossing, sustained samples, hysteresis before re-arming, the trend.
import { describe, expect, it } from "vitest";
import type { SystemMetrics } from "@/lib/protocol/entities/system";
import { createResourceAlertWatcher, trendOf } from "./resource-alerts";

function metrics(cpu: number, memory = 10, disk = 10): SystemMetrics {
  const block = (usage: number) => ({ total: 100, used: usage, free: 100 - usage, usage });
  return { cpu: { usage: cpu, cores: 4, frequency: 2 }, memory: block(memory), disk: block(disk), network: { rx: 0, tx: 0, rxSpeed: 0, txSpeed: 0 } };
}

function feed(values: number[], options = {}) {
  const watcher = createResourceAlertWatcher({ thresholds: { cpu: 90, memory: 90, disk: 90 }, hysteresis: 5, sustain: 3, ...options });
  return values.map((v, i) => watcher.observe(metrics(v), i * 1000));
}

describe("resource alert watcher", () => {
  it("fires once when usage stays above the threshold, not every second", () => {
    const out = feed([50, 92, 93, 95, 96, 97, 98, 99]);
    const fired = out.flat();
    expect(fired).toHaveLength(1);
    expect(out.findIndex((a) => a.length > 0)).toBe(3);
    expect(fired[0]).toMatchObject({ resource: "cpu", usage_percent: 95, threshold_percent: 90, trend: "increasing" });
    expect(fired[0]!.recommendations.length).toBeGreaterThan(0);
  });

  it("ignores a spike shorter than the sustain count", () => {
    expect(feed([50, 99, 99, 50, 99, 99, 50]).flat()).toHaveLength(0);
  });

  it("re-arms only after staying below threshold minus the margin, then fires again", () => {
    // Dips to 87 (inside the margin) do not re-arm, nor does one sample at 80; two at 80 do.
    const out = feed([95, 95, 95, 87, 87, 95, 95, 95, 80, 95, 95, 95, 80, 80, 95, 95, 95], { clearAfter: 2 });
    expect(out.map((a) => a.length)).toEqual([0, 0, 1, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 1]);
  });

  it("watches memory and disk separately, naming the largest process", () => {
    const watcher = createResourceAlertWatcher({ thresholds: { cpu: 90, memory: 80, disk: 95 }, sustain: 1 });
    const alerts = watcher.observe(metrics(10, 85, 96), 0, { topProcesses: [{ pid: 7, name: "java", cpu_usage: 3, memory_usage: 60 }] });
    expect(alerts.map((a) => a.resource)).toEqual(["memory", "disk"]);
    expect(alerts[0]!.recommendations[0]).toContain("java (pid 7");
    expect(watcher.firing()).toEqual(["memory", "disk"]);
  });
});

describe("trendOf", () => {
  const series = (values: number[]) => values.map((usage, i) => ({ atMs: i * 1000, usage }));
  it("reads the slope of the recent samples", () => {
    expect(trendOf(series([90, 91, 92, 93, 94]))).toBe("increasing");
    expect(trendOf(series([99, 97, 95, 93]))).toBe("decreasing");
    expect(trendOf(series([95, 95.01, 94.99, 95]))).toBe("stable");
    expect(trendOf(series([95]))).toBe("stable");
  });
});
