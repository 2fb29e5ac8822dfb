// @vitest-environment jsdom
// Tests of the system hooks: the metrics history is fetched once and advanced by pushes (no refetch),
// processes and modules follow pushes, and a refetch keeps what was pushed while it was in flight.
import * as React from "react";
import { afterEach, describe, expect, it, vi } from "vitest";
import { act, renderHook, waitFor } from "@testing-library/react";
import { QueryClient, QueryClientProvider } from "@tanstack/react-query";
import type { ModuleHealth } from "@/lib/api/system";
import type { SystemMetrics } from "@/lib/protocol/entities/system";
import { eph, ev } from "@/lib/realtime/testing/fixtures";
import { applyEvent, type SystemMetricsPoint } from "../patchers";
import { mergeModules, mergeSeries, useSystemMetricsHistory, useSystemModules, useSystemProcesses } from "./use-system";

afterEach(() => vi.unstubAllGlobals());

const metrics = (cpu: number): SystemMetrics => {
  const block = { total: 100, used: 40, free: 60, usage: 40 };
  return { cpu: { usage: cpu, cores: 4, frequency: 2.1 }, memory: block, disk: block, network: { rx: 1, tx: 1, rxSpeed: 0, txSpeed: 0 } };
};
const point = (second: number, cpu: number): SystemMetricsPoint => ({ ...metrics(cpu), ts: `2026-11-22T10:00:${String(second).padStart(2, "0")}.000Z` });

function setup<T>(useHook: () => T, answer: (url: string) => unknown) {
  const calls: string[] = [];
  vi.stubGlobal("fetch", async (input: RequestInfo | URL) => {
    const url = String(input);
    calls.push(url);
    return new Response(JSON.stringify(answer(url)), { status: 200 });
  });
  const qc = new QueryClient({ defaultOptions: { queries: { retry: false, gcTime: Infinity } } });
  const wrapper = ({ children }: { children: React.ReactNode }) => <QueryClientProvider client={qc}>{children}</QueryClientProvider>;
  return { qc, calls, hook: renderHook(useHook, { wrapper }) };
}

describe("useSystemMetricsHistory", () => {
  it("seeds from the route once, then each pushed system_metrics appends a point without a refetch", async () => {
    const { qc, calls, hook } = setup(() => useSystemMetricsHistory(), () => [point(1, 10), point(2, 20)]);
    await waitFor(() => expect(hook.result.current.data).toHaveLength(2));
    expect(calls).toEqual([expect.stringContaining("/api/system/metrics?seconds=300")]);
    for (const cpu of [30, 40, 50]) act(() => applyEvent(qc, { ...eph("system_metrics", "system", metrics(cpu)), ts: `2026-11-22T10:00:0${cpu / 10}.000Z` }));
    await waitFor(() => expect(hook.result.current.data?.map((p) => p.cpu.usage)).toEqual([10, 20, 30, 40, 50]));
    expect(calls).toHaveLength(1);
  });

  it("keeps points pushed after the fetched ones when it refetches", () => {
    expect(mergeSeries([point(1, 1), point(2, 2)], [point(1, 1), point(2, 2), point(3, 3)]).map((p) => p.cpu.usage)).toEqual([1, 2, 3]);
    expect(mergeSeries([point(1, 1)], undefined)).toHaveLength(1);
  });
});

describe("useSystemProcesses", () => {
  it("updates a process in place and adds new ones from pushes", async () => {
    const { qc, hook } = setup(() => useSystemProcesses(), () => [{ pid: 1, name: "node", cpu_usage: 50, memory_usage: 2 }]);
    await waitFor(() => expect(hook.result.current.data).toHaveLength(1));
    act(() => applyEvent(qc, eph("process_update", "system", { pid: 1, name: "node", cpu_usage: 80, memory_usage: 2 })));
    act(() => applyEvent(qc, eph("process_update", "system", { pid: 2, name: "pg", cpu_usage: 10, memory_usage: 5 })));
    await waitFor(() => expect(hook.result.current.data?.map((p) => [p.pid, p.cpu_usage])).toEqual([[1, 80], [2, 10]]));
  });
});

describe("useSystemModules", () => {
  const health = (module: string, status: string, extra: Partial<ModuleHealth> = {}): ModuleHealth => ({ module, old_status: "ok", new_status: status, reason: null, affected_functions: [], ...extra });

  it("lists the fetched modules and applies a pushed status change", async () => {
    const { qc, hook } = setup(() => useSystemModules(), () => [health("hub", "ok", { checked_at: "x" }), health("storage", "ok", { checked_at: "x" })]);
    await waitFor(() => expect(hook.result.current.data).toHaveLength(2));
    act(() => applyEvent(qc, ev("module_status_changed", "system", { module: "storage", old_status: "ok", new_status: "degraded", reason: "slow", affected_functions: ["uploads"] }, "1-0")));
    await waitFor(() => expect(hook.result.current.data?.find((m) => m.module === "storage")).toMatchObject({ new_status: "degraded", reason: "slow" }));
  });

  it("lets a status pushed during the request win over its answer", () => {
    const fetched = [health("hub", "ok", { checked_at: "a" }), health("storage", "ok", { checked_at: "a" })];
    const cached = [health("hub", "ok", { checked_at: "b" }), health("storage", "down", { reason: "gone" }), health("market-feed", "degraded")];
    expect(mergeModules(fetched, cached).map((m) => `${m.module}:${m.new_status}`)).toEqual(["hub:ok", "storage:down", "market-feed:degraded"]);
  });
});
