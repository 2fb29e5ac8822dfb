// @vitest-environment jsdom
// Tests of the /admin page: a non-admin sees "Admins only" (and nothing is asked of the admin API);
// an admin gets the live connections table, where Disconnect shows "Disconnecting…" and the pushed
// close removes the row; the tab follows the URL; a disabled user's row says so; a 403 turns the
// console into "Admins only".
import * as React from "react";
import { afterEach, describe, expect, it, vi } from "vitest";
import { act, cleanup, fireEvent, render, screen, waitFor, within } from "@testing-library/react";
import { QueryClient, QueryClientProvider } from "@tanstack/react-query";
import type { AdminConnection, AdminUser } from "@/lib/protocol/entities/admin";
import type { CatalogEvent } from "@/lib/protocol/events";
import { applyEvent } from "@/lib/query/patchers";
import type { RealtimeClient } from "@/lib/realtime/client";
import { RealtimeContext } from "@/lib/realtime/context";
import { iso } from "@/lib/realtime/testing/fixtures";
import { AdminPage } from "./admin-page";

const nav = vi.hoisted(() => ({ search: "", replace: vi.fn() }));
vi.mock("next/navigation", () => ({
  usePathname: () => "/admin",
  useRouter: () => ({ replace: nav.replace, push: vi.fn() }),
  useSearchParams: () => new URLSearchParams(nav.search),
}));
vi.mock("sonner", () => ({ toast: Object.assign(vi.fn(), { error: vi.fn(), success: vi.fn() }) }));

afterEach(() => {
  cleanup();
  vi.unstubAllGlobals();
  nav.search = "";
  nav.replace.mockReset();
});

const ADMIN = { id: "admin", email: "admin@example.com", role: "admin" };

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
    user_agent: "Mozilla/5.0 (X11; Linux x86_64) Chrome/131.0.0.0 Safari/537.36",
    address: "127.0.0.1",
    topics: ["jobs", "announcements"],
    connected_at: iso(0),
    messages_in: 3,
    messages_out: 40,
    buffer_bytes: 0,
    last_seen_at: iso(1),
    resyncs_served: 0,
    version: 1,
    ...o,
  };
}
function user(id: string, o: Partial<AdminUser> = {}): AdminUser {
  return { id, email: `${id}@example.com`, role: "user", disabled: false, disabled_at: null, created_at: iso(0), last_seen_at: null, open_sockets: 0, version: 1, ...o };
}

/** A realtime client that holds nothing and confirms subscriptions when the test says so. */
function confirmingClient() {
  const listeners = new Set<(topics: string[]) => void>();
  const client: RealtimeClient = {
    subscribe: () => () => {},
    onEvent: () => () => {},
    onResync: () => () => {},
    onSubscribed: (l) => (listeners.add(l), () => void listeners.delete(l)),
    onStatus: () => () => {},
    onError: () => () => {},
    getStatus: () => ({ status: "live", lastEventAt: null, epoch: "e1" }),
    heldTopics: () => [],
    reconnect: () => {},
    close: () => {},
  };
  const confirm = (topics: string[]) => act(() => [...listeners].forEach((l) => l(topics)));
  return { client, confirm };
}

function setup(routes: Record<string, (init?: RequestInit) => Response | Promise<Response>>, client: RealtimeClient | null = null) {
  const calls: Array<{ path: string; method: string }> = [];
  vi.stubGlobal("fetch", async (input: RequestInfo | URL, init?: RequestInit) => {
    const path = new URL(String(input), "http://localhost").pathname;
    calls.push({ path, method: init?.method ?? "GET" });
    const answer = routes[`${init?.method ?? "GET"} ${path}`] ?? routes[path];
    return answer ? answer(init) : new Response(JSON.stringify({ error: { code: "not_found", message: "no" } }), { status: 404 });
  });
  const qc = new QueryClient({ defaultOptions: { queries: { retry: false, gcTime: Infinity } } });
  render(
    <QueryClientProvider client={qc}>
      <RealtimeContext.Provider value={client}>
        <AdminPage />
      </RealtimeContext.Provider>
    </QueryClientProvider>,
  );
  const push = (type: CatalogEvent["type"], data: unknown) => act(() => applyEvent(qc, { type, topic: "admin", id: "9-0", ts: iso(9), data } as CatalogEvent));
  return { qc, calls, push };
}

const json = (body: unknown, status = 200) => () => new Response(JSON.stringify(body), { status });

describe("AdminPage", () => {
  it("tells a non-admin it is for admins only, without asking the admin API", async () => {
    const { calls } = setup({ "/api/me": json({ id: "u1", email: "ada@example.com", role: "user" }) });
    expect(await screen.findByText("Admins only")).toBeTruthy();
    expect(calls.filter((c) => c.path.startsWith("/api/admin"))).toEqual([]);
  });

  it("lists the connections live; Disconnect shows the row disconnecting until its close is pushed", async () => {
    const { calls, push } = setup({
      "/api/me": json(ADMIN),
      "/api/admin/connections": json({ instance_id: "i1", at: iso(1), items: [conn("c1"), conn("c2", { user_id: "admin", email: ADMIN.email, role: "admin", connected_at: iso(1) })] }),
      "POST /api/admin/connections/c1/disconnect": json({ closed: 1 }),
    });
    const table = await screen.findByTestId("admin-connections");
    expect(within(table).getAllByTestId("admin-connection-row").map((r) => r.getAttribute("data-client-id"))).toEqual(["c2", "c1"]);
    expect(within(table).getAllByText("Chrome 131 on Linux")).toHaveLength(2);

    push("admin_connection_opened", conn("c3", { user_id: "u3", email: "bob@example.com", connected_at: iso(5) }));
    await waitFor(() => expect(within(table).getAllByTestId("admin-connection-row")).toHaveLength(3));

    const row = table.querySelector('[data-client-id="c1"]') as HTMLElement;
    fireEvent.click(within(row).getByTestId("admin-disconnect"));
    await waitFor(() => expect(within(row).getByText("Disconnecting…")).toBeTruthy());
    await waitFor(() => expect(calls).toContainEqual({ path: "/api/admin/connections/c1/disconnect", method: "POST" }));
    push("admin_connection_closed", { client_id: "c1", instance_id: "i1", user_id: "u1", api_key_id: null, closed_at: iso(6), code: 1008, reason: "disconnected by an admin" });
    await waitFor(() => expect(table.querySelector('[data-client-id="c1"]')).toBeNull());
  });

  it("fetches the connections again once the admin subscription holds: the tab's own socket, opened before it, shows", async () => {
    const realtime = confirmingClient();
    let listed: AdminConnection[] = [];
    const { calls } = setup(
      {
        "/api/me": json(ADMIN),
        "/api/admin/connections": () => new Response(JSON.stringify({ instance_id: "i1", at: iso(1), items: listed }), { status: 200 }),
      },
      realtime.client,
    );
    const fetches = () => calls.filter((c) => c.path === "/api/admin/connections").length;
    expect(await screen.findByText("No open sockets")).toBeTruthy();
    expect(fetches()).toBe(1);
    // The own socket opened (and was announced) before the subscription; the first list missed it.
    listed = [conn("own", { user_id: "admin", email: ADMIN.email, role: "admin" })];
    realtime.confirm(["jobs"]);
    expect(fetches()).toBe(1);
    realtime.confirm(["admin"]);
    const table = await screen.findByTestId("admin-connections");
    expect(within(table).getAllByTestId("admin-connection-row").map((r) => r.getAttribute("data-client-id"))).toEqual(["own"]);
    expect(fetches()).toBe(2);
    // Later confirmations (a resume after a reconnect replays what was missed) fetch nothing more.
    realtime.confirm(["admin"]);
    expect(fetches()).toBe(2);
  });

  it("a confirmation that comes while the first list is still loading fetches the list once more after it", async () => {
    const realtime = confirmingClient();
    let release: () => void = () => {};
    const firstAnswered = new Promise<void>((resolve) => (release = resolve));
    let asked = 0;
    const { calls } = setup(
      {
        "/api/me": json(ADMIN),
        // The first list was taken before the tab's own socket registered, and answers late.
        "/api/admin/connections": async () => {
          asked += 1;
          const first = asked === 1;
          if (first) await firstAnswered;
          const items = first ? [] : [conn("own", { user_id: "admin", email: ADMIN.email, role: "admin" })];
          return new Response(JSON.stringify({ instance_id: "i1", at: iso(1), items }), { status: 200 });
        },
      },
      realtime.client,
    );
    const fetches = () => calls.filter((c) => c.path === "/api/admin/connections").length;
    await screen.findByTestId("admin-connections-loading");
    realtime.confirm(["admin"]);
    release();
    const table = await screen.findByTestId("admin-connections");
    expect(within(table).getAllByTestId("admin-connection-row").map((r) => r.getAttribute("data-client-id"))).toEqual(["own"]);
    expect(fetches()).toBe(2);
  });

  it("opens the tab named in the URL and writes a new tab into it; a disabled user's row says so", async () => {
    nav.search = "tab=users";
    setup({
      "/api/me": json(ADMIN),
      "/api/admin/connections": json({ instance_id: "i1", at: iso(1), items: [] }),
      "/api/admin/users": json({ items: [user("admin", { email: ADMIN.email, role: "admin" }), user("u2", { disabled: true, disabled_at: iso(2) })], next_cursor: null }),
    });
    const table = await screen.findByTestId("admin-users");
    const disabled = table.querySelector('[data-user-id="u2"]') as HTMLElement;
    expect(disabled.getAttribute("data-disabled")).toBe("true");
    expect(within(disabled).getByTestId("admin-user-status").textContent).toMatch(/Disabled/);
    expect((within(disabled).getByTestId("admin-user-toggle") as HTMLButtonElement).textContent).toBe("Enable");
    // An admin cannot disable or demote themselves.
    const self = table.querySelector('[data-user-id="admin"]') as HTMLElement;
    expect((within(self).getByTestId("admin-user-toggle") as HTMLButtonElement).disabled).toBe(true);

    fireEvent.mouseDown(screen.getByTestId("admin-tab-audit"));
    expect(nav.replace).toHaveBeenCalledWith("/admin?tab=audit", { scroll: false });
  });

  it("turns into Admins only when the API answers 403 (the role was taken away)", async () => {
    setup({
      "/api/me": json(ADMIN),
      "/api/admin/connections": json({ error: { code: "forbidden", message: "admins only" } }, 403),
    });
    expect(await screen.findByText("Admins only")).toBeTruthy();
  });

  it("renders the topic figures and the keys; a new key is shown once with a copy button", async () => {
    nav.search = "tab=topics";
    const snapshot = {
      instance_id: "i1",
      at: iso(1),
      connections: 2,
      subscriptions: 5,
      subscribers: [{ pattern: "jobs", subscribers: 2 }],
      rates: [{ topic: "system", per_second: 1, last_minute: 60, buckets: [1, 1, 1] }],
      replay_log: { size: 12, capacity: 10000, oldest_id: "1-0", newest_id: "12-0", epoch: "e1" },
      resyncs_served: 3,
    };
    const key = { id: "k1", name: "feed", prefix: "sbk_ab12", created_at: iso(0), created_by: "admin", revoked_at: null, last_used_at: null, version: 1 };
    setup({
      "/api/me": json(ADMIN),
      "/api/admin/connections": json({ instance_id: "i1", at: iso(1), items: [] }),
      "/api/admin/topics": json(snapshot),
      "/api/admin/api-keys": json({ items: [key], next_cursor: null }),
      "POST /api/admin/api-keys": json({ ...key, id: "k2", name: "ingest", created_at: iso(5), key: "sbk_the_secret" }, 201),
    });
    expect((await screen.findByTestId("admin-figure-replay-size")).textContent).toContain("12");
    expect(screen.getByTestId("admin-figure-replay-oldest").textContent).toContain("1-0");
    expect(screen.getByTestId("admin-figure-resyncs").textContent).toContain("3");
    expect(screen.getByTestId("admin-rates").textContent).toContain("system");
    cleanup();

    nav.search = "tab=keys";
    setup({
      "/api/me": json(ADMIN),
      "/api/admin/connections": json({ instance_id: "i1", at: iso(1), items: [] }),
      "/api/admin/api-keys": json({ items: [key], next_cursor: null }),
      "POST /api/admin/api-keys": json({ ...key, id: "k2", name: "ingest", created_at: iso(5), key: "sbk_the_secret" }, 201),
    });
    await screen.findByTestId("admin-keys");
    fireEvent.click(screen.getByTestId("admin-new-key"));
    fireEvent.change(await screen.findByLabelText("Name"), { target: { value: "ingest" } });
    fireEvent.click(screen.getByTestId("admin-create-key-save"));
    expect(((await screen.findByTestId("admin-created-key")) as HTMLInputElement).value).toBe("sbk_the_secret");
    expect(screen.getByTestId("admin-copy-key")).toBeTruthy();
    await waitFor(() => expect(screen.getAllByTestId("admin-key-row").map((r) => r.getAttribute("data-key-id"))).toEqual(["k2", "k1"]));
  });

  it("checks a broadcast before sending it and says how many sockets it reached", async () => {
    nav.search = "tab=broadcast";
    let sent: unknown = null;
    setup({
      "/api/me": json(ADMIN),
      "/api/admin/connections": json({ instance_id: "i1", at: iso(1), items: [] }),
      "POST /api/admin/broadcast": (init) => {
        sent = JSON.parse(String(init?.body));
        return new Response(JSON.stringify({ target: { kind: "everyone" }, delivered_sockets: 3, users: 0, id: "5-0", notification_ids: [], connections: 3 }), { status: 202 });
      },
    });
    fireEvent.click(await screen.findByTestId("admin-broadcast-send"));
    expect((await screen.findByTestId("broadcast-message-error")).textContent).toBe("is required");
    expect(sent).toBeNull();
    fireEvent.change(screen.getByLabelText("Message"), { target: { value: "Restart at six" } });
    fireEvent.change(screen.getByLabelText("Level"), { target: { value: "warning" } });
    fireEvent.click(screen.getByTestId("admin-broadcast-send"));
    await waitFor(() => expect(screen.getByTestId("admin-broadcast-result").textContent).toContain("reached 3 sockets"));
    expect(sent).toEqual({ message: "Restart at six", level: "warning", target: { kind: "everyone" } });
  });

  it("lists the audit log newest first", async () => {
    nav.search = "tab=audit";
    const entry = (id: string, at: number, action: string) => ({ id, actor_id: "admin", actor_email: ADMIN.email, action, target_type: "user", target_id: "u2", target_label: "u2@example.com", details: { from: "user", to: "admin" }, created_at: iso(at) });
    setup({
      "/api/me": json(ADMIN),
      "/api/admin/connections": json({ instance_id: "i1", at: iso(1), items: [] }),
      "/api/admin/audit": json({ items: [entry("a2", 2, "user_role_changed"), entry("a1", 1, "user_created")], next_cursor: null }),
    });
    const table = await screen.findByTestId("admin-audit");
    expect(within(table).getAllByTestId("admin-audit-row").map((r) => r.getAttribute("data-action"))).toEqual(["user_role_changed", "user_created"]);
    expect(table.textContent).toContain("Changed a role");
    expect(table.textContent).toContain("from: user · to: admin");
  });
});
