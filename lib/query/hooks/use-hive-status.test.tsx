// @vitest-environment jsdom
// Tests of useHiveStatus: the fetched status, replaced by pushes, and a push during the request wins over its answer.
import * as React from "react";
import { afterEach, describe, expect, it, vi } from "vitest";
import { act, renderHook, waitFor } from "@testing-library/react";
import { QueryClient, QueryClientProvider } from "@tanstack/react-query";
import type { HiveStatusUpdate } from "@/lib/protocol/entities/system";
import { eph } from "@/lib/realtime/testing/fixtures";
import { applyEvent } from "../patchers";
import { useHiveStatus } from "./use-hive-status";

afterEach(() => vi.unstubAllGlobals());

const hive = (status: HiveStatusUpdate["status"], pending: number): HiveStatusUpdate => ({
  status,
  metrics: { total_agents: 4, active_agents: 2, pending_tasks: pending, completed_tasks_today: 9, system_load: 0.4 },
  alerts: [],
});

function setup(answer: () => Promise<Response>) {
  vi.stubGlobal("fetch", answer);
  const qc = new QueryClient({ defaultOptions: { queries: { retry: false, gcTime: Infinity } } });
  const wrapper = ({ children }: { children: React.ReactNode }) => <QueryClientProvider client={qc}>{children}</QueryClientProvider>;
  return { qc, hook: renderHook(() => useHiveStatus(), { wrapper }) };
}

describe("useHiveStatus", () => {
  it("shows the fetched status, then each pushed one", async () => {
    const { qc, hook } = setup(async () => new Response(JSON.stringify(hive("healthy", 1)), { status: 200 }));
    await waitFor(() => expect(hook.result.current.data?.metrics.pending_tasks).toBe(1));
    act(() => applyEvent(qc, eph("hive_status_update", "system", hive("degraded", 7))));
    await waitFor(() => expect(hook.result.current.data).toMatchObject({ status: "degraded", metrics: { pending_tasks: 7 } }));
  });

  it("keeps a status pushed while the request was in flight", async () => {
    let answer!: (r: Response) => void;
    const { qc, hook } = setup(() => new Promise<Response>((r) => (answer = r)));
    await waitFor(() => expect(answer).toBeDefined());
    act(() => applyEvent(qc, eph("hive_status_update", "system", hive("critical", 12))));
    await act(async () => answer(new Response(JSON.stringify(hive("healthy", 1)), { status: 200 })));
    await waitFor(() => expect(hook.result.current.isFetching).toBe(false));
    expect(hook.result.current.data).toMatchObject({ status: "critical", metrics: { pending_tasks: 12 } });
  });
});
