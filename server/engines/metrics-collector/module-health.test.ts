// Tests of module health: status transitions (worse at once, better after a streak), the monitor's
// events only on change, timeouts and failing checks, the stall watch and the lag and collector rules.
import { describe, expect, it } from "vitest";
import { createLogger } from "../../log";
import { collectorHealth, type CollectorFigures } from "./collector";
import { lagHealth, marketFeedCheck, stallHealth, stallWatch } from "./module-checks";
import { createModuleHealthMonitor, nextHealth, type HealthState, type ProbeResult } from "./module-health";

const ok: ProbeResult = { status: "ok", reason: null };
const degraded: ProbeResult = { status: "degraded", reason: "slow" };
const down: ProbeResult = { status: "down", reason: "gone" };

function run(probes: ProbeResult[], recoverAfter = 2) {
  let state: HealthState | undefined;
  return probes.map((p, i) => {
    const next = nextHealth(state, p, i, recoverAfter);
    state = next.state;
    return next.change ? `${next.change.old_status}->${next.change.new_status}` : state.status;
  });
}

describe("nextHealth", () => {
  it("takes the first probe as the baseline, reporting it only when not ok", () => {
    expect(run([ok])).toEqual(["ok"]);
    expect(run([degraded])).toEqual(["unknown->degraded"]);
  });

  it("gets worse at once and better only after a streak", () => {
    expect(run([ok, degraded, ok, degraded, ok, ok, down, ok, ok])).toEqual([
      "ok",
      "ok->degraded",
      "degraded",
      "degraded",
      "degraded",
      "degraded->ok",
      "ok->down",
      "down",
      "down->ok",
    ]);
  });

  it("recovers to the worst status of the streak", () => {
    expect(run([down, ok, degraded])).toEqual(["unknown->down", "down", "down->degraded"]);
  });
});

describe("module health monitor", () => {
  const log = createLogger("silent");

  it("reports each module's health after every check and a change only when its status moves", async () => {
    const seen: string[] = [];
    let probe: ProbeResult = ok;
    let t = 0;
    const monitor = createModuleHealthMonitor({ log, now: () => (t += 1000), recoverAfter: 1, onChecked: (h, changed) => void seen.push(`${h.module}:${h.new_status}${changed ? "!" : ""}`) });
    monitor.register({ module: "probe", affected_functions: ["tests"], check: () => probe });
    await monitor.runNow();
    probe = degraded;
    await monitor.runNow();
    await monitor.runNow();
    probe = ok;
    await monitor.runNow();
    expect(seen).toEqual(["probe:ok", "probe:degraded!", "probe:degraded", "probe:ok!"]);
    const [health] = monitor.snapshot();
    expect(health).toMatchObject({ module: "probe", old_status: "degraded", new_status: "ok", reason: null, affected_functions: ["tests"] });
  });

  it("makes a module down when its check throws or does not answer in time", async () => {
    const monitor = createModuleHealthMonitor({ log, checkTimeoutMs: 20, onChecked: () => {} });
    monitor.register({ module: "throws", affected_functions: [], check: () => { throw new Error("boom"); } });
    monitor.register({ module: "hangs", affected_functions: [], check: () => new Promise<ProbeResult>(() => {}) });
    const health = await monitor.runNow();
    expect(health.map((h) => [h.module, h.new_status, h.reason])).toEqual([
      ["throws", "down", "its health check failed: boom"],
      ["hangs", "down", "its health check did not answer within 20 ms"],
    ]);
  });

  it("forgets a module once its check is removed", async () => {
    const monitor = createModuleHealthMonitor({ log, onChecked: () => {} });
    const remove = monitor.register({ module: "market-feed", affected_functions: [], check: () => ok });
    await monitor.runNow();
    remove();
    expect(monitor.snapshot()).toEqual([]);
  });
});

describe("built-in rules", () => {
  it("watches for an engine busy without progress", () => {
    let t = 0;
    const watch = stallWatch(() => t);
    expect(watch(true, "0")).toBe(0);
    t = 60_000;
    expect(watch(true, "0")).toBe(60_000);
    t = 120_000;
    expect(watch(true, "1")).toBe(0);
    t = 200_000;
    expect(watch(false, "1")).toBe(0);
    expect(stallHealth(11 * 60_000, 10 * 60_000, "1 job in progress and none finished", {})).toMatchObject({ status: "degraded", reason: "stalled: 1 job in progress and none finished for 11 min" });
    expect(stallHealth(60_000, 10 * 60_000, "x", {}).status).toBe("ok");
  });

  it("reads event-loop lag", () => {
    const limits = { lagDegradedMs: 250, lagDownMs: 2000 };
    expect(lagHealth(20, 40, {}, limits).status).toBe("ok");
    expect(lagHealth(300, 400, {}, limits)).toMatchObject({ status: "degraded", reason: "event-loop lag p99 300 ms (over 250 ms)" });
    expect(lagHealth(2500, 3000, {}, limits).status).toBe("down");
  });

  it("says when the collector is late, failing or slower than its interval", () => {
    const base: CollectorFigures = { interval_ms: 1000, samples: 5, failures: 0, consecutive_failures: 0, skipped: 0, last_sample_at: new Date(10_000).toISOString(), last_sample_ms: 30, max_sample_ms: 50, recent_avg_ms: 30, last_processes_ms: 200, last_error: null };
    expect(collectorHealth(base, 10_500).status).toBe("ok");
    expect(collectorHealth(base, 14_500)).toMatchObject({ status: "degraded", reason: "the last sample is 5 s old" });
    expect(collectorHealth(base, 30_000).status).toBe("down");
    expect(collectorHealth({ ...base, recent_avg_ms: 1500 }, 10_500).reason).toBe("a sample takes 1500 ms on average, longer than the 1000 ms interval");
    expect(collectorHealth({ ...base, samples: 1, recent_avg_ms: 1500 }, 10_500).status).toBe("ok");
    expect(collectorHealth({ ...base, consecutive_failures: 3, last_error: "EPERM" }, 10_500)).toMatchObject({ status: "degraded", reason: "the last 3 samples failed: EPERM" });
    expect(collectorHealth(base, 10_500, true).status).toBe("down");
  });
});

describe("market feed health", () => {
  it("is down when quotes stop for 5 s or the feed stopped, degraded when ticks were skipped since the last check", async () => {
    let figures = { running: true, quotes: 10, skipped: 0, last_publish_at: 1_000 as number | null };
    let now = 2_000;
    const check = marketFeedCheck({ figures: () => figures }, () => now);
    expect((await check.check()).status).toBe("ok");
    figures = { ...figures, skipped: 3 };
    expect(await check.check()).toMatchObject({ status: "degraded", reason: "3 ticks skipped: publishing falls behind" });
    expect((await check.check()).status).toBe("ok"); // nothing skipped since
    now = 7_000;
    expect(await check.check()).toMatchObject({ status: "down", reason: "no quotes for 6 s" });
    figures = { ...figures, running: false };
    expect(await check.check()).toMatchObject({ status: "down", reason: "the feed is stopped" });
  });
});
