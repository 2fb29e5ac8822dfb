// @vitest-environment jsdom
// RealtimeProvider and hooks: events batched into the cache, resync invalidates only its topics,
// useTopic holds topics while mounted, useConnectionStatus follows the client.
import { afterEach, describe, expect, it, vi } from "vitest";
import * as React from "react";
import { act, cleanup, render, screen } from "@testing-library/react";
import { QueryClient, QueryClientProvider, type InfiniteData } from "@tanstack/react-query";
import type { Job } from "@/lib/protocol/entities/jobs";
import type { Page } from "@/lib/query/collections";
import { queryKeys } from "@/lib/query/keys";
import type { RealtimeClient, RealtimeEvent, StatusSnapshot } from "./client";
import { acquireRealtimeClient, RELEASE_GRACE_MS } from "./browser-client";
import { useConnectionStatus, useTopic } from "./hooks";
import { RealtimeProvider } from "./provider";
import { ev, iso, makeJob } from "./testing/fixtures";

afterEach(() => {
  cleanup();
  vi.useRealTimers();
});

/** A client driven by the test. */
function fakeClient() {
  const events = new Set<(e: RealtimeEvent) => void>();
  const resyncs = new Set<(t: string[]) => void>();
  const subscribeds = new Set<(t: string[]) => void>();
  const statuses = new Set<(s: StatusSnapshot) => void>();
  let snapshot: StatusSnapshot = { status: "connecting", lastEventAt: null, epoch: null };
  const subscribe = vi.fn((_topics: readonly string[]) => release);
  const release = vi.fn();
  const add = <T,>(set: Set<T>, l: T) => (set.add(l), () => void set.delete(l));
  const client: RealtimeClient = {
    subscribe: (topics) => subscribe(topics),
    onEvent: (l) => add(events, l),
    onResync: (l) => add(resyncs, l),
    onSubscribed: (l) => add(subscribeds, l),
    onStatus: (l) => add(statuses, l),
    onError: () => () => {},
    getStatus: () => snapshot,
    heldTopics: () => [],
    reconnect: () => {},
    close: () => {},
  };
  return {
    client,
    subscribe,
    release,
    emit: (e: RealtimeEvent) => events.forEach((l) => l(e)),
    resync: (t: string[]) => resyncs.forEach((l) => l(t)),
    setStatus: (s: Partial<StatusSnapshot>) => {
      snapshot = { ...snapshot, ...s };
      statuses.forEach((l) => l(snapshot));
    },
  };
}

function renderWith(fake: ReturnType<typeof fakeClient>, ui: React.ReactNode, schedule?: (run: () => void) => () => void) {
  const qc = new QueryClient({ defaultOptions: { queries: { retry: false, gcTime: Infinity } } });
  const utils = render(
    <QueryClientProvider client={qc}>
      <RealtimeProvider client={fake.client} schedule={schedule}>
        {ui}
      </RealtimeProvider>
    </QueryClientProvider>,
  );
  return { qc, ...utils };
}

const jobItems = (qc: QueryClient) =>
  qc.getQueryData<InfiniteData<Page<Job>>>(queryKeys.jobs.list())!.pages[0]!.items.map((j) => j.job_id);

describe("RealtimeProvider", () => {
  it("applies events in one batch per scheduled frame", () => {
    const fake = fakeClient();
    const frames: (() => void)[] = [];
    const { qc } = renderWith(fake, null, (run) => {
      frames.push(run);
      return () => {};
    });
    qc.setQueryData(queryKeys.jobs.list(), { pages: [{ items: [], next_cursor: null }], pageParams: [null] });
    act(() => {
      fake.emit(ev("processing_job_created", "jobs", makeJob({ job_id: "a", created_at: iso(1) })));
      fake.emit(ev("processing_job_created", "jobs", makeJob({ job_id: "b", created_at: iso(2) })));
    });
    expect(frames).toHaveLength(1);
    expect(jobItems(qc)).toEqual([]);
    act(() => frames[0]!());
    expect(jobItems(qc)).toEqual(["b", "a"]);
  });

  it("applies events with the default scheduler too", async () => {
    const fake = fakeClient();
    const { qc } = renderWith(fake, null);
    qc.setQueryData(queryKeys.jobs.list(), { pages: [{ items: [], next_cursor: null }], pageParams: [null] });
    act(() => fake.emit(ev("processing_job_created", "jobs", makeJob({ job_id: "a" }))));
    await vi.waitFor(() => expect(jobItems(qc)).toEqual(["a"]));
  });

  it("a resync invalidates only the queries of its topics", () => {
    const fake = fakeClient();
    const { qc } = renderWith(fake, null);
    qc.setQueryData(queryKeys.jobs.list(), { pages: [{ items: [], next_cursor: null }], pageParams: [null] });
    qc.setQueryData(queryKeys.jobs.detail("j1"), makeJob({ job_id: "j1" }));
    qc.setQueryData(queryKeys.tasks.list(), { pages: [{ items: [], next_cursor: null }], pageParams: [null] });
    qc.setQueryData(queryKeys.me(), { id: "u1" });
    act(() => fake.resync(["jobs"]));
    expect(qc.getQueryState(queryKeys.jobs.list())!.isInvalidated).toBe(true);
    expect(qc.getQueryState(queryKeys.jobs.detail("j1"))!.isInvalidated).toBe(true);
    expect(qc.getQueryState(queryKeys.tasks.list())!.isInvalidated).toBe(false);
    expect(qc.getQueryState(queryKeys.me())!.isInvalidated).toBe(false);
  });
});

describe("RealtimeProvider: epoch change", () => {
  it("forgets versions of the old epoch, so the refetch after the resync is taken as it is", async () => {
    const fake = fakeClient();
    const { qc } = renderWith(fake, null, (run) => (run(), () => {}));
    act(() => fake.setStatus({ status: "live", epoch: "e1" }));
    act(() => fake.emit(ev("processing_job_status", "jobs", makeJob({ job_id: "j1", progress: 70, version: 7 }))));
    act(() => fake.setStatus({ status: "live", epoch: "e2" }));
    // The restarted server's storage starts over: its job j1 is at version 1.
    const { mergeFetched } = await import("@/lib/query/merge-fetched");
    expect(mergeFetched(qc, queryKeys.jobs.detail("j1"), makeJob({ job_id: "j1", progress: 5, version: 1 }))).toMatchObject({ progress: 5 });
  });
});

describe("useTopic", () => {
  function Topics({ topics }: { topics: string[] | string }) {
    useTopic(topics);
    return null;
  }

  it("subscribes once while mounted, across re-renders with equal lists", () => {
    const fake = fakeClient();
    const qc = new QueryClient();
    const tree = (topics: string[]) => (
      <QueryClientProvider client={qc}>
        <RealtimeProvider client={fake.client}>
          <Topics topics={topics} />
        </RealtimeProvider>
      </QueryClientProvider>
    );
    const { rerender, unmount } = render(tree(["jobs", "tasks"]));
    expect(fake.subscribe).toHaveBeenCalledTimes(1);
    expect(fake.subscribe).toHaveBeenCalledWith(["jobs", "tasks"]);
    rerender(tree(["tasks", "jobs", "jobs"]));
    expect(fake.subscribe).toHaveBeenCalledTimes(1);
    expect(fake.release).not.toHaveBeenCalled();
    unmount();
    expect(fake.release).toHaveBeenCalledTimes(1);
  });

  it("resubscribes when the topics change", () => {
    const fake = fakeClient();
    const qc = new QueryClient();
    const tree = (topics: string) => (
      <QueryClientProvider client={qc}>
        <RealtimeProvider client={fake.client}>
          <Topics topics={topics} />
        </RealtimeProvider>
      </QueryClientProvider>
    );
    const { rerender } = render(tree("jobs:a"));
    rerender(tree("jobs:b"));
    expect(fake.subscribe.mock.calls.map((c) => c[0])).toEqual([["jobs:a"], ["jobs:b"]]);
    expect(fake.release).toHaveBeenCalledTimes(1);
  });
});

describe("useConnectionStatus", () => {
  it("follows the client's status", () => {
    const fake = fakeClient();
    function Status() {
      const { status, epoch } = useConnectionStatus();
      return <p>{`${status}/${epoch ?? "-"}`}</p>;
    }
    renderWith(fake, <Status />);
    expect(screen.getByText("connecting/-")).toBeTruthy();
    act(() => fake.setStatus({ status: "live", epoch: "e1" }));
    expect(screen.getByText("live/e1")).toBeTruthy();
  });
});

describe("acquireRealtimeClient", () => {
  class SilentSocket {
    readyState = 0;
    binaryType = "blob";
    addEventListener() {}
    removeEventListener() {}
    close() {}
    send() {}
  }

  it("shares one client per tab and closes it after the last release (with a grace period)", () => {
    vi.useFakeTimers();
    const a = acquireRealtimeClient({ url: "ws://localhost/ws", WebSocket: SilentSocket, environment: {} });
    const b = acquireRealtimeClient();
    expect(b.client).toBe(a.client);
    a.release();
    b.release();
    b.release();
    // Remounted within the grace period: same client.
    const c = acquireRealtimeClient();
    expect(c.client).toBe(a.client);
    c.release();
    vi.advanceTimersByTime(RELEASE_GRACE_MS + 1);
    expect(a.client.getStatus().status).toBe("offline");
    const d = acquireRealtimeClient({ url: "ws://localhost/ws", WebSocket: SilentSocket, environment: {} });
    expect(d.client).not.toBe(a.client);
    d.release();
    vi.advanceTimersByTime(RELEASE_GRACE_MS + 1);
  });
});
