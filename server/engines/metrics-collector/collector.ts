// Host metrics collector: samples the host through systeminformation every SYSTEM_METRICS_INTERVAL_MS
// (system_metrics, resource alerts) and the top processes and interfaces every few seconds, never two
// samples of a kind at once (a slow one makes the next tick skip), and times every sample.
import os from "node:os";
import si from "systeminformation";
import type { MetricsPoint } from "@/lib/api/system";
import type { ProcessUpdate } from "@/lib/protocol/entities/system";
import type { Logger } from "../../log";
import type { SystemService } from "../../services/system";
import { processChanges, toNetworkUpdates, toSystemMetrics, type NetworkSample, type RawCpuLoad, type RawFs, type RawMem, type RawNetStat, type RawProcess } from "./mapping";
import type { ModuleHealthCheck, ProbeResult } from "./module-health";
import { createResourceAlertWatcher, type WatchedResource } from "./resource-alerts";

/** Where the collector reads the host (systeminformation; injected in tests). */
export interface HostSource {
  load(): Promise<RawCpuLoad>;
  cores(): number;
  /** GHz, 0 when unknown. */
  frequency(): Promise<number>;
  mem(): Promise<RawMem>;
  fs(): Promise<RawFs[]>;
  net(): Promise<RawNetStat[]>;
  processes(): Promise<RawProcess[]>;
}

export function systeminformationSource(): HostSource {
  const cores = os.availableParallelism();
  return {
    load: () => si.currentLoad(),
    cores: () => cores,
    async frequency() {
      const speed = await si.cpuCurrentSpeed();
      if (speed.avg > 0) return speed.avg;
      const mhz = os.cpus()[0]?.speed ?? 0;
      return mhz / 1000;
    },
    mem: () => si.mem(),
    fs: () => si.fsSize(),
    net: () => si.networkStats("*"),
    processes: async () => (await si.processes()).list,
  };
}

export interface MetricsCollectorOptions {
  system: SystemService;
  log: Logger;
  /** The disk reported is the file system holding this folder. */
  dataDir: string;
  intervalMs: number;
  processesIntervalMs: number;
  thresholds: Record<WatchedResource, number>;
  source?: HostSource;
  /** Processes published per sample (default 10). */
  topProcesses?: number;
  now?: () => number;
}

export interface CollectorFigures {
  interval_ms: number;
  samples: number;
  failures: number;
  consecutive_failures: number;
  skipped: number;
  last_sample_at: string | null;
  last_sample_ms: number | null;
  max_sample_ms: number;
  /** Mean duration of the last 10 samples (one slow sample, like the first, does not count alone). */
  recent_avg_ms: number | null;
  last_processes_ms: number | null;
  last_error: string | null;
}

export interface MetricsCollector {
  start(): void;
  stop(): Promise<void>;
  /** Takes a metrics sample now (joins one in progress). */
  sampleNow(): Promise<MetricsPoint | null>;
  /** Takes a processes and interfaces sample now (joins one in progress). */
  sampleProcessesNow(): Promise<void>;
  figures(): CollectorFigures;
  healthCheck(): ModuleHealthCheck;
}

/** File systems change rarely; listing them every second would be wasted work. */
const FS_TTL_MS = 30_000;

export function createMetricsCollector(options: MetricsCollectorOptions): MetricsCollector {
  const { system, log } = options;
  const source = options.source ?? systeminformationSource();
  const now = options.now ?? Date.now;
  const topN = options.topProcesses ?? 10;
  const alerts = createResourceAlertWatcher({ thresholds: options.thresholds });

  let metricsTimer: NodeJS.Timeout | null = null;
  let processesTimer: NodeJS.Timeout | null = null;
  let metricsRun: Promise<MetricsPoint | null> | null = null;
  let processesRun: Promise<void> | null = null;
  let stopped = true;
  let previousNet: NetworkSample | null = null;
  let lastNet: RawNetStat[] = [];
  let fsCache: { atMs: number; list: RawFs[] } | null = null;
  let top: ProcessUpdate[] = [];
  const recent: number[] = [];
  const figures: CollectorFigures = {
    interval_ms: options.intervalMs,
    samples: 0,
    failures: 0,
    consecutive_failures: 0,
    skipped: 0,
    last_sample_at: null,
    last_sample_ms: null,
    max_sample_ms: 0,
    recent_avg_ms: null,
    last_processes_ms: null,
    last_error: null,
  };

  async function fileSystems(): Promise<RawFs[]> {
    if (fsCache && now() - fsCache.atMs < FS_TTL_MS) return fsCache.list;
    const list = await source.fs();
    fsCache = { atMs: now(), list };
    return list;
  }

  async function sampleMetrics(): Promise<MetricsPoint | null> {
    const started = performance.now();
    try {
      const [load, frequency, mem, fs, net] = await Promise.all([source.load(), source.frequency(), source.mem(), fileSystems(), source.net()]);
      const atMs = now();
      const { metrics, network } = toSystemMetrics({ load, cores: source.cores(), frequency, mem, fs, dataDir: options.dataDir, net, atMs }, previousNet);
      previousNet = network;
      lastNet = net;
      if (stopped) return null;
      const point = await system.recordMetrics(metrics);
      for (const alert of alerts.observe(metrics, atMs, { topProcesses: top })) {
        await system.raiseResourceAlert(alert);
        log.warn({ resource: alert.resource, usage: alert.usage_percent, threshold: alert.threshold_percent }, "resource above its threshold");
      }
      const ms = performance.now() - started;
      figures.samples += 1;
      figures.consecutive_failures = 0;
      figures.last_sample_at = new Date(atMs).toISOString();
      figures.last_sample_ms = Math.round(ms);
      figures.max_sample_ms = Math.max(figures.max_sample_ms, Math.round(ms));
      recent.push(ms);
      if (recent.length > 10) recent.shift();
      figures.recent_avg_ms = Math.round(recent.reduce((a, b) => a + b, 0) / recent.length);
      return point;
    } catch (err) {
      figures.failures += 1;
      figures.consecutive_failures += 1;
      figures.last_error = err instanceof Error ? err.message : String(err);
      if (figures.consecutive_failures === 1) log.error({ err }, "could not sample the host's metrics");
      return null;
    }
  }

  async function sampleProcesses(): Promise<void> {
    const started = performance.now();
    try {
      const list = await source.processes();
      if (stopped) return;
      const change = processChanges(top, list, topN);
      top = change.top;
      await system.recordProcesses(change.top, change.updates);
      const net = lastNet.length > 0 ? lastNet : await source.net();
      await system.recordInterfaces(toNetworkUpdates(net));
      figures.last_processes_ms = Math.round(performance.now() - started);
    } catch (err) {
      figures.last_error = err instanceof Error ? err.message : String(err);
      log.error({ err }, "could not list the host's processes");
    }
  }

  const sampleNow = () => {
    metricsRun ??= sampleMetrics().finally(() => {
      metricsRun = null;
    });
    return metricsRun;
  };
  const sampleProcessesNow = () => {
    processesRun ??= sampleProcesses().finally(() => {
      processesRun = null;
    });
    return processesRun;
  };

  return {
    start() {
      if (!stopped) return;
      stopped = false;
      metricsTimer = setInterval(() => {
        if (metricsRun) figures.skipped += 1;
        else void sampleNow();
      }, options.intervalMs);
      metricsTimer.unref();
      processesTimer = setInterval(() => {
        if (!processesRun) void sampleProcessesNow();
      }, options.processesIntervalMs);
      processesTimer.unref();
      void sampleNow();
      void sampleProcessesNow();
    },
    async stop() {
      stopped = true;
      if (metricsTimer) clearInterval(metricsTimer);
      if (processesTimer) clearInterval(processesTimer);
      metricsTimer = processesTimer = null;
      await Promise.all([metricsRun, processesRun]);
    },
    sampleNow,
    sampleProcessesNow,
    figures: () => ({ ...figures }),
    healthCheck: () => ({
      module: "metrics-collector",
      affected_functions: ["system_metrics", "resource alerts", "process and interface tables"],
      check: () => collectorHealth({ ...figures }, now(), stopped),
    }),
  };
}

/** The collector's own health from its figures: late or failing samples, or samples slower than the interval. */
export function collectorHealth(f: CollectorFigures, nowMs: number, stopped = false): ProbeResult {
  const details = { samples: f.samples, failures: f.failures, skipped: f.skipped, recent_avg_ms: f.recent_avg_ms, max_sample_ms: f.max_sample_ms, last_processes_ms: f.last_processes_ms };
  if (stopped) return { status: "down", reason: "the collector is stopped", details };
  const age = f.last_sample_at ? nowMs - Date.parse(f.last_sample_at) : null;
  if (f.consecutive_failures >= 3) {
    return { status: f.consecutive_failures >= 10 ? "down" : "degraded", reason: `the last ${f.consecutive_failures} samples failed: ${f.last_error ?? "unknown error"}`, details };
  }
  if (age !== null && age > 10 * f.interval_ms) return { status: "down", reason: `no sample for ${Math.round(age / 1000)} s`, details };
  if (age !== null && age > 3 * f.interval_ms) return { status: "degraded", reason: `the last sample is ${Math.round(age / 1000)} s old`, details };
  if (f.samples >= 3 && f.recent_avg_ms !== null && f.recent_avg_ms > f.interval_ms) {
    return { status: "degraded", reason: `a sample takes ${f.recent_avg_ms} ms on average, longer than the ${f.interval_ms} ms interval`, details };
  }
  return { status: "ok", reason: null, details };
}
