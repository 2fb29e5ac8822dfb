// Module health monitor: modules register a health check; every few seconds each check runs (with a
// timeout) and its result moves the module's status (ok, degraded, down). Getting worse applies at
// once; getting better needs a few checks in a row, so a flapping probe does not flood the feed.
// Each change goes to `onChange`; the first check of a module is its baseline (reported only when not ok).
import type { ModuleHealth, ModuleStatus } from "@/lib/api/system";
import type { Logger } from "../../log";

export type ProbeStatus = Exclude<ModuleStatus, "unknown">;

export interface ProbeResult {
  status: ProbeStatus;
  /** Why it is not ok (null when ok). */
  reason: string | null;
  /** Figures shown beside the status (connections, lag, counts...). */
  details?: Record<string, number | string | boolean | null>;
}

export interface ModuleHealthCheck {
  /** e.g. `hub`, `storage`, `market-feed`. */
  module: string;
  /** What stops working when this module is down (shown with its status). */
  affected_functions: string[];
  check(): Promise<ProbeResult> | ProbeResult;
}

export interface HealthState {
  status: ModuleStatus;
  reason: string | null;
  sinceMs: number;
  /** A better status seen in the last checks, and how many times in a row. */
  candidate: ProbeStatus | null;
  streak: number;
}

const RANK: Record<ModuleStatus, number> = { unknown: -1, ok: 0, degraded: 1, down: 2 };

/**
 * The next state of a module after one probe, and the change to report (null when none).
 * `recoverAfter`: probes in a row at a better status needed to move to it.
 */
export function nextHealth(
  state: HealthState | undefined,
  probe: ProbeResult,
  atMs: number,
  recoverAfter = 2,
): { state: HealthState; change: { old_status: ModuleStatus; new_status: ProbeStatus; reason: string | null } | null } {
  if (!state || state.status === "unknown") {
    const next: HealthState = { status: probe.status, reason: probe.reason, sinceMs: atMs, candidate: null, streak: 0 };
    return { state: next, change: probe.status === "ok" ? null : { old_status: "unknown", new_status: probe.status, reason: probe.reason } };
  }
  if (probe.status === state.status) {
    return { state: { ...state, reason: probe.reason, candidate: null, streak: 0 }, change: null };
  }
  if (RANK[probe.status] > RANK[state.status]) {
    return {
      state: { status: probe.status, reason: probe.reason, sinceMs: atMs, candidate: null, streak: 0 },
      change: { old_status: state.status, new_status: probe.status, reason: probe.reason },
    };
  }
  // Better than now: wait until it holds for `recoverAfter` probes in a row, then move to the worst of them.
  const candidate = state.candidate === null || RANK[probe.status] > RANK[state.candidate] ? probe.status : state.candidate;
  const streak = state.streak + 1;
  if (streak < recoverAfter) return { state: { ...state, candidate, streak }, change: null };
  const reason = candidate === probe.status ? probe.reason : state.reason;
  return {
    state: { status: candidate, reason, sinceMs: atMs, candidate: null, streak: 0 },
    change: { old_status: state.status, new_status: candidate, reason },
  };
}

export interface ModuleHealthMonitorOptions {
  log: Logger;
  /** Receives every module's health after each check, with `changed` when its status moved. */
  onChecked(health: ModuleHealth, changed: boolean): Promise<void> | void;
  /** A check that does not answer in time makes its module down (default 5 s). */
  checkTimeoutMs?: number;
  recoverAfter?: number;
  now?: () => number;
}

export interface ModuleHealthMonitor {
  /** Adds a module's check (replacing one of the same name); returns its removal. */
  register(check: ModuleHealthCheck): () => void;
  /** Runs every check now (joins a run in progress) and resolves with every module's health. */
  runNow(): Promise<ModuleHealth[]>;
  snapshot(): ModuleHealth[];
}

export function createModuleHealthMonitor(options: ModuleHealthMonitorOptions): ModuleHealthMonitor {
  const now = options.now ?? Date.now;
  const timeoutMs = options.checkTimeoutMs ?? 5_000;
  const checks = new Map<string, ModuleHealthCheck>();
  const states = new Map<string, HealthState>();
  const latest = new Map<string, ModuleHealth>();
  let running: Promise<ModuleHealth[]> | null = null;

  async function probe(check: ModuleHealthCheck): Promise<ProbeResult> {
    let timer: NodeJS.Timeout | undefined;
    try {
      return await Promise.race([
        Promise.resolve().then(() => check.check()),
        new Promise<ProbeResult>((resolve) => {
          timer = setTimeout(() => resolve({ status: "down", reason: `its health check did not answer within ${timeoutMs} ms` }), timeoutMs);
          timer.unref();
        }),
      ]);
    } catch (err) {
      return { status: "down", reason: `its health check failed: ${err instanceof Error ? err.message : String(err)}` };
    } finally {
      if (timer) clearTimeout(timer);
    }
  }

  async function runAll(): Promise<ModuleHealth[]> {
    const list = [...checks.values()];
    const results = await Promise.all(list.map(async (c) => [c, await probe(c)] as const));
    for (const [check, result] of results) {
      if (checks.get(check.module) !== check) continue; // unregistered meanwhile
      const at = now();
      const { state, change } = nextHealth(states.get(check.module), result, at, options.recoverAfter);
      const previous = latest.get(check.module);
      states.set(check.module, state);
      const health: ModuleHealth = {
        module: check.module,
        old_status: change ? change.old_status : (previous?.old_status ?? "unknown"),
        new_status: state.status,
        reason: state.status === "ok" ? null : state.reason,
        affected_functions: check.affected_functions,
        checked_at: new Date(at).toISOString(),
        since: new Date(state.sinceMs).toISOString(),
        details: result.details ?? {},
      };
      latest.set(check.module, health);
      try {
        await options.onChecked(health, change !== null);
      } catch (err) {
        options.log.error({ err, module: check.module }, "could not record a module's health");
      }
    }
    return [...latest.values()];
  }

  return {
    register(check) {
      checks.set(check.module, check);
      return () => {
        if (checks.get(check.module) !== check) return;
        checks.delete(check.module);
        states.delete(check.module);
        latest.delete(check.module);
      };
    },
    runNow() {
      running ??= runAll().finally(() => {
        running = null;
      });
      return running;
    },
    snapshot: () => [...latest.values()],
  };
}
