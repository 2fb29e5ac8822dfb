// @vitest-environment jsdom
// Tests of the notification hooks: unread count reconciliation, the badge text, optimistic mark read / mark all read.
import * as React from "react";
import { afterEach, describe, expect, it, vi } from "vitest";
import { act, renderHook, waitFor } from "@testing-library/react";
import { QueryClient, QueryClientProvider, type InfiniteData } from "@tanstack/react-query";
import type { Notification } from "@/lib/protocol/entities/notifications";
import { iso, makeNotification } from "@/lib/realtime/testing/fixtures";
import type { Page } from "../collections";
import { queryKeys } from "../keys";
import { mergeFetched } from "../merge-fetched";
import { applyEvent } from "../patchers";
import { reconcileUnreadCount, unreadBadgeText, useMarkAllNotificationsRead, useMarkNotificationRead } from "./use-notifications";

vi.mock("sonner", () => ({ toast: Object.assign(vi.fn(), { error: vi.fn(), success: vi.fn() }) }));

afterEach(() => vi.unstubAllGlobals());

describe("reconcileUnreadCount", () => {
  it("adds unread notifications newer than the newest one the answer counted", () => {
    const newestCounted = makeNotification({ id: "n2", created_at: iso(20) });
    const pushed = [
      makeNotification({ id: "n3", created_at: iso(30) }),
      makeNotification({ id: "n4", created_at: iso(40), read_at: iso(41) }),
      makeNotification({ id: "n1", created_at: iso(10) }),
      newestCounted,
    ];
    expect(reconcileUnreadCount({ unread_count: 2, items: [newestCounted] }, pushed)).toBe(3);
    expect(reconcileUnreadCount({ unread_count: 0, items: [] }, [makeNotification({ id: "x" })])).toBe(1);
  });
});

describe("unreadBadgeText", () => {
  it("hides at 0 and caps at 9+", () => {
    expect([0, undefined, 1, 9, 10, 250].map(unreadBadgeText)).toEqual([null, null, "1", "9", "9+", "9+"]);
  });
});

describe("mark read", () => {
  const listKey = queryKeys.notifications.list({ limit: 30 });
  const countKey = queryKeys.notifications.unreadCount();

  function setup(notifications: Notification[], count: number) {
    const qc = new QueryClient({ defaultOptions: { queries: { retry: false, gcTime: Infinity }, mutations: { retry: false } } });
    const data = mergeFetched(qc, listKey, { pages: [{ items: notifications, next_cursor: null }], pageParams: [null] });
    qc.setQueryData(listKey, data);
    qc.setQueryData(countKey, count);
    const wrapper = ({ children }: { children: React.ReactNode }) => <QueryClientProvider client={qc}>{children}</QueryClientProvider>;
    const items = () => qc.getQueryData<InfiniteData<Page<Notification>>>(listKey)!.pages[0]!.items;
    return { qc, wrapper, items, count: () => qc.getQueryData<number>(countKey) };
  }

  const respond = (status: number, body: unknown) => async () => new Response(JSON.stringify(body), { status });

  it("marks one read at once, and the pushed notification_read does not count it twice", async () => {
    const n1 = makeNotification({ id: "n1", created_at: iso(2) });
    const n2 = makeNotification({ id: "n2", created_at: iso(1) });
    const { qc, wrapper, items, count } = setup([n1, n2], 2);
    vi.stubGlobal("fetch", respond(200, { ...n1, read_at: iso(5) }));
    const { result } = renderHook(() => useMarkNotificationRead(), { wrapper });
    act(() => result.current.mutate(n1));
    await waitFor(() => expect(count()).toBe(1));
    expect(items()[0]!.read_at).not.toBeNull();
    applyEvent(qc, { type: "notification_read", topic: "user:u1", id: "9-0", ts: iso(5), data: { user_id: "u1", ids: ["n1"], all: false, read_at: iso(5) } });
    await waitFor(() => expect(result.current.isSuccess).toBe(true));
    expect(count()).toBe(1);
  });

  it("restores the notification and the count when the request fails", async () => {
    const n1 = makeNotification({ id: "n1" });
    const { wrapper, items, count } = setup([n1], 1);
    vi.stubGlobal("fetch", respond(500, { error: { code: "internal", message: "boom" } }));
    const { result } = renderHook(() => useMarkNotificationRead(), { wrapper });
    act(() => result.current.mutate(n1));
    await waitFor(() => expect(result.current.isError).toBe(true));
    expect(items()[0]!.read_at).toBeNull();
    expect(count()).toBe(1);
  });

  it("marks all read at once, and undoes it on failure", async () => {
    const list = [makeNotification({ id: "a", created_at: iso(3) }), makeNotification({ id: "b", created_at: iso(2) })];
    const ok = setup(list, 2);
    vi.stubGlobal("fetch", respond(200, { read_at: iso(9), count: 2 }));
    const { result } = renderHook(() => useMarkAllNotificationsRead(), { wrapper: ok.wrapper });
    act(() => result.current.mutate({ userId: "u1" }));
    await waitFor(() => expect(ok.count()).toBe(0));
    expect(ok.items().every((n) => n.read_at != null)).toBe(true);

    const failing = setup(list, 2);
    vi.stubGlobal("fetch", respond(503, { error: { code: "unavailable", message: "down" } }));
    const hook = renderHook(() => useMarkAllNotificationsRead(), { wrapper: failing.wrapper });
    act(() => hook.result.current.mutate({ userId: "u1" }));
    await waitFor(() => expect(hook.result.current.isError).toBe(true));
    expect(failing.count()).toBe(2);
    expect(failing.items().every((n) => n.read_at == null)).toBe(true);
  });
});
