// @vitest-environment jsdom
// Tests of the agents hooks against a fake fetch and pushed events: the pending card of "add agent",
// its confirmation (never duplicated), rollbacks with their toasts, optimistic pause / resume / remove,
// and the push-fed activity feed.
import * as React from "react";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { act, renderHook, waitFor } from "@testing-library/react";
import { QueryClient, QueryClientProvider, type InfiniteData } from "@tanstack/react-query";
import { toast as sonner } from "sonner";
import type { Agent } from "@/lib/protocol/entities/agents";
import type { CatalogEvent } from "@/lib/protocol/events";
import { iso, makeAgent } from "@/lib/realtime/testing/fixtures";
import type { Page } from "../collections";
import { queryKeys } from "../keys";
import { mergeFetched } from "../merge-fetched";
import { applyEvent } from "../patchers";
import {
  allowedAgentActions,
  sortAgents,
  useAddAgent,
  useAgentActivity,
  useAgentsList,
  usePauseAgent,
  useRemoveAgent,
  useResumeAgent,
  type AgentRow,
} from "./use-agents";

vi.mock("sonner", () => ({ toast: Object.assign(vi.fn(), { error: vi.fn(), success: vi.fn(), info: vi.fn() }) }));

const toastError = vi.mocked(sonner.error);
const listKey = queryKeys.agents.list();
const json = (status: number, body: unknown) => new Response(body === undefined ? null : JSON.stringify(body), { status, headers: { "content-type": "application/json" } });

/** A fetch that answers when the test says so, recording what was sent. */
function deferredFetch() {
  const calls: Array<{ url: string; init: RequestInit; resolve: (r: Response) => void }> = [];
  vi.stubGlobal("fetch", (url: string, init: RequestInit) => new Promise<Response>((resolve) => calls.push({ url, init, resolve })));
  return calls;
}

function setup(agents: Agent[] = []) {
  const qc = new QueryClient({ defaultOptions: { queries: { retry: false, gcTime: Infinity }, mutations: { retry: false } } });
  qc.setQueryData(listKey, mergeFetched(qc, listKey, { pages: [{ items: agents, next_cursor: null }], pageParams: [null] }));
  const wrapper = ({ children }: { children: React.ReactNode }) => <QueryClientProvider client={qc}>{children}</QueryClientProvider>;
  const cards = () => qc.getQueryData<InfiniteData<Page<AgentRow>>>(listKey)?.pages.flatMap((p) => p.items) ?? [];
  const push = (event: Omit<CatalogEvent, "topic" | "ts"> & { topic?: string; ts?: string }) =>
    act(() => applyEvent(qc, { topic: "agents", ts: iso(100), ...event } as CatalogEvent));
  return { qc, wrapper, cards, push };
}

beforeEach(() => toastError.mockReset());
afterEach(() => vi.unstubAllGlobals());

describe("useAgentsList", () => {
  it("loads the agents and takes pushed ones (a removed agent leaves)", async () => {
    const qc = new QueryClient({ defaultOptions: { queries: { retry: false } } });
    const wrapper = ({ children }: { children: React.ReactNode }) => <QueryClientProvider client={qc}>{children}</QueryClientProvider>;
    const urls: string[] = [];
    vi.stubGlobal("fetch", async (url: string) => {
      urls.push(url);
      return json(200, { items: [makeAgent({ agent_id: "a1", name: "Scout" })], next_cursor: null });
    });
    const { result } = renderHook(() => useAgentsList(), { wrapper });
    await waitFor(() => expect(result.current.items.map((a) => a.name)).toEqual(["Scout"]));
    expect(urls).toEqual(["/api/agents"]);

    act(() => applyEvent(qc, { type: "agent_created", topic: "agents", id: "1-0", ts: iso(5), data: makeAgent({ agent_id: "a2", name: "Reader", created_at: iso(5) }) }));
    await waitFor(() => expect(sortAgents(result.current.items).map((a) => a.name)).toEqual(["Scout", "Reader"]));
    act(() => applyEvent(qc, { type: "agent_removed", topic: "agents", id: "2-0", ts: iso(6), data: { agent_id: "a1", reason: "removed by admin" } }));
    await waitFor(() => expect(result.current.items.map((a) => a.name)).toEqual(["Reader"]));
  });
});

describe("useAddAgent", () => {
  const input = { name: "Scout", type: "analysis", capabilities: [{ name: "analysis", proficiency: 0.7 }] };

  it("shows a pending card at once, replaced by the 201's agent; the push does not duplicate it", async () => {
    const { wrapper, cards, push } = setup([makeAgent({ agent_id: "a0", name: "Old" })]);
    const calls = deferredFetch();
    const { result } = renderHook(() => useAddAgent(), { wrapper });
    act(() => result.current.add(input));

    await waitFor(() => expect(cards().find((a) => a._pending)).toMatchObject({ name: "Scout", status: "idle", _pending: true }));
    expect(calls).toHaveLength(1);
    const sent = JSON.parse(String(calls[0]!.init.body));
    expect(calls[0]!.url).toBe("/api/agents");
    expect(sent).toMatchObject({ name: "Scout", capabilities: [{ name: "analysis", proficiency: 0.7 }] });
    expect(typeof sent.client_mutation_id).toBe("string");

    const agent = makeAgent({ agent_id: "a1", name: "Scout", client_mutation_id: sent.client_mutation_id, created_at: iso(10) });
    calls[0]!.resolve(json(201, agent));
    await waitFor(() => expect(result.current.isSuccess).toBe(true));
    expect(cards().map((a) => [a.agent_id, a._pending])).toEqual([
      ["a1", undefined],
      ["a0", undefined],
    ]);
    push({ type: "agent_created", id: "3-0", data: agent });
    expect(cards().filter((a) => a.name === "Scout")).toHaveLength(1);
  });

  it("is confirmed by the push when it beats the 201 (still one card)", async () => {
    const { wrapper, cards, push } = setup();
    const calls = deferredFetch();
    const { result } = renderHook(() => useAddAgent(), { wrapper });
    act(() => result.current.add(input));
    await waitFor(() => expect(calls).toHaveLength(1));
    const cmid = JSON.parse(String(calls[0]!.init.body)).client_mutation_id as string;
    const agent = makeAgent({ agent_id: "a1", name: "Scout", client_mutation_id: cmid, status: "working", version: 2 });
    push({ type: "agent_status_update", id: "4-0", data: agent });
    expect(cards()).toMatchObject([{ agent_id: "a1", status: "working" }]);
    expect(cards()[0]!._pending).toBeUndefined();
    // The 201 carries the older version: it must not bring the pending card back nor undo "working".
    calls[0]!.resolve(json(201, { ...agent, status: "idle", version: 1 }));
    await waitFor(() => expect(result.current.isSuccess).toBe(true));
    expect(cards()).toMatchObject([{ agent_id: "a1", status: "working" }]);
  });

  it("rolls the card back on a 400 and names the field in the toast; the error carries the issues", async () => {
    const { wrapper, cards } = setup();
    vi.stubGlobal("fetch", async () =>
      json(400, { error: { code: "invalid_request", message: "Invalid request", issues: [{ path: "capabilities.0.name", message: "must be 1-40 characters of a-z 0-9 _, starting with a letter" }] } }),
    );
    const { result } = renderHook(() => useAddAgent(), { wrapper });
    act(() => result.current.add({ ...input, capabilities: [{ name: "9x", proficiency: 0.5 }] }));
    await waitFor(() => expect(result.current.isError).toBe(true));
    expect(cards()).toEqual([]);
    expect(toastError).toHaveBeenCalledWith(
      "Agent “Scout” was not added: capabilities.0.name must be 1-40 characters of a-z 0-9 _, starting with a letter",
      { richColors: false },
    );
    expect((result.current.error as { issues: unknown[] }).issues).toEqual([
      { path: "capabilities.0.name", message: "must be 1-40 characters of a-z 0-9 _, starting with a letter" },
    ]);
  });

  it("rolls back when the server cannot be reached", async () => {
    const { wrapper, cards } = setup();
    vi.stubGlobal("fetch", async () => {
      throw new TypeError("Failed to fetch");
    });
    const { result } = renderHook(() => useAddAgent(), { wrapper });
    act(() => result.current.add(input));
    await waitFor(() => expect(result.current.isError).toBe(true));
    expect(cards()).toEqual([]);
    expect(toastError).toHaveBeenCalledWith("Agent “Scout” was not added: the server could not be reached", { richColors: false });
  });
});

describe("pause, resume, remove", () => {
  it("pause shows at once as pending, and the push and the answer confirm it", async () => {
    const scout = makeAgent({ agent_id: "a1", name: "Scout", status: "working", current_task: "t1", version: 3 });
    const { wrapper, cards, push } = setup([scout]);
    const calls = deferredFetch();
    const { result } = renderHook(() => usePauseAgent(), { wrapper });
    act(() => result.current.mutate(scout));
    await waitFor(() => expect(cards()[0]).toMatchObject({ status: "paused", _action: "pause" }));
    expect(allowedAgentActions(cards()[0]!)).toEqual({ pause: false, resume: false, remove: false });
    await waitFor(() => expect(calls).toHaveLength(1));
    expect(calls[0]!.url).toBe("/api/agents/a1/pause");
    expect(calls[0]!.init.method).toBe("POST");

    const paused = { ...scout, status: "paused" as const, current_task: null, version: 4 };
    push({ type: "agent_status_changed", id: "5-0", data: { ...paused, old_status: "working", new_status: "paused", reason: null } });
    calls[0]!.resolve(json(200, paused));
    await waitFor(() => expect(result.current.isSuccess).toBe(true));
    expect(cards()).toEqual([expect.objectContaining({ status: "paused", current_task: null, version: 4 })]);
    expect(cards()[0]!._action).toBeUndefined();
    expect(cards()[0]).not.toHaveProperty("old_status");
    expect(allowedAgentActions(cards()[0]!)).toEqual({ pause: false, resume: true, remove: true });
  });

  it("resume rolls back on a 409 and says why", async () => {
    const scout = makeAgent({ agent_id: "a1", name: "Scout", status: "paused", version: 2 });
    const { wrapper, cards } = setup([scout]);
    const calls = deferredFetch();
    const { result } = renderHook(() => useResumeAgent(), { wrapper });
    act(() => result.current.mutate(scout));
    await waitFor(() => expect(cards()[0]).toMatchObject({ status: "idle", _action: "resume" }));
    calls[0]!.resolve(json(409, { error: { code: "conflict", message: "agent Scout is not paused" } }));
    await waitFor(() => expect(result.current.isError).toBe(true));
    expect(cards()[0]).toMatchObject({ status: "paused" });
    expect(cards()[0]!._action).toBeUndefined();
    expect(toastError).toHaveBeenCalledWith("Could not resume Scout", {
      description: "Agent Scout is not paused (its state changed; the card shows the current one).",
      richColors: false,
    });
  });

  it("remove marks the card at once and drops it on the 204; the push after it is harmless", async () => {
    const a1 = makeAgent({ agent_id: "a1", name: "Scout" });
    const a2 = makeAgent({ agent_id: "a2", name: "Reader" });
    const { wrapper, cards, push } = setup([a1, a2]);
    const calls = deferredFetch();
    const { result } = renderHook(() => useRemoveAgent(), { wrapper });
    act(() => result.current.mutate(a1));
    await waitFor(() => expect(cards().find((a) => a.agent_id === "a1")?._action).toBe("remove"));
    expect(calls[0]!.url).toBe("/api/agents/a1");
    expect(calls[0]!.init.method).toBe("DELETE");
    calls[0]!.resolve(new Response(null, { status: 204 }));
    await waitFor(() => expect(cards().map((a) => a.agent_id)).toEqual(["a2"]));
    push({ type: "agent_removed", id: "6-0", data: { agent_id: "a1", reason: null } });
    expect(cards().map((a) => a.agent_id)).toEqual(["a2"]);
  });

  it("remove keeps the card when the server refuses", async () => {
    const a1 = makeAgent({ agent_id: "a1", name: "Scout" });
    const { wrapper, cards } = setup([a1]);
    vi.stubGlobal("fetch", async () => json(500, { error: { code: "internal", message: "Internal error" } }));
    const { result } = renderHook(() => useRemoveAgent(), { wrapper });
    act(() => result.current.mutate(a1));
    await waitFor(() => expect(result.current.isError).toBe(true));
    expect(cards()).toEqual([expect.objectContaining({ agent_id: "a1" })]);
    expect(cards()[0]!._action).toBeUndefined();
    expect(toastError).toHaveBeenCalledWith("Could not remove Scout", { description: "Internal error.", richColors: false });
  });
});

describe("useAgentActivity", () => {
  it("collects pushed activity, newest first, once per event id", async () => {
    const { qc, wrapper, push } = setup();
    const { result } = renderHook(() => useAgentActivity(), { wrapper });
    expect(result.current.data).toEqual([]);
    push({ type: "agent_task_completed", id: "7-0", data: { agent_id: "a1", task_id: "t1", job_id: null, task_type: "summarization", duration: 1200, result: null } });
    push({
      type: "learning_cycle_completed",
      id: "8-0",
      data: { cycle_id: "c1", agent_id: "a1", improvements: { summarization: { old_value: 0.6, new_value: 0.65, improvement: 0.05 } }, duration_ms: 900 },
    });
    push({ type: "agent_task_completed", id: "7-0", data: { agent_id: "a1", task_id: "t1", job_id: null, task_type: "summarization", duration: 1200, result: null } });
    await waitFor(() => expect(result.current.data.map((e) => e.type)).toEqual(["learning_cycle_completed", "agent_task_completed"]));
    // A refetch (a resync of `agents`) keeps the feed.
    await act(() => qc.invalidateQueries({ queryKey: queryKeys.agents.all() }));
    expect(result.current.data).toHaveLength(2);
  });
});
