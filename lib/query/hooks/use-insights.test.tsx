// @vitest-environment jsdom
// Tests of the insights hooks: the live feed, "analyze now", and the overview kept live (hourly buckets from job events, newest KPI numbers).
import * as React from "react";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { act, renderHook, waitFor } from "@testing-library/react";
import { QueryClient, QueryClientProvider } from "@tanstack/react-query";
import { toast as sonner } from "sonner";
import type { InsightsOverview } from "@/lib/api/insights";
import type { DashboardMetricsUpdate } from "@/lib/protocol/entities/insights";
import type { Job } from "@/lib/protocol/entities/jobs";
import type { RealtimeClient, RealtimeEvent } from "@/lib/realtime/client";
import { RealtimeContext } from "@/lib/realtime/context";
import { ev, makeInsight, makeJob, T0 } from "@/lib/realtime/testing/fixtures";
import { applyEvent } from "../patchers";
import {
  applyOverviewChange,
  HOUR_MS,
  newestMetrics,
  NO_NEW_INSIGHTS,
  useAnalyzeNow,
  useInsightsList,
  useInsightsOverview,
} from "./use-insights";

vi.mock("sonner", () => ({ toast: Object.assign(vi.fn(), { error: vi.fn(), success: vi.fn(), info: vi.fn() }) }));

beforeEach(() => {
  vi.mocked(sonner.info).mockReset();
  vi.mocked(sonner.success).mockReset();
});
afterEach(() => vi.unstubAllGlobals());

const json = (status: number, body: unknown) => new Response(JSON.stringify(body), { status, headers: { "content-type": "application/json" } });

/** Answers GET/POST by path; anything else is a 500 naming the request. */
function stubFetch(routes: Record<string, () => Response | Promise<Response>>) {
  vi.stubGlobal("fetch", async (input: string, init: RequestInit = {}) => {
    const url = new URL(input, "http://localhost");
    const route = routes[`${init.method ?? "GET"} ${url.pathname}`];
    return route ? route() : json(500, { error: { code: "internal", message: `unexpected ${url.pathname}` } });
  });
}

/** A realtime client driven by the test: `emit` delivers to the subscribed handlers, then patches the cache as the provider would. */
function fakeRealtime(qc: QueryClient) {
  const holders = new Set<{ topics: readonly string[]; onEvent?: (e: RealtimeEvent) => void }>();
  const client: RealtimeClient = {
    subscribe(topics, onEvent) {
      const holder = { topics, onEvent };
      holders.add(holder);
      return () => void holders.delete(holder);
    },
    onEvent: () => () => {},
    onResync: () => () => {},
    onSubscribed: () => () => {},
    onStatus: () => () => {},
    onError: () => () => {},
    getStatus: () => ({ status: "live", lastEventAt: null, epoch: "e1" }),
    heldTopics: () => [...new Set([...holders].flatMap((h) => h.topics))],
    reconnect: () => {},
    close: () => {},
  };
  const emit = (event: RealtimeEvent) =>
    act(() => {
      for (const h of [...holders]) if (h.topics.includes(event.topic)) h.onEvent?.(event);
      applyEvent(qc, event);
    });
  return { client, emit };
}

function setup() {
  const qc = new QueryClient({ defaultOptions: { queries: { retry: false, gcTime: Infinity }, mutations: { retry: false } } });
  const realtime = fakeRealtime(qc);
  const wrapper = ({ children }: { children: React.ReactNode }) => (
    <QueryClientProvider client={qc}>
      <RealtimeContext.Provider value={realtime.client}>{children}</RealtimeContext.Provider>
    </QueryClientProvider>
  );
  return { qc, wrapper, emit: realtime.emit };
}

describe("useInsightsList and useAnalyzeNow", () => {
  it("shows a pushed insight at the top of the feed", async () => {
    const { wrapper, emit } = setup();
    const older = makeInsight({ insight_id: "i1", created_at: new Date(T0).toISOString() });
    stubFetch({ "GET /api/insights": () => json(200, { items: [older], next_cursor: null }) });
    const { result } = renderHook(() => useInsightsList(), { wrapper });
    await waitFor(() => expect(result.current.items.map((i) => i.insight_id)).toEqual(["i1"]));
    const fresh = makeInsight({ insight_id: "i2", title: "Failures rose", type: "anomaly", created_at: new Date(T0 + 60_000).toISOString() });
    emit(ev("insight_generated", "insights", fresh));
    await waitFor(() => expect(result.current.items.map((i) => i.insight_id)).toEqual(["i2", "i1"]));
  });

  it("says so when the analysis generates nothing, and adds what it generates to the feed once", async () => {
    const { wrapper, emit } = setup();
    let generated: unknown[] = [];
    stubFetch({
      "GET /api/insights": () => json(200, { items: [], next_cursor: null }),
      "POST /api/insights/analyze": () => json(200, { generated }),
    });
    const { result } = renderHook(() => ({ list: useInsightsList(), analyze: useAnalyzeNow() }), { wrapper });
    await waitFor(() => expect(result.current.list.isSuccess).toBe(true));

    await act(() => result.current.analyze.mutateAsync());
    expect(sonner.info).toHaveBeenCalledWith(NO_NEW_INSIGHTS);

    const insight = makeInsight({ insight_id: "i9", title: "Throughput doubled" });
    generated = [insight];
    await act(() => result.current.analyze.mutateAsync());
    await waitFor(() => expect(result.current.list.items.map((i) => i.insight_id)).toEqual(["i9"]));
    expect(sonner.success).toHaveBeenCalledWith("New insight: Throughput doubled");
    emit(ev("insight_generated", "insights", insight));
    expect(result.current.list.items).toHaveLength(1);
  });
});

// ---- the overview ----

/** The hour the fixtures live in: the 24 buckets end with it; the overview was generated 10 min into it. */
const H = Math.floor(T0 / HOUR_MS) * HOUR_MS + 5 * HOUR_MS;
const at = (minutes: number) => new Date(H + minutes * 60_000).toISOString();

const metrics = (over: Partial<DashboardMetricsUpdate> = {}): DashboardMetricsUpdate => ({
  total_processed: 10,
  processing_time: 1200,
  success_rate: 0.9,
  active_agents: 3,
  knowledge_items: 8,
  changes: {},
  ...over,
});

function overview(over: Partial<InsightsOverview> = {}): InsightsOverview {
  return {
    metrics: metrics(),
    per_hour: Array.from({ length: 24 }, (_, i) => ({ hour: new Date(H - (23 - i) * HOUR_MS).toISOString(), completed: 0, failed: 0 })),
    by_type: [{ type: "csv", completed: 2, failed: 0 }],
    generated_at: at(10),
    ...over,
  };
}

const jobEvent = (type: "processing_job_created" | "processing_job_status" | "processing_job_completed" | "processing_job_failed", job: Job, ts: string): RealtimeEvent =>
  ({ ...ev(type, `jobs`, job), ts }) as RealtimeEvent;

describe("useInsightsOverview", () => {
  async function loaded(data = overview()) {
    const ctx = setup();
    stubFetch({ "GET /api/insights/overview": () => json(200, data) });
    const hook = renderHook(() => useInsightsOverview(), { wrapper: ctx.wrapper });
    await waitFor(() => expect(hook.result.current.data).toBeDefined());
    const current = () => hook.result.current.data!.per_hour.at(-1)!;
    return { ...ctx, hook, current };
  }

  it("counts a pushed completed job in the current hour and its type, once", async () => {
    const { emit, hook, current } = await loaded();
    const job = makeJob({ job_id: "j1", type: "text", created_at: at(15), version: 1 });
    emit(jobEvent("processing_job_created", job, at(15)));
    emit(jobEvent("processing_job_status", { ...job, status: "processing", version: 2 }, at(16)));
    const done = jobEvent("processing_job_completed", { ...job, status: "completed", completed_at: at(20), version: 3 }, at(20));
    emit(done);
    await waitFor(() => expect(current()).toMatchObject({ completed: 1, failed: 0 }));
    expect(hook.result.current.data!.by_type).toEqual([
      { type: "csv", completed: 2, failed: 0 },
      { type: "text", completed: 1, failed: 0 },
    ]);
    // A replay of the same event is not counted again.
    emit({ ...done });
    expect(current().completed).toBe(1);
  });

  it("counts the failure of a job it never saw before, and ignores events the fetched overview already counts", async () => {
    const { emit, current } = await loaded();
    const job = makeJob({ job_id: "j7", type: "pdf", status: "failed", created_at: at(1), failed_at: at(30), version: 4 });
    emit(jobEvent("processing_job_failed", job, at(30)));
    await waitFor(() => expect(current().failed).toBe(1));
    const old = makeJob({ job_id: "j8", status: "completed", created_at: at(1), completed_at: at(5), version: 3 });
    emit(jobEvent("processing_job_completed", old, at(5)));
    expect(current().completed).toBe(0);
  });

  it("slides the window when a job finishes in a new hour", async () => {
    const { emit, hook, current } = await loaded();
    const job = makeJob({ job_id: "j2", status: "completed", created_at: at(50), completed_at: at(65), version: 3 });
    emit(jobEvent("processing_job_completed", job, at(65)));
    await waitFor(() => expect(Date.parse(current().hour)).toBe(H + HOUR_MS));
    expect(current().completed).toBe(1);
    expect(hook.result.current.data!.per_hour).toHaveLength(24);
  });

  it("shows the pushed KPI numbers when they are newer than the fetched ones", async () => {
    const { emit, hook } = await loaded();
    expect(hook.result.current).toMatchObject({ metrics: { total_processed: 10 }, metricsSource: "fetched" });
    emit({ type: "dashboard_metrics_update", topic: "metrics", ts: at(5), data: metrics({ total_processed: 4 }) } as RealtimeEvent);
    // Generated before the overview: the fetched numbers stay.
    await waitFor(() => expect(hook.result.current.metricsSource).toBe("fetched"));
    expect(hook.result.current.metrics?.total_processed).toBe(10);
    emit({ type: "dashboard_metrics_update", topic: "metrics", ts: at(12), data: metrics({ total_processed: 11, changes: { total_processed: 1 } }) } as RealtimeEvent);
    await waitFor(() => expect(hook.result.current.metrics?.total_processed).toBe(11));
    expect(hook.result.current.metricsSource).toBe("pushed");
  });
});

describe("newestMetrics and applyOverviewChange", () => {
  it("falls back to arrival order when the push's time is unknown", () => {
    const fetched = { metrics: metrics({ total_processed: 1 }), generatedAt: H, fetchedAt: 1_000 };
    expect(newestMetrics(fetched, { metrics: metrics({ total_processed: 2 }), at: null, receivedAt: 2_000 }).source).toBe("pushed");
    expect(newestMetrics(fetched, { metrics: metrics({ total_processed: 2 }), at: null, receivedAt: 500 }).source).toBe("fetched");
    expect(newestMetrics(fetched, undefined).metrics.total_processed).toBe(1);
  });

  it("takes a retried failure out of its hour and its type, and drops an emptied type", () => {
    const base = overview({ by_type: [{ type: "pdf", completed: 0, failed: 1 }] });
    base.per_hour[23]!.failed = 1;
    const next = applyOverviewChange(base, { delta: { counts: {}, total: 0, per_minute: [{ at: at(30), field: "failed", by: -1 }] }, jobType: "pdf" });
    expect(next.per_hour[23]!.failed).toBe(0);
    expect(next.by_type).toEqual([]);
    const created = applyOverviewChange(base, { delta: { counts: {}, total: 1, per_minute: [{ at: at(30), field: "created", by: 1 }] }, jobType: "pdf" });
    expect(created).toBe(base);
  });
});
