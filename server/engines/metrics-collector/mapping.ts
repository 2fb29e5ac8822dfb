// Maps systeminformation's results to the protocol's shapes: system_metrics (with network speeds
// from two samples), the top processes and the interfaces. Pure: the collector passes raw data in.
import path from "node:path";
import type { NetworkUpdate, ProcessUpdate, SystemMetrics } from "@/lib/protocol/entities/system";

/** The parts of systeminformation's answers the mapping reads (a subset of its types). */
export interface RawCpuLoad {
  currentLoad: number;
  cpus?: readonly unknown[];
}
export interface RawMem {
  total: number;
  free: number;
  used: number;
  available?: number;
}
export interface RawFs {
  fs: string;
  mount: string;
  size: number;
  used: number;
  available: number;
}
export interface RawNetStat {
  iface: string;
  rx_bytes: number;
  tx_bytes: number;
}
export interface RawProcess {
  pid: number;
  name: string;
  cpu: number;
  mem: number;
}

/** Totals of one network sample, kept between samples to turn byte counters into speeds. */
export interface NetworkSample {
  atMs: number;
  rx: number;
  tx: number;
}

export interface RawSample {
  load: RawCpuLoad;
  cores: number;
  /** GHz, 0 when unknown. */
  frequency: number;
  mem: RawMem;
  /** The file systems; the one holding `dataDir` is reported. */
  fs: readonly RawFs[];
  dataDir: string;
  net: readonly RawNetStat[];
  atMs: number;
}

/** Interfaces that are not host traffic (loopback) are left out of the sums. */
export function isLoopback(iface: string): boolean {
  return iface === "lo" || iface.startsWith("lo0") || iface.toLowerCase().includes("loopback");
}

/** The metrics of one sample, and the network totals to pass to the next one. */
export function toSystemMetrics(raw: RawSample, previous: NetworkSample | null): { metrics: SystemMetrics; network: NetworkSample } {
  const memTotal = Math.max(0, raw.mem.total);
  // "available" counts reclaimable cache as free, which is what a user means by free memory.
  const memFree = clamp(raw.mem.available ?? raw.mem.free, 0, memTotal);
  const memUsed = memTotal - memFree;

  const disk = diskFor(raw.fs, raw.dataDir);
  const diskTotal = Math.max(0, disk?.size ?? 0);
  const diskUsed = clamp(disk?.used ?? 0, 0, diskTotal);
  const diskFree = clamp(disk?.available ?? diskTotal - diskUsed, 0, diskTotal);

  let rx = 0;
  let tx = 0;
  for (const n of raw.net) {
    if (isLoopback(n.iface)) continue;
    rx += finite(n.rx_bytes);
    tx += finite(n.tx_bytes);
  }
  const network: NetworkSample = { atMs: raw.atMs, rx, tx };
  const seconds = previous ? (raw.atMs - previous.atMs) / 1000 : 0;
  // Counters reset (an interface went away) would give negative speeds: report 0 then.
  const rxSpeed = previous && seconds > 0 ? Math.max(0, (rx - previous.rx) / seconds) : 0;
  const txSpeed = previous && seconds > 0 ? Math.max(0, (tx - previous.tx) / seconds) : 0;

  return {
    metrics: {
      cpu: { usage: percent(raw.load.currentLoad), cores: Math.max(1, Math.round(raw.cores)), frequency: round(Math.max(0, finite(raw.frequency)), 2) },
      memory: { total: memTotal, used: memUsed, free: memFree, usage: percent(memTotal > 0 ? (memUsed / memTotal) * 100 : 0) },
      disk: { total: diskTotal, used: diskUsed, free: diskFree, usage: percent(diskTotal > 0 ? (diskUsed / diskTotal) * 100 : 0) },
      network: { rx, tx, rxSpeed: Math.round(rxSpeed), txSpeed: Math.round(txSpeed) },
    },
    network,
  };
}

/** The file system whose mount point is the longest prefix of `dataDir` (the one holding it). */
export function diskFor(fs: readonly RawFs[], dataDir: string): RawFs | null {
  const dir = path.resolve(dataDir);
  let best: RawFs | null = null;
  for (const f of fs) {
    if (!f.mount || f.size <= 0) continue;
    const mount = path.resolve(f.mount);
    const inside = dir === mount || dir.startsWith(mount.endsWith(path.sep) ? mount : mount + path.sep);
    if (inside && (!best || mount.length > path.resolve(best.mount).length)) best = f;
  }
  return best;
}

/** The `limit` busiest processes by CPU (then memory), as `process_update` data. */
export function topProcesses(list: readonly RawProcess[], limit: number): ProcessUpdate[] {
  return [...list]
    .filter((p) => Number.isInteger(p.pid) && p.pid >= 0)
    .sort((a, b) => finite(b.cpu) - finite(a.cpu) || finite(b.mem) - finite(a.mem) || a.pid - b.pid)
    .slice(0, limit)
    .map(toProcessUpdate);
}

export function toProcessUpdate(p: RawProcess): ProcessUpdate {
  return { pid: p.pid, name: p.name || `pid ${p.pid}`, cpu_usage: round(Math.max(0, finite(p.cpu)), 1), memory_usage: round(Math.max(0, finite(p.mem)), 1) };
}

/**
 * The updates to publish after a new sample: the new top processes, plus a last update for each
 * process that was in the previous top and left it (its current figures, or zeros when it exited),
 * so that clients holding it see it fall out instead of keeping its old high figures.
 */
export function processChanges(previousTop: readonly ProcessUpdate[], all: readonly RawProcess[], limit: number): { top: ProcessUpdate[]; updates: ProcessUpdate[] } {
  const top = topProcesses(all, limit);
  const inTop = new Set(top.map((p) => p.pid));
  const byPid = new Map(all.map((p) => [p.pid, p]));
  const left = previousTop
    .filter((p) => !inTop.has(p.pid))
    .map((p) => {
      const now = byPid.get(p.pid);
      return now ? toProcessUpdate(now) : { ...p, cpu_usage: 0, memory_usage: 0 };
    });
  return { top, updates: [...top, ...left] };
}

/** One `network_update` per interface (loopback included: it is an interface of the host). */
export function toNetworkUpdates(stats: readonly RawNetStat[]): NetworkUpdate[] {
  return stats
    .filter((s) => s.iface.length > 0)
    .map((s) => ({ name: s.iface, rx: Math.max(0, finite(s.rx_bytes)), tx: Math.max(0, finite(s.tx_bytes)) }))
    .sort((a, b) => a.name.localeCompare(b.name));
}

function finite(n: number | null | undefined): number {
  return typeof n === "number" && Number.isFinite(n) ? n : 0;
}

function clamp(n: number, min: number, max: number): number {
  return Math.min(max, Math.max(min, finite(n)));
}

function round(n: number, digits: number): number {
  const f = 10 ** digits;
  return Math.round(n * f) / f;
}

function percent(n: number): number {
  return round(clamp(n, 0, 100), 2);
}
