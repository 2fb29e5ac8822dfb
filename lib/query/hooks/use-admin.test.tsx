// @vitest-environment jsdom
// Tests of the admin console's hooks against a fake fetch and pushed events: live connections (a
// slow fetch never brings back a closed socket; updates only touch held ones), the optimistic
// disconnect, user changes confirmed by push or rolled back, key revoke and create (no secret kept),
// the live audit log and the topic figures of several instances.
import * as React from "react";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { act, renderHook, waitFor } from "@testing-library/react";
import { QueryClient, QueryClientProvider } from "@tanstack/react-query";
import { toast as sonner } from "sonner";
import type { AdminConnection, AdminTopicsSnapshot, AdminUser, ApiKey, AuditEntry } from "@/lib/protocol/entities/admin";
import type { CatalogEvent } from "@/lib/protocol/events";
import { EVENT_CATALOG } from "@/lib/protocol/events";
import { iso } from "@/lib/realtime/testing/fixtures";
import { queryKeys } from "../keys";
import { applyEvent } from "../patchers";
import { combineTopicSnapshots, type AdminUserRow, type ApiKeyRow } from "../patchers/admin";
import {
  useAdminConnections,
  useAdminTopics,
  useAdminUsers,
  useApiKeys,
  useAuditLog,
  useCreateApiKey,
  useDisconnectConnection,
  useDisconnectUser,
  useRevokeApiKey,
  useUpdateUser,
} from "./use-admin";

vi.mock("sonner", () => ({ toast: Object.assign(vi.fn(), { error: vi.fn(), success: vi.fn(), info: vi.fn() }) }));
const toastError = vi.mocked(sonner.error);

const json = (status: number, body: unknown) => new Response(body === undefined ? null : JSON.stringify(body), { status, headers: { "content-type": "application/json" } });

function conn(id: string, o: Partial<AdminConnection> = {}): AdminConnection {
  return {
    client_id: id,
    instance_id: "i1",
    kind: "browser",
    user_id: "u1",
    email: "ada@example.com",
    role: "user",
    api_key_id: null,
    api_key_name: null,
    user_agent: "Mozilla/5.0 Chrome/131.0",
    address: "127.0.0.1",
    topics: ["jobs"],
    connected_at: iso(0),
    messages_in: 1,
    messages_out: 2,
    buffer_bytes: 0,
    last_seen_at: iso(0),
    resyncs_served: 0,
    version: 1,
    ...o,
  };
}
function user(id: string, o: Partial<AdminUser> = {}): AdminUser {
  return { id, email: `${id}@example.com`, role: "user", disabled: false, disabled_at: null, created_at: iso(0), last_seen_at: null, open_sockets: 1, version: 1, ...o };
}
function apiKey(id: string, o: Partial<ApiKey> = {}): ApiKey {
  return { id, name: `key ${id}`, prefix: "sbk_ab", created_at: iso(0), created_by: "admin", revoked_at: null, last_used_at: null, version: 1, ...o };
}
function audit(id: string, at: number, o: Partial<AuditEntry> = {}): AuditEntry {
  return { id, actor_id: "admin", actor_email: "admin@example.com", action: "user_disabled", target_type: "user", target_id: "u1", target_label: "u1@example.com", details: {}, created_at: iso(at), ...o };
}
function snapshot(instance: string, at: number, o: Partial<AdminTopicsSnapshot> = {}): AdminTopicsSnapshot {
  return {
    instance_id: instance,
    at: iso(at),
    connections: 2,
    subscriptions: 3,
    subscribers: [{ pattern: "jobs", subscribers: 2 }],
    rates: [{ topic: "jobs", per_second: 1, last_minute: 60, buckets: [1, 1] }],
    replay_log: { size: 10, capacity: 1000, oldest_id: "1-0", newest_id: "10-0", epoch: "e1" },
    resyncs_served: 1,
    ...o,
  };
}

/** A fetch that answers when the test says so, recording what was sent. */
function deferredFetch() {
  const calls: Array<{ url: string; init: RequestInit; resolve: (r: Response) => void }> = [];
  vi.stubGlobal("fetch", (url: string, init: RequestInit) => new Promise<Response>((resolve) => calls.push({ url, init, resolve })));
  return calls;
}

function setup() {
  const qc = new QueryClient({ defaultOptions: { queries: { retry: false, gcTime: Infinity, staleTime: Infinity }, mutations: { retry: false } } });
  const wrapper = ({ children }: { children: React.ReactNode }) => <QueryClientProvider client={qc}>{children}</QueryClientProvider>;
  let n = 0;
  /** Pushes an event after checking it against the protocol's schema, as the realtime client does. */
  const push = (type: CatalogEvent["type"], data: unknown) => {
    EVENT_CATALOG[type].schema.parse(data);
    act(() => applyEvent(qc, { type, topic: "admin", id: `${100 + (n += 1)}-0`, ts: iso(100), data } as CatalogEvent));
  };
  return { qc, wrapper, push };
}

beforeEach(() => toastError.mockReset());
afterEach(() => vi.unstubAllGlobals());

describe("useAdminConnections", () => {
  it("loads the sockets newest first; opened ones join, figures update held ones only, closed ones leave", async () => {
    const { qc, wrapper, push } = setup();
    const calls = deferredFetch();
    const { result } = renderHook(() => useAdminConnections(), { wrapper });
    const cached = () => qc.getQueryData<AdminConnection[]>(queryKeys.admin.connections())?.map((c) => c.client_id).sort();
    await waitFor(() => expect(calls).toHaveLength(1));
    expect(calls[0]!.url).toBe("/api/admin/connections");
    calls[0]!.resolve(json(200, { instance_id: "i1", at: iso(1), items: [conn("c1", { connected_at: iso(0) })] }));
    await waitFor(() => expect(result.current.data?.map((c) => c.client_id)).toEqual(["c1"]));

    push("admin_connection_opened", conn("c2", { connected_at: iso(5), user_id: "u2", email: "bob@example.com" }));
    await waitFor(() => expect(result.current.data?.map((c) => c.client_id)).toEqual(["c2", "c1"]));

    push("admin_connection_updated", conn("c1", { messages_in: 9, version: 2 }));
    push("admin_connection_updated", conn("c1", { messages_in: 5, version: 1 })); // older: ignored
    // The latest figures of a socket this tab never held (e.g. long gone) do not add a row.
    push("admin_connection_updated", conn("ghost", { version: 7 }));
    await waitFor(() => expect(result.current.data?.find((c) => c.client_id === "c1")?.messages_in).toBe(9));
    expect(cached()).toEqual(["c1", "c2"]);

    push("admin_connection_closed", { client_id: "c2", instance_id: "i1", user_id: "u2", api_key_id: null, closed_at: iso(6), code: 1000, reason: "" });
    await waitFor(() => expect(result.current.data?.map((c) => c.client_id)).toEqual(["c1"]));
    // A figures update that arrives after the close does not bring it back.
    push("admin_connection_updated", conn("c2", { version: 9 }));
    expect(cached()).toEqual(["c1"]);
  });

  it("a fetch that started before a close and an open ends without the closed socket and with the opened one", async () => {
    const { wrapper, push } = setup();
    const calls = deferredFetch();
    const { result } = renderHook(() => useAdminConnections(), { wrapper });
    await waitFor(() => expect(calls).toHaveLength(1));
    push("admin_connection_closed", { client_id: "c1", instance_id: "i1", user_id: "u1", api_key_id: null, closed_at: iso(2), code: 1008, reason: "disconnected by an admin" });
    push("admin_connection_opened", conn("c3", { connected_at: iso(3) }));
    calls[0]!.resolve(json(200, { instance_id: "i1", at: iso(1), items: [conn("c1"), conn("c2")] }));
    await waitFor(() => expect(result.current.data?.map((c) => c.client_id)).toEqual(["c3", "c2"]));
  });
});

describe("useDisconnectConnection / useDisconnectUser", () => {
  it("marks the row disconnecting at once; the pushed close removes it", async () => {
    const { qc, wrapper, push } = setup();
    const calls = deferredFetch();
    const { result } = renderHook(() => ({ list: useAdminConnections(), disconnect: useDisconnectConnection() }), { wrapper });
    await waitFor(() => expect(calls).toHaveLength(1));
    calls[0]!.resolve(json(200, { instance_id: "i1", at: iso(1), items: [conn("c1"), conn("c2", { user_id: "u2" })] }));
    await waitFor(() => expect(result.current.list.data).toHaveLength(2));

    act(() => result.current.disconnect.mutate(result.current.list.data!.find((c) => c.client_id === "c1")!));
    await waitFor(() => expect(result.current.list.data?.find((c) => c.client_id === "c1")?._pending).toBe("disconnect"));
    await waitFor(() => expect(calls).toHaveLength(2));
    expect(calls[1]!.url).toBe("/api/admin/connections/c1/disconnect");
    expect(calls[1]!.init.method).toBe("POST");
    calls[1]!.resolve(json(200, { closed: 1 }));
    await waitFor(() => expect(result.current.disconnect.isSuccess).toBe(true));
    // Still shown (disconnecting) until the close is pushed.
    expect(result.current.list.data?.find((c) => c.client_id === "c1")?._pending).toBe("disconnect");
    push("admin_connection_closed", { client_id: "c1", instance_id: "i1", user_id: "u1", api_key_id: null, closed_at: iso(2), code: 1008, reason: "disconnected by an admin" });
    await waitFor(() => expect(result.current.list.data?.map((c) => c.client_id)).toEqual(["c2"]));
    expect(qc.getQueryData(queryKeys.admin.connections())).toHaveLength(1);
  });

  it("unmarks the row with a toast when the server refuses, and drops it on 404", async () => {
    const { wrapper } = setup();
    const calls = deferredFetch();
    const { result } = renderHook(() => ({ list: useAdminConnections(), disconnect: useDisconnectConnection() }), { wrapper });
    await waitFor(() => expect(calls).toHaveLength(1));
    calls[0]!.resolve(json(200, { instance_id: "i1", at: iso(1), items: [conn("c1"), conn("c2")] }));
    await waitFor(() => expect(result.current.list.data).toHaveLength(2));

    act(() => result.current.disconnect.mutate(result.current.list.data!.find((c) => c.client_id === "c1")!));
    await waitFor(() => expect(calls).toHaveLength(2));
    calls[1]!.resolve(json(500, { error: { code: "internal", message: "boom" } }));
    await waitFor(() => expect(toastError).toHaveBeenCalledTimes(1));
    expect(result.current.list.data?.find((c) => c.client_id === "c1")?._pending).toBeUndefined();

    act(() => result.current.disconnect.mutate(result.current.list.data!.find((c) => c.client_id === "c2")!));
    await waitFor(() => expect(calls).toHaveLength(3));
    calls[2]!.resolve(json(404, { error: { code: "not_found", message: "no such socket" } }));
    await waitFor(() => expect(result.current.list.data?.map((c) => c.client_id)).toEqual(["c1"]));
    expect(toastError).toHaveBeenCalledTimes(1);
  });

  it("marks every socket of the user when disconnecting them all", async () => {
    const { wrapper } = setup();
    const calls = deferredFetch();
    const { result } = renderHook(() => ({ list: useAdminConnections(), disconnect: useDisconnectUser() }), { wrapper });
    await waitFor(() => expect(calls).toHaveLength(1));
    calls[0]!.resolve(json(200, { instance_id: "i1", at: iso(1), items: [conn("c1"), conn("c2"), conn("c3", { user_id: "u2" })] }));
    await waitFor(() => expect(result.current.list.data).toHaveLength(3));
    act(() => result.current.disconnect.mutate({ user_id: "u1", email: "ada@example.com" }));
    await waitFor(() => expect(calls).toHaveLength(2));
    expect(calls[1]!.url).toBe("/api/admin/users/u1/disconnect");
    const marks = Object.fromEntries(result.current.list.data!.map((c) => [c.client_id, c._pending ?? null]));
    expect(marks).toEqual({ c1: "disconnect", c2: "disconnect", c3: null });
  });
});

describe("useUpdateUser", () => {
  async function loaded() {
    const s = setup();
    const calls = deferredFetch();
    const hook = renderHook(() => ({ users: useAdminUsers(), update: useUpdateUser() }), { wrapper: s.wrapper });
    await waitFor(() => expect(calls).toHaveLength(1));
    expect(calls[0]!.url).toBe("/api/admin/users");
    calls[0]!.resolve(json(200, { items: [user("u1"), user("u2", { created_at: iso(1) })], next_cursor: null }));
    await waitFor(() => expect(hook.result.current.users.data).toHaveLength(2));
    return { ...s, calls, result: hook.result };
  }
  const row = (rows: AdminUserRow[] | undefined, id: string) => rows?.find((u) => u.id === id);

  it("shows a disable at once; the pushed change confirms it before the answer, and the answer does not undo it", async () => {
    const { calls, result, push } = await loaded();
    act(() => result.current.update.mutate({ user: row(result.current.users.data, "u1")!, body: { disabled: true } }));
    await waitFor(() => expect(row(result.current.users.data, "u1")).toMatchObject({ disabled: true, _pending: "disable" }));
    await waitFor(() => expect(calls).toHaveLength(2));
    expect(calls[1]!.url).toBe("/api/admin/users/u1");
    expect(calls[1]!.init.method).toBe("PATCH");
    expect(JSON.parse(String(calls[1]!.init.body))).toEqual({ disabled: true });

    push("admin_user_changed", { ...user("u1", { disabled: true, disabled_at: iso(3), open_sockets: 0, version: 2 }), change: "disabled" });
    await waitFor(() => expect(row(result.current.users.data, "u1")?._pending).toBeUndefined());
    expect(row(result.current.users.data, "u1")).toMatchObject({ disabled: true, version: 2 });
    calls[1]!.resolve(json(200, { ...user("u1", { disabled: true, disabled_at: iso(3), open_sockets: 0, version: 2 }), closed_connections: 2 }));
    await waitFor(() => expect(result.current.update.isSuccess).toBe(true));
    expect(row(result.current.users.data, "u1")).toMatchObject({ disabled: true, version: 2 });
    expect(row(result.current.users.data, "u1")).not.toHaveProperty("closed_connections");
  });

  it("puts the row back with a toast when the server refuses a role change", async () => {
    const { calls, result } = await loaded();
    act(() => result.current.update.mutate({ user: row(result.current.users.data, "u2")!, body: { role: "admin" } }));
    await waitFor(() => expect(row(result.current.users.data, "u2")).toMatchObject({ role: "admin", _pending: "role" }));
    await waitFor(() => expect(calls).toHaveLength(2));
    calls[1]!.resolve(json(403, { error: { code: "forbidden", message: "admins only" } }));
    await waitFor(() => expect(toastError).toHaveBeenCalledTimes(1));
    await waitFor(() => expect(row(result.current.users.data, "u2")).toMatchObject({ role: "user", version: 1 }));
    expect(row(result.current.users.data, "u2")?._pending).toBeUndefined();
  });

  it("a created user pushed by another admin joins the list in order", async () => {
    const { result, push } = await loaded();
    push("admin_user_changed", { ...user("u3", { created_at: iso(9) }), change: "created" });
    await waitFor(() => expect(result.current.users.data?.map((u) => u.id)).toEqual(["u1", "u2", "u3"]));
  });
});

describe("API keys", () => {
  it("revoke shows at once and the answer confirms it; a created key's secret never enters the cache", async () => {
    const { qc, wrapper } = setup();
    const calls = deferredFetch();
    const { result } = renderHook(() => ({ keys: useApiKeys(), revoke: useRevokeApiKey(), create: useCreateApiKey() }), { wrapper });
    await waitFor(() => expect(calls).toHaveLength(1));
    calls[0]!.resolve(json(200, { items: [apiKey("k1")], next_cursor: null }));
    await waitFor(() => expect(result.current.keys.data).toHaveLength(1));

    act(() => result.current.revoke.mutate(result.current.keys.data![0]!));
    await waitFor(() => expect(result.current.keys.data?.[0]?._pending).toBe("revoke"));
    await waitFor(() => expect(calls).toHaveLength(2));
    expect(calls[1]!.url).toBe("/api/admin/api-keys/k1");
    expect(calls[1]!.init.method).toBe("DELETE");
    calls[1]!.resolve(json(200, { ...apiKey("k1", { revoked_at: iso(4), version: 2 }), closed_connections: 1 }));
    await waitFor(() => expect(result.current.keys.data?.[0]).toMatchObject({ revoked_at: iso(4), version: 2 }));
    expect(result.current.keys.data?.[0]?._pending).toBeUndefined();

    let created: unknown;
    act(() => result.current.create.mutate({ name: "feed" }, { onSuccess: (k) => (created = k) }));
    await waitFor(() => expect(calls).toHaveLength(3));
    calls[2]!.resolve(json(201, { ...apiKey("k2", { name: "feed", created_at: iso(8) }), key: "sbk_secret" }));
    await waitFor(() => expect(result.current.keys.data?.map((k) => k.id)).toEqual(["k2", "k1"]));
    expect(created).toMatchObject({ key: "sbk_secret" });
    expect(JSON.stringify(qc.getQueryData<ApiKeyRow[]>(queryKeys.admin.apiKeys()))).not.toContain("sbk_secret");
  });

  it("a failed revoke puts the key back with a toast", async () => {
    const { wrapper } = setup();
    const calls = deferredFetch();
    const { result } = renderHook(() => ({ keys: useApiKeys(), revoke: useRevokeApiKey() }), { wrapper });
    await waitFor(() => expect(calls).toHaveLength(1));
    calls[0]!.resolve(json(200, { items: [apiKey("k1")], next_cursor: null }));
    await waitFor(() => expect(result.current.keys.data).toHaveLength(1));
    act(() => result.current.revoke.mutate(result.current.keys.data![0]!));
    await waitFor(() => expect(calls).toHaveLength(2));
    calls[1]!.resolve(json(500, { error: { code: "internal", message: "boom" } }));
    await waitFor(() => expect(toastError).toHaveBeenCalledTimes(1));
    expect(result.current.keys.data?.[0]).toMatchObject({ revoked_at: null });
    expect(result.current.keys.data?.[0]?._pending).toBeUndefined();
  });
});

describe("useAuditLog", () => {
  it("asks for newest-first pages; a pushed entry enters at the top once, even when it arrives during the fetch", async () => {
    const { wrapper, push } = setup();
    const calls = deferredFetch();
    const { result } = renderHook(() => useAuditLog(), { wrapper });
    await waitFor(() => expect(calls).toHaveLength(1));
    expect(calls[0]!.url).toBe("/api/admin/audit?limit=50");
    push("audit_entry", audit("a3", 3));
    calls[0]!.resolve(json(200, { items: [audit("a2", 2), audit("a1", 1)], next_cursor: "c2" }));
    await waitFor(() => expect(result.current.items.map((e) => e.id)).toEqual(["a3", "a2", "a1"]));

    push("audit_entry", audit("a4", 4, { action: "api_key_created" }));
    push("audit_entry", audit("a4", 4, { action: "api_key_created" }));
    await waitFor(() => expect(result.current.items.map((e) => e.id)).toEqual(["a4", "a3", "a2", "a1"]));
    expect(result.current.hasNextPage).toBe(true);

    act(() => void result.current.fetchNextPage());
    await waitFor(() => expect(calls).toHaveLength(2));
    expect(calls[1]!.url).toBe("/api/admin/audit?cursor=c2&limit=50");
    calls[1]!.resolve(json(200, { items: [audit("a0", 0)], next_cursor: null }));
    await waitFor(() => expect(result.current.items.map((e) => e.id)).toEqual(["a4", "a3", "a2", "a1", "a0"]));
  });
});

describe("topic figures", () => {
  it("keeps each instance's newest snapshot and sums live instances, leaving out one that stopped reporting", async () => {
    const { wrapper, push } = setup();
    const calls = deferredFetch();
    const { result } = renderHook(() => useAdminTopics(), { wrapper });
    await waitFor(() => expect(calls).toHaveLength(1));
    expect(calls[0]!.url).toBe("/api/admin/topics");
    calls[0]!.resolve(json(200, snapshot("i1", 10)));
    await waitFor(() => expect(result.current.overview.instances).toBe(1));

    push("admin_topics_update", snapshot("i2", 11, { subscribers: [{ pattern: "jobs", subscribers: 1 }, { pattern: "*", subscribers: 4 }], rates: [{ topic: "jobs", per_second: 0.5, last_minute: 30, buckets: [2] }] }));
    push("admin_topics_update", snapshot("i1", 9, { connections: 99 })); // older than held: ignored
    await waitFor(() => expect(result.current.overview.instances).toBe(2));
    const o = result.current.overview;
    expect(o.connections).toBe(4);
    expect(o.subscribers).toEqual([
      { pattern: "*", subscribers: 4 },
      { pattern: "jobs", subscribers: 3 },
    ]);
    expect(o.rates).toEqual([{ topic: "jobs", per_second: 1.5, last_minute: 90, buckets: [1, 3] }]);
    expect(o.resyncs_served).toBe(2);

    expect(combineTopicSnapshots([snapshot("i1", 0), snapshot("i2", 30)]).instances).toBe(1);
    expect(combineTopicSnapshots([]).replay_log).toBeNull();
  });

  it("takes a cluster leader's report as the whole cluster, so a leader that just handed over is not counted twice", () => {
    const oldLeader = snapshot("i1", 10, { instances: 2, connections: 5 });
    const newLeader = snapshot("i2", 12, { instances: 2, connections: 6 });
    const o = combineTopicSnapshots([oldLeader, newLeader]);
    expect(o).toMatchObject({ instances: 2, connections: 6 });
    expect(o.rates).toEqual(newLeader.rates);
  });
});
