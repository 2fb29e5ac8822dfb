// @vitest-environment jsdom
// Tests of a DAG's card and runs grid as a user meets them: cells labelled by step and status, a
// pushed step_status recolouring its cell, a pushed run without steps shown as pending, the run
// being triggered appearing at once and replaced (not duplicated) by the push, and arrow keys.
import * as React from "react";
import { afterEach, describe, expect, it, vi } from "vitest";
import { act, cleanup, fireEvent, render, screen, waitFor, within } from "@testing-library/react";
import { QueryClient, QueryClientProvider } from "@tanstack/react-query";
import type { DagRunDetail } from "@/lib/api/dags";
import type { CatalogEvent } from "@/lib/protocol/events";
import { applyEvent } from "@/lib/query/patchers";
import { iso } from "@/lib/realtime/testing/fixtures";
import { DagCard } from "./dag-card";
import { makeDag, makeRun, makeStep } from "./dag-fixtures";

vi.mock("sonner", () => ({ toast: Object.assign(vi.fn(), { error: vi.fn(), success: vi.fn(), info: vi.fn() }) }));

const dag = makeDag({ dag_id: "etl", name: "ETL" });
const json = (status: number, body: unknown) => new Response(JSON.stringify(body), { status, headers: { "content-type": "application/json" } });

function renderCard(runs: DagRunDetail[]) {
  const qc = new QueryClient({ defaultOptions: { queries: { retry: false, gcTime: Infinity, staleTime: Infinity }, mutations: { retry: false } } });
  const posts: Array<{ url: string; body: { client_mutation_id: string }; resolve: (r: Response) => void }> = [];
  vi.stubGlobal("fetch", (url: string, init: RequestInit) => {
    if (init.method === "POST") return new Promise<Response>((resolve) => posts.push({ url, body: JSON.parse(String(init.body)), resolve }));
    return Promise.resolve(json(200, { items: runs, next_cursor: null }));
  });
  const view = render(
    <QueryClientProvider client={qc}>
      <DagCard dag={dag} limit={20} onEdit={() => {}} onTriggerWithParams={() => {}} onDelete={() => {}} />
    </QueryClientProvider>,
  );
  let n = 0;
  const push = (type: CatalogEvent["type"], data: unknown) =>
    act(() => applyEvent(qc, { type, topic: "dags", id: `${500 + (n += 1)}-0`, ts: iso(50), data } as CatalogEvent));
  const grid = () => screen.getByRole("grid", { name: /Recent runs of ETL/ });
  /** Every cell of the grid as "label [status]", header row first. */
  const cells = () => [...grid().querySelectorAll<HTMLElement>("[data-cell]")].map((c) => `${c.getAttribute("aria-label")} [${c.dataset.status}]`);
  return { qc, view, push, grid, cells, posts };
}

afterEach(() => {
  cleanup();
  vi.unstubAllGlobals();
});

describe("DagCard's runs grid", () => {
  it("labels each cell with its step, status, duration and retries, and links it to its run", async () => {
    const run = makeRun({ run_id: "r1", status: "failed", started_at: iso(0), ended_at: iso(2) }, { extract: "success", load: "failed" });
    run.steps[0]!.duration = 1200;
    run.steps[0]!.retry_count = 1;
    run.steps[1]!.error = "boom";
    const { grid } = renderCard([run]);
    await waitFor(() => expect(grid()).toBeTruthy());
    const extract = within(grid()).getByRole("link", { name: "extract: success, 1.2 s, retries 1" });
    expect(extract.getAttribute("href")).toBe("/dags/etl/runs/r1");
    expect(within(grid()).getByRole("link", { name: "load: failed (boom)" }).dataset.status).toBe("failed");
    expect(within(grid()).getByRole("link", { name: /^Run started .*: failed, 2 s$/ }).getAttribute("href")).toBe("/dags/etl/runs/r1");
    expect(within(grid()).getAllByRole("rowheader").map((h) => h.textContent)).toEqual(["extractDelay", "loadNotify"]);
  });

  it("recolours a cell when its step_status is pushed, and shows a pushed run without steps as pending", async () => {
    const { grid, cells, push } = renderCard([makeRun({ run_id: "r1", status: "running", ended_at: null, completed_steps: 0, running_steps: 1, pending_steps: 1 }, { extract: "running" })]);
    await waitFor(() => expect(within(grid()).getByRole("link", { name: "extract: running" }).dataset.status).toBe("running"));

    push("step_status", makeStep({ run_id: "r1", step_id: "extract", status: "success", duration: 300, version: 2 }));
    await waitFor(() => expect(within(grid()).getByRole("link", { name: "extract: success, 300 ms" }).dataset.status).toBe("success"));

    // A new run arrives before any of its steps: its column shows every step pending.
    const { steps: _steps, ...r2 } = makeRun({ run_id: "r2", status: "queued", started_at: null, ended_at: null, created_at: iso(40) });
    push("dag_run_status", r2);
    await waitFor(() => expect(cells().filter((c) => c.includes("[pending]") && !c.startsWith("Run"))).toHaveLength(3)); // load of r1, both steps of r2
    const links = within(grid()).getAllByRole("link").map((l) => l.getAttribute("href"));
    expect(links.at(-1)).toBe("/dags/etl/runs/r2"); // newest on the right
  });

  it("shows a triggered run at once, and the push replaces it without a second column", async () => {
    const { qc, grid, cells, push, posts } = renderCard([makeRun({ run_id: "r1" }, { extract: "success", load: "success" })]);
    await waitFor(() => expect(cells()).toHaveLength(3));
    fireEvent.click(screen.getByRole("button", { name: "Trigger ETL" }));
    await waitFor(() => expect(within(grid()).getByRole("link", { name: "Run being triggered: queued" }).getAttribute("aria-disabled")).toBe("true"));
    expect(cells()).toHaveLength(6);
    expect(posts).toHaveLength(1); // shown before the server answered
    const cmid = posts[0]!.body.client_mutation_id;
    const { steps: _steps, ...queued } = makeRun({ run_id: "r2", status: "running", started_at: iso(60), ended_at: null, created_at: iso(59), client_mutation_id: cmid, version: 2 });
    push("dag_run_status", queued);
    push("step_status", makeStep({ run_id: "r2", step_id: "extract", status: "running", version: 2 }));
    await waitFor(() => expect(within(grid()).queryByRole("link", { name: "Run being triggered: queued" })).toBeNull());
    expect(cells()).toHaveLength(6);
    expect(within(grid()).getAllByRole("link", { name: "extract: running" })[0]!.getAttribute("href")).toBe("/dags/etl/runs/r2");

    await act(async () => posts[0]!.resolve(json(201, makeRun({ run_id: "r2", status: "queued", started_at: null, ended_at: null, created_at: iso(59), client_mutation_id: cmid, version: 1 }))));
    await waitFor(() => expect(qc.isMutating()).toBe(0));
    expect(cells()).toHaveLength(6);
    expect(within(grid()).getAllByRole("link", { name: "extract: running" })).toHaveLength(1);
  });

  it("is one tab stop; arrow keys move between cells", async () => {
    const { grid } = renderCard([
      makeRun({ run_id: "r1", created_at: iso(1) }, { extract: "success", load: "failed" }),
      makeRun({ run_id: "r2", created_at: iso(2) }, { extract: "success", load: "success" }),
    ]);
    await waitFor(() => expect(within(grid()).getAllByRole("link")).toHaveLength(6));
    const tabbable = within(grid()).getAllByRole("link").filter((l) => l.tabIndex === 0);
    expect(tabbable).toHaveLength(1);
    expect(tabbable[0]!.getAttribute("href")).toBe("/dags/etl/runs/r2"); // the newest run's header
    tabbable[0]!.focus();
    fireEvent.keyDown(document.activeElement!, { key: "ArrowDown" });
    fireEvent.keyDown(document.activeElement!, { key: "ArrowDown" });
    fireEvent.keyDown(document.activeElement!, { key: "ArrowLeft" });
    expect(document.activeElement?.getAttribute("aria-label")).toBe("load: failed");
    expect(document.activeElement?.getAttribute("href")).toBe("/dags/etl/runs/r1");
    expect(within(grid()).getAllByRole("link").filter((l) => l.tabIndex === 0)).toEqual([document.activeElement]);
  });
});
