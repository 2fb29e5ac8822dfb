// Resource alert watcher: raises one `resource_alert` when cpu, memory or disk usage passes its
// threshold (sustained for a few samples), and re-arms only once usage has stayed a margin below it
// for a few samples (hysteresis). The trend is the slope of the recent samples. Pure: samples and times are passed in.
import type { ProcessUpdate, ResourceAlert, SystemMetrics } from "@/lib/protocol/entities/system";

export type WatchedResource = "cpu" | "memory" | "disk";
export const WATCHED_RESOURCES: readonly WatchedResource[] = ["cpu", "memory", "disk"];

export interface ResourceAlertOptions {
  /** Usage in percent at or above which a resource alerts. */
  thresholds: Record<WatchedResource, number>;
  /** Points below the threshold usage must fall before the resource can alert again (default 5). */
  hysteresis?: number;
  /** Consecutive samples at or above the threshold needed to alert (default 3): one spike does not. */
  sustain?: number;
  /** Consecutive samples below threshold minus hysteresis needed to re-arm (default 5): one dip does not. */
  clearAfter?: number;
  /** How far back the trend looks (default 30 s). */
  trendWindowMs?: number;
  /** Slope in points per minute beyond which the trend is rising or falling (default 2). */
  trendSlopePerMin?: number;
}

interface ResourceState {
  armed: boolean;
  above: number;
  below: number;
  samples: { atMs: number; usage: number }[];
}

export interface ResourceAlertWatcher {
  /** Feeds one sample; returns the alerts it raises (at most one per resource). */
  observe(metrics: SystemMetrics, atMs: number, context?: { topProcesses?: readonly ProcessUpdate[] }): ResourceAlert[];
  /** Resources currently above their threshold (alerted and not yet re-armed). */
  firing(): WatchedResource[];
}

export function createResourceAlertWatcher(options: ResourceAlertOptions): ResourceAlertWatcher {
  const hysteresis = options.hysteresis ?? 5;
  const sustain = Math.max(1, options.sustain ?? 3);
  const clearAfter = Math.max(1, options.clearAfter ?? 5);
  const windowMs = options.trendWindowMs ?? 30_000;
  const slopeLimit = options.trendSlopePerMin ?? 2;
  const states = new Map<WatchedResource, ResourceState>(WATCHED_RESOURCES.map((r) => [r, { armed: true, above: 0, below: 0, samples: [] }]));

  return {
    observe(metrics, atMs, context = {}) {
      const alerts: ResourceAlert[] = [];
      for (const resource of WATCHED_RESOURCES) {
        const state = states.get(resource)!;
        const usage = metrics[resource].usage;
        const threshold = options.thresholds[resource];
        state.samples.push({ atMs, usage });
        while (state.samples.length > 0 && state.samples[0]!.atMs < atMs - windowMs) state.samples.shift();

        if (usage >= threshold) {
          state.above += 1;
          state.below = 0;
          if (state.armed && state.above >= sustain) {
            state.armed = false;
            alerts.push({
              resource,
              usage_percent: usage,
              threshold_percent: threshold,
              trend: trendOf(state.samples, slopeLimit),
              recommendations: recommendationsFor(resource, metrics, context.topProcesses ?? []),
            });
          }
        } else {
          state.above = 0;
          state.below = usage < threshold - hysteresis ? state.below + 1 : 0;
          if (!state.armed && state.below >= clearAfter) state.armed = true;
        }
      }
      return alerts;
    },
    firing() {
      return WATCHED_RESOURCES.filter((r) => !states.get(r)!.armed);
    },
  };
}

/** Least-squares slope of the samples, in points per minute, read as a trend. */
export function trendOf(samples: readonly { atMs: number; usage: number }[], slopeLimitPerMin = 2): ResourceAlert["trend"] {
  if (samples.length < 2) return "stable";
  const t0 = samples[0]!.atMs;
  const xs = samples.map((s) => (s.atMs - t0) / 60_000);
  const ys = samples.map((s) => s.usage);
  const mx = xs.reduce((a, b) => a + b, 0) / xs.length;
  const my = ys.reduce((a, b) => a + b, 0) / ys.length;
  let num = 0;
  let den = 0;
  for (let i = 0; i < xs.length; i++) {
    num += (xs[i]! - mx) * (ys[i]! - my);
    den += (xs[i]! - mx) ** 2;
  }
  if (den === 0) return "stable";
  const slope = num / den;
  if (slope > slopeLimitPerMin) return "increasing";
  if (slope < -slopeLimitPerMin) return "decreasing";
  return "stable";
}

function recommendationsFor(resource: WatchedResource, metrics: SystemMetrics, top: readonly ProcessUpdate[]): string[] {
  const out: string[] = [];
  if (resource === "cpu") {
    const busiest = [...top].sort((a, b) => b.cpu_usage - a.cpu_usage)[0];
    if (busiest) out.push(`The busiest process is ${busiest.name} (pid ${busiest.pid}, ${busiest.cpu_usage}% CPU): check whether it is expected.`);
    out.push("Lower JOB_CONCURRENCY or DAG_PARALLELISM to take load off the host.");
    out.push(`Add CPU: ${metrics.cpu.cores} core${metrics.cpu.cores === 1 ? "" : "s"} are close to saturated.`);
  } else if (resource === "memory") {
    const biggest = [...top].sort((a, b) => b.memory_usage - a.memory_usage)[0];
    if (biggest) out.push(`The largest process is ${biggest.name} (pid ${biggest.pid}, ${biggest.memory_usage}% of memory).`);
    out.push("Lower JOB_CONCURRENCY so fewer documents are held in memory at once.");
    out.push("Add memory or move other services off this host.");
  } else {
    out.push("Delete old uploads under DATA_DIR/uploads or move DATA_DIR to a larger volume.");
    out.push("Check the database size and vacuum it if it has grown.");
  }
  return out;
}
