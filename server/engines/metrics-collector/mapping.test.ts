// Tests of the mapping from systeminformation's results to system_metrics, process_update and network_update.
import { describe, expect, it } from "vitest";
import { systemMetricsSchema } from "@/lib/protocol/entities/system";
import { diskFor, processChanges, toNetworkUpdates, toSystemMetrics, topProcesses, type RawSample } from "./mapping";

const GB = 1024 ** 3;

function sample(overrides: Partial<RawSample> = {}): RawSample {
  return {
    load: { currentLoad: 37.456 },
    cores: 8,
    frequency: 2.4,
    mem: { total: 16 * GB, free: 2 * GB, used: 14 * GB, available: 12 * GB },
    fs: [
      { fs: "/dev/sda1", mount: "/", size: 100 * GB, used: 40 * GB, available: 60 * GB },
      { fs: "/dev/sdb1", mount: "/srv", size: 500 * GB, used: 450 * GB, available: 50 * GB },
    ],
    dataDir: "/srv/switchboard/data",
    net: [
      { iface: "lo", rx_bytes: 5_000, tx_bytes: 5_000 },
      { iface: "eth0", rx_bytes: 1_000, tx_bytes: 400 },
      { iface: "wlan0", rx_bytes: 200, tx_bytes: 100 },
    ],
    atMs: 10_000,
    ...overrides,
  };
}

describe("toSystemMetrics", () => {
  it("reports cpu, memory (available counts as free), the disk holding DATA_DIR and summed network counters", () => {
    const { metrics } = toSystemMetrics(sample(), null);
    expect(systemMetricsSchema.parse(metrics)).toEqual(metrics);
    expect(metrics.cpu).toEqual({ usage: 37.46, cores: 8, frequency: 2.4 });
    expect(metrics.memory).toEqual({ total: 16 * GB, used: 4 * GB, free: 12 * GB, usage: 25 });
    expect(metrics.disk).toEqual({ total: 500 * GB, used: 450 * GB, free: 50 * GB, usage: 90 });
    expect(metrics.network).toEqual({ rx: 1_200, tx: 500, rxSpeed: 0, txSpeed: 0 });
  });

  it("turns two samples' counters into bytes per second, never negative", () => {
    const first = toSystemMetrics(sample(), null);
    const second = toSystemMetrics(sample({ atMs: 12_000, net: [{ iface: "eth0", rx_bytes: 5_000, tx_bytes: 2_400 }, { iface: "wlan0", rx_bytes: 200, tx_bytes: 100 }] }), first.network);
    expect(second.metrics.network).toEqual({ rx: 5_200, tx: 2_500, rxSpeed: 2_000, txSpeed: 1_000 });
    const reset = toSystemMetrics(sample({ atMs: 13_000, net: [{ iface: "eth0", rx_bytes: 10, tx_bytes: 10 }] }), second.network);
    expect(reset.metrics.network.rxSpeed).toBe(0);
    expect(reset.metrics.network.txSpeed).toBe(0);
  });

  it("keeps usage within 0-100 and sizes non-negative when the library reports odd values", () => {
    const { metrics } = toSystemMetrics(sample({ load: { currentLoad: 100.4 }, cores: 0, frequency: Number.NaN, fs: [], mem: { total: 8, free: 20, used: 0 } }), null);
    expect(systemMetricsSchema.parse(metrics)).toEqual(metrics);
    expect(metrics.cpu).toEqual({ usage: 100, cores: 1, frequency: 0 });
    expect(metrics.memory.usage).toBe(0);
    expect(metrics.disk).toEqual({ total: 0, used: 0, free: 0, usage: 0 });
  });
});

describe("diskFor", () => {
  it("picks the deepest mount that holds the folder, not a sibling with the same prefix", () => {
    const fs = [
      { fs: "a", mount: "/", size: 1, used: 0, available: 1 },
      { fs: "b", mount: "/srv", size: 1, used: 0, available: 1 },
      { fs: "c", mount: "/srv/switch", size: 1, used: 0, available: 1 },
    ];
    expect(diskFor(fs, "/srv/switchboard")?.fs).toBe("b");
    expect(diskFor(fs, "/srv/switch/data")?.fs).toBe("c");
    expect(diskFor(fs, "/home/x")?.fs).toBe("a");
  });
});

describe("processes", () => {
  const list = [
    { pid: 1, name: "init", cpu: 0.1, mem: 0.2 },
    { pid: 20, name: "node", cpu: 85.26, mem: 3.44 },
    { pid: 30, name: "postgres", cpu: 12, mem: 8 },
    { pid: 40, name: "", cpu: 12, mem: 9 },
  ];

  it("keeps the busiest by CPU, then memory, rounded", () => {
    expect(topProcesses(list, 3)).toEqual([
      { pid: 20, name: "node", cpu_usage: 85.3, memory_usage: 3.4 },
      { pid: 40, name: "pid 40", cpu_usage: 12, memory_usage: 9 },
      { pid: 30, name: "postgres", cpu_usage: 12, memory_usage: 8 },
    ]);
  });

  it("sends a last update for a process that left the top: its current figures, or zeros once it exited", () => {
    const before = topProcesses(list, 2);
    const after = [
      { pid: 1, name: "init", cpu: 50, mem: 0.2 },
      { pid: 30, name: "postgres", cpu: 40, mem: 8 },
      { pid: 40, name: "", cpu: 2, mem: 9 },
    ];
    const { top, updates } = processChanges(before, after, 2);
    expect(top.map((p) => p.pid)).toEqual([1, 30]);
    expect(updates).toEqual([
      ...top,
      { pid: 20, name: "node", cpu_usage: 0, memory_usage: 0 },
      { pid: 40, name: "pid 40", cpu_usage: 2, memory_usage: 9 },
    ]);
  });
});

describe("toNetworkUpdates", () => {
  it("gives one entry per interface by name", () => {
    expect(toNetworkUpdates(sample().net)).toEqual([
      { name: "eth0", rx: 1_000, tx: 400 },
      { name: "lo", rx: 5_000, tx: 5_000 },
      { name: "wlan0", rx: 200, tx: 100 },
    ]);
  });
});
