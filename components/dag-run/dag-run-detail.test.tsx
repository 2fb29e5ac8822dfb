// @vitest-environment jsdom
// The run page against a fake fetch and pushed events: graph nodes coloured live by step_status, the
// optimistic Cancel (shown at once, confirmed by the push), and the "No such run" state.
import * as React from "react";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { act, cleanup, fireEvent, render, screen, waitFor, within } from "@testing-library/react";
import { QueryClient, QueryClientProvider } from "@tanstack/react-query";
import type { DagRunDetail } from "@/lib/api/dags";
import type { Dag, DagRun, DagRunStep } from "@/lib/protocol/entities/dags";
import { applyEvent } from "@/lib/query/patchers";
import { ev, iso } from "@/lib/realtime/testing/fixtures";
import { DagRunDetail as DagRunPage } from "./dag-run-detail";

vi.mock("sonner", () => ({ toast: Object.assign(vi.fn(), { error: vi.fn(), success: vi.fn(), info: vi.fn() }) }));

// React Flow measures its nodes: jsdom needs a ResizeObserver that reports, DOMMatrixReadOnly and sizes.
beforeEach(() => {
  class ResizeObserverStub {
    constructor(private readonly callback: ResizeObserverCallback) {}
    observe(target: Element) {
      this.callback([{ target } as ResizeObserverEntry], this as unknown as ResizeObserver);
    }
    unobserve() {}
    disconnect() {}
  }
  class DOMMatrixReadOnlyStub {
    m22: number;
    constructor(transform?: string) {
      const scale = transform?.match(/scale\(([1-9.])\)/)?.[1];
      this.m22 = scale !== undefined ? Number(scale) : 1;
    }
  }
  vi.stubGlobal("ResizeObserver", ResizeObserverStub);
  vi.stubGlobal("DOMMatrixReadOnly", DOMMatrixReadOnlyStub);
  Object.defineProperties(HTMLElement.prototype, {
    offsetHeight: { configurable: true, get: () => 100 },
    offsetWidth: { configurable: true, get: () => 100 },
  });
  (SVGElement.prototype as unknown as { getBBox: () => object }).getBBox = () => ({ x: 0, y: 0, width: 0, height: 0 });
});

afterEach(() => {
  cleanup();
  vi.unstubAllGlobals();
});

const json = (status: number, body: unknown) => new Response(JSON.stringify(body), { status, headers: { "content-type": "application/json" } });

const dag: Dag = {
  dag_id: "etl",
  name: "Nightly ETL",
  description: null,
  steps: [
    { step_id: "extract", depends_on: [], operator: "http_request", params: {}, retries: 1 },
    { step_id: "load", depends_on: ["extract"], operator: "delay", params: { ms: 10 }, retries: 0 },
  ],
  created_at: null,
  updated_at: null,
  version: 1,
};
const step = (step_id: string, over: Partial<DagRunStep> = {}): DagRunStep => ({
  dag_id: "etl",
  run_id: "r1",
  step_id,
  status: "pending",
  start_time: null,
  end_time: null,
  duration: null,
  retry_count: 0,
  error: null,
  version: 1,
  ...over,
});
const runFields: DagRun = {
  dag_id: "etl",
  run_id: "r1",
  status: "running",
  started_at: iso(0),
  ended_at: null,
  total_steps: 2,
  completed_steps: 0,
  running_steps: 1,
  failed_steps: 0,
  pending_steps: 1,
  completion_percentage: 0,
  params: { region: "eu" },
  error: null,
  created_at: iso(0),
  client_mutation_id: null,
  version: 2,
};
const run: DagRunDetail = { ...runFields, steps: [step("extract", { status: "running", start_time: iso(1), version: 2 }), step("load")] };

/** Serves the run and its DAG; holds POSTs until the test answers them. */
function serve(runBody: () => Response) {
  const posts: Array<{ url: string; resolve: (r: Response) => void }> = [];
  vi.stubGlobal("fetch", (url: string, init: RequestInit = {}) => {
    if ((init.method ?? "GET") !== "GET") return new Promise<Response>((resolve) => posts.push({ url, resolve }));
    if (url === "/api/dag-runs/r1") return Promise.resolve(runBody());
    if (url === "/api/dags/etl") return Promise.resolve(json(200, dag));
    return Promise.resolve(json(404, { error: { code: "not_found", message: "not found" } }));
  });
  return posts;
}

function renderPage() {
  const qc = new QueryClient({ defaultOptions: { queries: { retry: false, gcTime: Infinity }, mutations: { retry: false } } });
  render(
    <QueryClientProvider client={qc}>
      <DagRunPage runId="r1" />
    </QueryClientProvider>,
  );
  return qc;
}

const node = (stepId: string) => document.querySelector<HTMLElement>(`[data-testid="dag-node"][data-step-id="${stepId}"]`);

describe("DagRunDetail", () => {
  it("draws a node per step and recolours it when a step_status is pushed", async () => {
    serve(() => json(200, run));
    const qc = renderPage();
    await waitFor(() => expect(node("load")).not.toBeNull());
    expect(screen.getByRole("heading", { level: 1 }).textContent).toBe("Nightly ETL");
    expect(node("extract")!.dataset.status).toBe("running");
    expect(node("load")!.dataset.status).toBe("pending");
    expect(node("extract")!.textContent).toContain("HTTP request");
    expect(document.querySelector('[data-testid="run-step-row"][data-step-id="extract"]')!.getAttribute("data-status")).toBe("running");

    act(() => {
      applyEvent(qc, ev("step_status", "dag-runs:r1", step("extract", { status: "success", start_time: iso(1), end_time: iso(3), duration: 2000, version: 3 })));
      applyEvent(qc, ev("step_status", "dag-runs:r1", step("load", { status: "running", start_time: iso(3), version: 2 })));
    });
    await waitFor(() => expect(node("extract")!.dataset.status).toBe("success"));
    expect(node("load")!.dataset.status).toBe("running");
    expect(node("extract")!.textContent).toContain("2.0 s");
    expect(document.querySelector('[data-testid="run-step-row"][data-step-id="load"]')!.getAttribute("data-status")).toBe("running");

    // A failure with retries left comes back as pending with the last error: "waiting to retry".
    act(() => applyEvent(qc, ev("step_status", "dag-runs:r1", step("load", { status: "pending", retry_count: 1, error: "timed out", version: 3 }))));
    await waitFor(() => expect(node("load")!.dataset.status).toBe("pending"));
    expect(node("load")!.textContent).toContain("Waiting to retry");
    expect(screen.getByText("timed out")).toBeTruthy();
  });

  it("shows Cancelling… at once when Cancel is pressed; the pushed run confirms it", async () => {
    const posts = serve(() => json(200, run));
    const qc = renderPage();
    const button = await screen.findByRole("button", { name: "Cancel run" });
    fireEvent.click(button);
    await waitFor(() => expect(screen.getByTestId("dag-run-status").textContent).toBe("Cancelling…"));
    expect(screen.getByTestId("cancel-run")).toHaveProperty("disabled", true);
    await waitFor(() => expect(posts.map((p) => p.url)).toEqual(["/api/dag-runs/r1/cancel"]));

    act(() => {
      applyEvent(qc, ev("step_status", "dag-runs:r1", step("extract", { status: "skipped", start_time: iso(1), end_time: iso(4), version: 3 })));
      applyEvent(qc, ev("step_status", "dag-runs:r1", step("load", { status: "skipped", version: 2 })));
      applyEvent(qc, ev("dag_run_status", "dag-runs:r1", { ...runFields, status: "cancelled", ended_at: iso(4), running_steps: 0, pending_steps: 0, version: 4 }));
    });
    await waitFor(() => expect(screen.getByTestId("dag-run-status").textContent).toBe("Cancelled"));
    expect(screen.queryByTestId("cancel-run")).toBeNull();
    expect(node("extract")!.dataset.status).toBe("skipped");
    expect(node("load")!.dataset.status).toBe("skipped");
    posts[0]!.resolve(json(200, { ...run, ...runFields, status: "cancelled", version: 4 }));
    await waitFor(() => expect(screen.getByTestId("dag-run-status").getAttribute("data-pending-action")).toBeNull());
    expect(screen.getByTestId("dag-run-status").textContent).toBe("Cancelled");
  });

  it("says there is no such run on a 404", async () => {
    serve(() => json(404, { error: { code: "not_found", message: "no such run" } }));
    renderPage();
    const gone = await screen.findByTestId("dag-run-not-found");
    expect(within(gone).getByText("No such run")).toBeTruthy();
  });

  it("shows the query error with a retry on other failures", async () => {
    serve(() => json(500, { error: { code: "internal", message: "database unavailable" } }));
    renderPage();
    const alert = await screen.findByTestId("dag-run-error-state");
    expect(alert.textContent).toContain("database unavailable");
    expect(within(alert).getByRole("button", { name: "Try again" })).toBeTruthy();
  });
});
