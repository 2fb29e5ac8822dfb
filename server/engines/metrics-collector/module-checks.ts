// The health checks of Switchboard's own modules: hub (event-loop lag, sockets), bus, storage (a
// timed `select 1`), job processor, agent scheduler and DAG runner (stalled while busy). The
// collector adds its own; other modules (the market feed) register theirs on the monitor.
import { monitorEventLoopDelay } from "node:perf_hooks";
import type { Bus } from "../../bus/bus";
import type { Hub } from "../../hub/hub";
import type { Database } from "../../storage/db";
import type { AgentScheduler } from "../agent-scheduler/scheduler";
import type { DagRunner } from "../dag-runner/runner";
import type { JobProcessor } from "../job-processor/engine";
import type { MarketFeed } from "../market-feed/feed";
import type { ModuleHealthCheck, ProbeResult } from "./module-health";

export interface ModuleCheckLimits {
  /** Event-loop delay (p99 since the last check, ms) above which the hub is degraded / down. */
  lagDegradedMs: number;
  lagDownMs: number;
  /** A `select 1` slower than this makes storage degraded. */
  storageSlowMs: number;
  /** An engine busy this long without finishing anything is stalled. */
  stallMs: number;
}

export const DEFAULT_CHECK_LIMITS: ModuleCheckLimits = { lagDegradedMs: 250, lagDownMs: 2_000, storageSlowMs: 1_000, stallMs: 10 * 60_000 };

export interface ModuleCheckDeps {
  hub: Pick<Hub, "figures">;
  bus: Pick<Bus, "stats">;
  database: Pick<Database, "ping">;
  jobProcessor: Pick<JobProcessor, "figures">;
  agentScheduler: Pick<AgentScheduler, "figures">;
  dagRunner: Pick<DagRunner, "figures">;
  /** Absent when MARKET_FEED=off. */
  marketFeed?: Pick<MarketFeed, "figures"> | null;
  limits?: Partial<ModuleCheckLimits>;
  now?: () => number;
}

/** The built-in checks, and `stop()` to release the event-loop monitor. */
export function builtinModuleChecks(deps: ModuleCheckDeps): { checks: ModuleHealthCheck[]; stop(): void } {
  const limits = { ...DEFAULT_CHECK_LIMITS, ...deps.limits };
  const now = deps.now ?? Date.now;
  const lag = monitorEventLoopDelay({ resolution: 20 });
  lag.enable();
  const jobsStall = stallWatch(now);
  const tasksStall = stallWatch(now);
  const dagsStall = stallWatch(now);

  const checks: ModuleHealthCheck[] = [
    {
      module: "hub",
      affected_functions: ["live updates", "WebSocket connections"],
      check: () => {
        const p99 = lag.percentile(99) / 1e6;
        const max = lag.max / 1e6;
        lag.reset();
        const f = deps.hub.figures();
        return lagHealth(p99, max, { connections: f.connections, subscriptions: f.subscriptions, messages_sent: f.messages_sent }, limits);
      },
    },
    {
      module: "bus",
      affected_functions: ["event delivery", "replay after reconnects"],
      check: () => {
        const s = deps.bus.stats();
        const details = { kind: s.kind, published: s.published, log_size: s.log_size, log_capacity: s.log_capacity };
        return s.connected ? { status: "ok", reason: null, details } : { status: "down", reason: `the ${s.kind} bus is not connected`, details };
      },
    },
    {
      module: "storage",
      affected_functions: ["every page's data", "uploads", "job and DAG state"],
      check: async () => {
        const ms = await deps.database.ping();
        const details = { select_1_ms: Math.round(ms * 10) / 10 };
        return ms > limits.storageSlowMs
          ? { status: "degraded", reason: `select 1 took ${Math.round(ms)} ms (over ${limits.storageSlowMs} ms)`, details }
          : { status: "ok", reason: null, details };
      },
    },
    {
      module: "job-processor",
      affected_functions: ["document processing"],
      check: () => {
        const f = deps.jobProcessor.figures();
        const stuck = jobsStall(f.busy > 0, `${f.processed}/${f.failed}`);
        return stallHealth(stuck, limits.stallMs, `${f.busy} job${f.busy === 1 ? "" : "s"} in progress and none finished`, { ...f });
      },
    },
    {
      module: "agent-scheduler",
      affected_functions: ["agent tasks", "job steps"],
      check: () => {
        const f = deps.agentScheduler.figures();
        const busy = f.running + f.waiting_local;
        const stuck = tasksStall(busy > 0, `${f.completed}/${f.failed}/${f.moved}`);
        return stallHealth(stuck, limits.stallMs, `${busy} task${busy === 1 ? "" : "s"} running or waiting and none finished`, { ...f });
      },
    },
    {
      module: "dag-runner",
      affected_functions: ["DAG runs"],
      check: () => {
        const f = deps.dagRunner.figures();
        const stuck = dagsStall(f.active >= f.runners, `${f.active}`);
        return stallHealth(stuck, limits.stallMs, `all ${f.runners} runners busy, new runs wait`, { ...f });
      },
    },
    ...(deps.marketFeed ? [marketFeedCheck(deps.marketFeed, now)] : []),
  ];
  return { checks, stop: () => lag.disable() };
}

/** Quotes must keep flowing: none handed on for 5 s is down; ticks skipped under backpressure since the last check is degraded. */
export function marketFeedCheck(feed: Pick<MarketFeed, "figures">, now: () => number): ModuleHealthCheck {
  let skippedBefore = feed.figures().skipped;
  return {
    module: "market-feed",
    affected_functions: ["market page", "market alert rules"],
    check: () => {
      const f = feed.figures();
      const skipped = f.skipped - skippedBefore;
      skippedBefore = f.skipped;
      const details = { quotes: f.quotes, skipped_since_last_check: skipped };
      if (!f.running) return { status: "down", reason: "the feed is stopped", details };
      const silentMs = f.last_publish_at === null ? null : now() - f.last_publish_at;
      if (silentMs !== null && silentMs > 5_000) return { status: "down", reason: `no quotes for ${Math.round(silentMs / 1000)} s`, details };
      if (skipped > 0) return { status: "degraded", reason: `${skipped} ticks skipped: publishing falls behind`, details };
      return { status: "ok", reason: null, details };
    },
  };
}

/** The hub's health from the event-loop delay: a blocked loop delays every socket. */
export function lagHealth(p99Ms: number, maxMs: number, extra: Record<string, number>, limits: Pick<ModuleCheckLimits, "lagDegradedMs" | "lagDownMs">): ProbeResult {
  const details = { ...extra, event_loop_p99_ms: Math.round(p99Ms), event_loop_max_ms: Math.round(maxMs) };
  if (p99Ms > limits.lagDownMs) return { status: "down", reason: `the event loop is blocked (p99 delay ${Math.round(p99Ms)} ms)`, details };
  if (p99Ms > limits.lagDegradedMs) return { status: "degraded", reason: `event-loop lag p99 ${Math.round(p99Ms)} ms (over ${limits.lagDegradedMs} ms)`, details };
  return { status: "ok", reason: null, details };
}

/** Degraded when an engine has been busy without progress for `stallMs`. */
export function stallHealth(stuckMs: number, stallMs: number, what: string, details: Record<string, number>): ProbeResult {
  if (stuckMs >= stallMs) return { status: "degraded", reason: `stalled: ${what} for ${Math.round(stuckMs / 60_000)} min`, details };
  return { status: "ok", reason: null, details };
}

/**
 * Tracks how long something has been busy with the same progress signature: call it with whether it
 * is busy and a string that changes whenever it makes progress; it answers the ms without progress.
 */
export function stallWatch(now: () => number): (busy: boolean, signature: string) => number {
  let last: string | null = null;
  let since = now();
  return (busy, signature) => {
    if (!busy || signature !== last) {
      last = signature;
      since = now();
      return 0;
    }
    return now() - since;
  };
}
