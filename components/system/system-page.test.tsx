// @vitest-environment jsdom
// Tests of the /system page: charts seeded from the history advance with pushed metrics (no refetch),
// modules show their status and reason, an alert pushed live joins the list, and each part has its
// empty and error states.
import * as React from "react";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { act, cleanup, render, screen, waitFor, within } from "@testing-library/react";
import { QueryClient, QueryClientProvider } from "@tanstack/react-query";
import type { SystemMetrics } from "@/lib/protocol/entities/system";
import { applyEvent } from "@/lib/query/patchers";
import { eph, ev } from "@/lib/realtime/testing/fixtures";
import { SystemPage } from "./system-page";

const metrics = (cpu: number): SystemMetrics => {
  const block = { total: 8 * 1024 ** 3, used: 2 * 1024 ** 3, free: 6 * 1024 ** 3, usage: 25 };
  return { cpu: { usage: cpu, cores: 4, frequency: 2.4 }, memory: block, disk: block, network: { rx: 10, tx: 10, rxSpeed: 2048, txSpeed: 1024 } };
};

beforeEach(() => {
  vi.stubGlobal(
    "ResizeObserver",
    class {
      observe() {}
      unobserve() {}
      disconnect() {}
    },
  );
});
afterEach(() => {
  cleanup();
  vi.unstubAllGlobals();
});

function setup(routes: Record<string, () => Response>) {
  const calls: string[] = [];
  vi.stubGlobal("fetch", async (input: RequestInfo | URL) => {
    const path = new URL(String(input), "http://localhost").pathname;
    calls.push(path);
    const answer = routes[path];
    return answer ? answer() : new Response("{}", { status: 404 });
  });
  const qc = new QueryClient({ defaultOptions: { queries: { retry: false, gcTime: Infinity } } });
  render(
    <QueryClientProvider client={qc}>
      <SystemPage />
    </QueryClientProvider>,
  );
  return { qc, calls };
}

const json = (body: unknown, status = 200) => () => new Response(JSON.stringify(body), { status });

describe("SystemPage", () => {
  it("advances the charts from pushes without asking for the history again", async () => {
    const { qc, calls } = setup({
      "/api/system/metrics": json([
        { ...metrics(10), ts: "2026-11-22T10:00:00.000Z" },
        { ...metrics(20), ts: "2026-11-22T10:00:01.000Z" },
      ]),
      "/api/system/processes": json([{ pid: 42, name: "node", cpu_usage: 55.5, memory_usage: 3.2 }]),
      "/api/system/interfaces": json([{ name: "eth0", rx: 2048, tx: 1024 }]),
      "/api/system/modules": json([
        { module: "storage", old_status: "ok", new_status: "degraded", reason: "select 1 took 1500 ms", affected_functions: ["uploads"], checked_at: "x", details: { select_1_ms: 1500 } },
        { module: "hub", old_status: "unknown", new_status: "ok", reason: null, affected_functions: [], checked_at: "x", details: {} },
      ]),
      "/api/system/alerts": json([]),
    });
    const cpu = await screen.findByTestId("system-chart-cpu");
    await waitFor(() => expect(cpu.getAttribute("data-points")).toBe("2"));
    expect(screen.getByTestId("system-value-cpu").textContent).toContain("20%");

    act(() => applyEvent(qc, { ...eph("system_metrics", "system", metrics(64)), ts: "2026-11-22T10:00:02.000Z" }));
    await waitFor(() => expect(cpu.getAttribute("data-points")).toBe("3"));
    expect(cpu.getAttribute("data-last")).toBe(String(Date.parse("2026-11-22T10:00:02.000Z")));
    expect(screen.getByTestId("system-value-cpu").textContent).toContain("64%");
    expect(calls.filter((c) => c === "/api/system/metrics")).toHaveLength(1);

    expect(await screen.findByRole("rowheader", { name: "node" })).toBeTruthy();
    expect(screen.getByRole("rowheader", { name: "eth0" })).toBeTruthy();
    const storage = screen.getAllByTestId("system-module")[0]!;
    expect(storage.getAttribute("data-module")).toBe("storage");
    expect(within(storage).getByText("Degraded")).toBeTruthy();
    expect(within(storage).getByText("select 1 took 1500 ms")).toBeTruthy();

    expect(screen.getByTestId("system-alerts-empty")).toBeTruthy();
    act(() =>
      applyEvent(
        qc,
        ev("resource_alert", "system:alerts", { resource: "memory", usage_percent: 93, threshold_percent: 90, trend: "increasing", recommendations: ["Add memory"] }, "5-0"),
      ),
    );
    expect(await screen.findByText("Memory at 93%")).toBeTruthy();
    expect(screen.getByText("Add memory")).toBeTruthy();

    act(() => applyEvent(qc, ev("module_status_changed", "system", { module: "hub", old_status: "ok", new_status: "down", reason: "the event loop is blocked", affected_functions: ["live updates"] }, "6-0")));
    await waitFor(() => expect(screen.getAllByTestId("system-module")[0]?.getAttribute("data-status")).toBe("down"));
    expect(screen.getByText("Affects: live updates")).toBeTruthy();
  });

  it("shows what is empty and what failed", async () => {
    setup({
      "/api/system/metrics": json([]),
      "/api/system/processes": json({ error: { code: "internal", message: "boom" } }, 500),
      "/api/system/interfaces": json([]),
      "/api/system/modules": json([]),
      "/api/system/alerts": json([]),
    });
    expect(await screen.findByTestId("system-charts-waiting")).toBeTruthy();
    expect(await screen.findByTestId("system-processes-error")).toBeTruthy();
    expect(screen.getByTestId("system-interfaces-empty")).toBeTruthy();
    expect(screen.getByTestId("system-modules-empty")).toBeTruthy();
  });
});
