// The admin console's routes called as Next calls them, against a booted server with real `ws` clients:
// admin-only access, disconnects, disabling users, revoking keys, broadcasts, the `admin` topic and the audit log.
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { closeTestDatabases } from "@/server/storage/test-database";
import { startTestServer, type TestServer } from "@/server/testing/test-server";
import { connect, type TestClient } from "@/server/testing/ws-client";
import * as apiKey from "./api-keys/[id]/route";
import * as apiKeys from "./api-keys/route";
import * as audit from "./audit/route";
import * as broadcast from "./broadcast/route";
import * as connectionDisconnect from "./connections/[client_id]/disconnect/route";
import * as connections from "./connections/route";
import * as topicsRoute from "./topics/route";
import * as userDisconnect from "./users/[id]/disconnect/route";
import * as user from "./users/[id]/route";
import * as users from "./users/route";
import * as me from "../me/route";

let server: TestServer;
const BASE = "http://127.0.0.1:3000";
const open: TestClient[] = [];

function request(path: string, init: { method?: string; body?: unknown; cookie?: string; origin?: string } = {}) {
  const headers: Record<string, string> = { host: "127.0.0.1:3000" };
  if (init.cookie) headers.cookie = init.cookie;
  if (init.origin) headers.origin = init.origin;
  if (init.body !== undefined) headers["content-type"] = "application/json";
  return new Request(`${BASE}${path}`, { method: init.method ?? "GET", headers, body: init.body === undefined ? undefined : JSON.stringify(init.body) });
}

const params = <T extends Record<string, string>>(p: T) => ({ params: Promise.resolve(p) });

async function socket(auth: { cookie?: string; token?: string; headers?: Record<string, string> }, subscribe: string[] = []): Promise<TestClient> {
  const client = await connect(server.wsUrl, auth);
  open.push(client);
  await client.waitFor((m) => m.type === "connected");
  if (subscribe.length > 0) {
    const from = client.messages.length;
    client.send({ type: "subscribe", ref: "s", topics: subscribe });
    await client.waitFor((m) => m.type === "subscribed" || m.type === "error", { from });
  }
  return client;
}

beforeAll(async () => {
  server = await startTestServer();
});

afterEach(() => {
  for (const client of open.splice(0)) client.close();
});

afterAll(async () => {
  await server.close();
  await closeTestDatabases();
});

describe("admin only", () => {
  it("answers 403 to a signed-in user on every admin route, and forbidden_topic on `admin`", async () => {
    const { cookie } = await server.signIn("plain@admin.test");
    const { principal: other } = await server.signIn("other@admin.test");
    const calls: Promise<Response>[] = [
      connections.GET(request("/api/admin/connections", { cookie })),
      connectionDisconnect.POST(request("/api/admin/connections/cli_x/disconnect", { method: "POST", cookie }), params({ client_id: "cli_x" })),
      userDisconnect.POST(request(`/api/admin/users/${other.id}/disconnect`, { method: "POST", cookie }), params({ id: other.id })),
      topicsRoute.GET(request("/api/admin/topics", { cookie })),
      broadcast.POST(request("/api/admin/broadcast", { method: "POST", cookie, body: { message: "hi" } })),
      users.GET(request("/api/admin/users", { cookie })),
      users.POST(request("/api/admin/users", { method: "POST", cookie, body: { email: "n@admin.test", password: "long-enough" } })),
      user.PATCH(request(`/api/admin/users/${other.id}`, { method: "PATCH", cookie, body: { disabled: true } }), params({ id: other.id })),
      apiKeys.GET(request("/api/admin/api-keys", { cookie })),
      apiKeys.POST(request("/api/admin/api-keys", { method: "POST", cookie, body: { name: "x" } })),
      apiKey.DELETE(request("/api/admin/api-keys/key_x", { method: "DELETE", cookie }), params({ id: "key_x" })),
      audit.GET(request("/api/admin/audit", { cookie })),
    ];
    const statuses = await Promise.all(calls.map(async (c) => (await c).status));
    expect(statuses).toEqual(calls.map(() => 403));
    expect((await connections.GET(request("/api/admin/connections"))).status).toBe(401);

    const client = await socket({ cookie }, ["admin", "jobs"]);
    const error = await client.waitFor((m) => m.type === "error");
    expect(error.data).toMatchObject({ code: "forbidden_topic", details: { topics: ["admin"] } });
    expect((await client.waitFor((m) => m.type === "subscribed")).data.topics).toEqual(["jobs"]);
  });

  it("refuses a cross-site change with a valid admin cookie", async () => {
    const { cookie } = await server.signIn("boss@admin.test", "admin");
    const res = await broadcast.POST(request("/api/admin/broadcast", { method: "POST", cookie, origin: "https://evil.example", body: { message: "hi" } }));
    expect(res.status).toBe(403);
    expect((await res.json()).error.code).toBe("forbidden_origin");
  });
});

describe("live connections on the `admin` topic", () => {
  it("shows a second client's connection open, its figures change, and disconnect closes it", async () => {
    const { cookie: adminCookie, principal: admin } = await server.signIn("boss@admin.test", "admin");
    const { cookie, principal: ann } = await server.signIn("ann@admin.test");
    const watcher = await socket({ cookie: adminCookie }, ["admin"]);

    const from = watcher.messages.length;
    const second = await socket({ cookie, headers: { "user-agent": "Mozilla/5.0 (test)" } });
    const opened = await watcher.waitFor((m) => m.type === "admin_connection_opened" && m.data.user_id === ann.id, { from });
    expect(opened.topic).toBe("admin");
    expect(opened.data).toMatchObject({ kind: "browser", email: "ann@admin.test", role: "user", instance_id: server.registry.hub.instanceId, version: 1 });
    const clientId: string = opened.data.client_id;

    const listed = await (await connections.GET(request("/api/admin/connections", { cookie: adminCookie }))).json();
    expect(listed.items.map((c: { client_id: string }) => c.client_id)).toContain(clientId);
    const row = listed.items.find((c: { client_id: string }) => c.client_id === clientId);
    expect(row).toMatchObject({ user_agent: "Mozilla/5.0 (test)", address: "127.0.0.1", topics: [], messages_out: 1 });

    // Its figures change (a subscribe): a list fetched before the next report has them, with a
    // higher version (a tab holding version 1 would keep its older figures otherwise)...
    second.send({ type: "subscribe", topics: ["jobs"] });
    await second.waitFor((m) => m.type === "subscribed");
    const relisted = await (await connections.GET(request("/api/admin/connections", { cookie: adminCookie }))).json();
    const rerow = relisted.items.find((c: { client_id: string }) => c.client_id === clientId);
    expect(rerow).toMatchObject({ topics: ["jobs"], messages_in: 1 });
    expect(rerow.version).toBeGreaterThan(row.version);
    // ...and the next report announces that version.
    const beforeTick = watcher.messages.length;
    await server.registry.engines.adminReporter.tick();
    const updated = await watcher.waitFor((m) => m.type === "admin_connection_updated" && m.data.client_id === clientId, { from: beforeTick });
    expect(updated.data).toMatchObject({ topics: ["jobs"], messages_in: 1, version: rerow.version });
    expect(updated.id).toBeUndefined();
    const topicsUpdate = await watcher.waitFor((m) => m.type === "admin_topics_update", { from: beforeTick });
    expect(topicsUpdate.data.subscribers).toEqual(expect.arrayContaining([{ pattern: "jobs", subscribers: 1 }, { pattern: "admin", subscribers: 1 }]));
    expect(topicsUpdate.data.replay_log.oldest_id).toEqual(expect.any(String));

    // A tick with nothing new about the second socket reports nothing for it.
    const quiet = watcher.messages.length;
    await server.registry.engines.adminReporter.tick();
    await watcher.waitFor((m) => m.type === "admin_topics_update", { from: quiet });
    expect(watcher.messages.slice(quiet).some((m) => m.type === "admin_connection_updated" && m.data.client_id === clientId)).toBe(false);

    const res = await connectionDisconnect.POST(
      request(`/api/admin/connections/${clientId}/disconnect`, { method: "POST", cookie: adminCookie }),
      params({ client_id: clientId }),
    );
    expect(await res.json()).toEqual({ closed: 1 });
    expect((await second.closed).code).toBe(1008);
    const closed = await watcher.waitFor((m) => m.type === "admin_connection_closed" && m.data.client_id === clientId, { from });
    expect(closed.data).toMatchObject({ user_id: ann.id, code: 1008, reason: "disconnected by an admin" });
    const again = await connectionDisconnect.POST(request(`/api/admin/connections/${clientId}/disconnect`, { method: "POST", cookie: adminCookie }), params({ client_id: clientId }));
    expect(again.status).toBe(404);

    const entry = await watcher.waitFor((m) => m.type === "audit_entry" && m.data.action === "connection_disconnected", { from });
    expect(entry.data).toMatchObject({ actor_id: admin.id, target_type: "connection", target_id: clientId, target_label: "ann@admin.test" });
  });

  it("disconnects every socket of a user and reports topic rates and the replay log", async () => {
    const { cookie: adminCookie } = await server.signIn("boss@admin.test", "admin");
    const { cookie, principal: bob } = await server.signIn("bob@admin.test");
    const a = await socket({ cookie });
    const b = await socket({ cookie });
    const res = await userDisconnect.POST(request(`/api/admin/users/${bob.id}/disconnect`, { method: "POST", cookie: adminCookie }), params({ id: bob.id }));
    expect(await res.json()).toEqual({ closed: 2 });
    expect((await a.closed).code).toBe(1008);
    expect((await b.closed).code).toBe(1008);

    const snapshot = await (await topicsRoute.GET(request("/api/admin/topics", { cookie: adminCookie }))).json();
    expect(snapshot.instance_id).toBe(server.registry.hub.instanceId);
    const adminRate = snapshot.rates.find((r: { topic: string }) => r.topic === "admin");
    expect(adminRate.last_minute).toBeGreaterThan(0);
    expect(adminRate.buckets).toHaveLength(60);
    expect(snapshot.replay_log).toMatchObject({ size: expect.any(Number), capacity: expect.any(Number), oldest_id: expect.any(String) });
  });
});

describe("users", () => {
  it("disabling a user closes their sockets with 1008 and ends their session; an admin cannot disable or demote themselves", async () => {
    const { cookie: adminCookie, principal: admin } = await server.signIn("boss@admin.test", "admin");
    const { cookie, principal: cara } = await server.signIn("cara@admin.test");
    const watcher = await socket({ cookie: adminCookie }, ["admin"]);
    expect((await me.GET(request("/api/me", { cookie }))).status).toBe(200); // cached for 5 s from here
    const s1 = await socket({ cookie });
    const s2 = await socket({ cookie });
    const listed = await (await users.GET(request("/api/admin/users", { cookie: adminCookie }))).json();
    expect(listed.items.find((u: { id: string }) => u.id === cara.id)).toMatchObject({ open_sockets: 2, disabled: false, last_seen_at: expect.any(String) });

    const from = watcher.messages.length;
    const res = await user.PATCH(request(`/api/admin/users/${cara.id}`, { method: "PATCH", cookie: adminCookie, body: { disabled: true } }), params({ id: cara.id }));
    expect(res.status).toBe(200);
    expect(await res.json()).toMatchObject({ id: cara.id, disabled: true, disabled_at: expect.any(String), closed_connections: 2 });
    expect((await s1.closed).code).toBe(1008);
    expect((await s2.closed).code).toBe(1008);
    expect((await me.GET(request("/api/me", { cookie }))).status).toBe(401);
    const stale = await connect(server.wsUrl, { cookie });
    open.push(stale);
    stale.send({ type: "ping", ref: "p" });
    expect((await stale.waitFor((m) => m.type === "error")).data).toMatchObject({ code: "unauthenticated", ref: "p" });
    expect(stale.messages.some((m) => m.type === "connected")).toBe(false);
    const changed = await watcher.waitFor((m) => m.type === "admin_user_changed" && m.data.id === cara.id, { from });
    expect(changed.data).toMatchObject({ change: "disabled", disabled: true });

    const self = await user.PATCH(request(`/api/admin/users/${admin.id}`, { method: "PATCH", cookie: adminCookie, body: { disabled: true } }), params({ id: admin.id }));
    expect(self.status).toBe(403);
    const demote = await user.PATCH(request(`/api/admin/users/${admin.id}`, { method: "PATCH", cookie: adminCookie, body: { role: "user" } }), params({ id: admin.id }));
    expect(demote.status).toBe(403);
    const empty = await user.PATCH(request(`/api/admin/users/${cara.id}`, { method: "PATCH", cookie: adminCookie, body: {} }), params({ id: cara.id }));
    expect(empty.status).toBe(400);
    const missing = await user.PATCH(request("/api/admin/users/usr_nope", { method: "PATCH", cookie: adminCookie, body: { disabled: true } }), params({ id: "usr_nope" }));
    expect(missing.status).toBe(404);

    const enabled = await user.PATCH(request(`/api/admin/users/${cara.id}`, { method: "PATCH", cookie: adminCookie, body: { disabled: false, role: "admin" } }), params({ id: cara.id }));
    expect(await enabled.json()).toMatchObject({ disabled: false, disabled_at: null, role: "admin" });
    const fresh = await server.signIn("cara@admin.test");
    expect(await (await me.GET(request("/api/me", { cookie: fresh.cookie }))).json()).toMatchObject({ role: "admin" });
  });

  it("creates a user (409 on a taken email) and tells the admins", async () => {
    const { cookie: adminCookie } = await server.signIn("boss@admin.test", "admin");
    const watcher = await socket({ cookie: adminCookie }, ["admin"]);
    const from = watcher.messages.length;
    const body = { email: "Dan@Admin.test", password: "long-enough", role: "user" };
    const created = await users.POST(request("/api/admin/users", { method: "POST", cookie: adminCookie, body }));
    expect(created.status).toBe(201);
    const dan = await created.json();
    expect(dan).toMatchObject({ email: "dan@admin.test", role: "user", disabled: false, open_sockets: 0, version: 1 });
    expect((await users.POST(request("/api/admin/users", { method: "POST", cookie: adminCookie, body }))).status).toBe(409);
    expect((await watcher.waitFor((m) => m.type === "admin_user_changed" && m.data.id === dan.id, { from })).data.change).toBe("created");
  });
});

describe("API keys", () => {
  it("creates a key shown once, records its use, and revoking it closes its sockets", async () => {
    const { cookie: adminCookie } = await server.signIn("boss@admin.test", "admin");
    const watcher = await socket({ cookie: adminCookie }, ["admin"]);
    const from = watcher.messages.length;
    const created = await apiKeys.POST(request("/api/admin/api-keys", { method: "POST", cookie: adminCookie, body: { name: "feeder" } }));
    expect(created.status).toBe(201);
    const { key, id } = await created.json();
    expect(key).toMatch(/^sbk_/);
    const program = await socket({ token: key });
    const listed = await (await apiKeys.GET(request("/api/admin/api-keys", { cookie: adminCookie }))).json();
    expect(JSON.stringify(listed)).not.toContain(key);
    expect(listed.items.find((k: { id: string }) => k.id === id)).toMatchObject({ name: "feeder", last_used_at: expect.any(String), revoked_at: null, version: 1 });
    const opened = await watcher.waitFor((m) => m.type === "admin_connection_opened" && m.data.api_key_id === id, { from });
    expect(opened.data).toMatchObject({ kind: "program", api_key_name: "feeder", user_id: null });

    const revoked = await apiKey.DELETE(request(`/api/admin/api-keys/${id}`, { method: "DELETE", cookie: adminCookie }), params({ id }));
    expect(await revoked.json()).toMatchObject({ id, revoked_at: expect.any(String), closed_connections: 1, version: 2 });
    expect((await program.closed).code).toBe(1008);
    expect((await apiKey.DELETE(request(`/api/admin/api-keys/${id}`, { method: "DELETE", cookie: adminCookie }), params({ id }))).status).toBe(404);
    const changes = watcher.messages.slice(from).filter((m) => m.type === "api_key_changed").map((m) => m.data.change);
    expect(changes).toEqual(["created", "revoked"]);
  });
});

describe("broadcast", () => {
  it("to everyone reaches every connected socket and reports the count; to a user or a role only theirs", async () => {
    server.registry.hub.disconnect(() => true, 1000, "test reset");
    const { cookie: adminCookie } = await server.signIn("boss@admin.test", "admin");
    const { cookie: eveCookie, principal: eve } = await server.signIn("eve@admin.test");
    const { cookie: finnCookie } = await server.signIn("finn@admin.test");
    const key = await server.apiKey("reader");
    const everyone = [
      await socket({ cookie: adminCookie }, ["announcements", "user:*"]),
      await socket({ cookie: eveCookie }, ["announcements", `user:${eve.id}`]),
      await socket({ cookie: eveCookie }, ["*"]),
      await socket({ cookie: finnCookie }, ["announcements"]),
      await socket({ token: key }, ["announcements"]),
    ];
    const res = await broadcast.POST(request("/api/admin/broadcast", { method: "POST", cookie: adminCookie, body: { message: "Maintenance at 18:00", level: "warning" } }));
    expect(res.status).toBe(202);
    expect(await res.json()).toMatchObject({ delivered_sockets: 5, connections: 5, target: { kind: "everyone" }, id: expect.any(String) });
    for (const client of everyone) {
      expect((await client.waitFor((m) => m.type === "system_announcement")).data).toEqual({ message: "Maintenance at 18:00", level: "warning" });
    }

    // To one user: eve's two sockets that hold her topic (the admin's `user:*` reads it too, but is not eve).
    const toEve = await broadcast.POST(
      request("/api/admin/broadcast", { method: "POST", cookie: adminCookie, body: { message: "Hello Eve", target: { kind: "user", user_id: eve.id } } }),
    );
    expect(await toEve.json()).toMatchObject({ delivered_sockets: 2, users: 1, notification_ids: [expect.any(String)] });
    for (const client of everyone.slice(1, 3)) {
      expect((await client.waitFor((m) => m.type === "notification")).data).toMatchObject({ user_id: eve.id, message: "Hello Eve", title: "Message from an administrator" });
    }
    expect(everyone[3]!.messages.some((m) => m.type === "notification")).toBe(false);

    // To a role: every enabled admin is notified; only the admin's socket holds an admin's user topic.
    const toAdmins = await broadcast.POST(
      request("/api/admin/broadcast", { method: "POST", cookie: adminCookie, body: { message: "Admins only", title: "Ops", target: { kind: "role", role: "admin" } } }),
    );
    const answer = await toAdmins.json();
    expect(answer.users).toBeGreaterThanOrEqual(2); // the bootstrap admin and boss
    expect(answer.delivered_sockets).toBe(1);
    expect((await everyone[0]!.waitFor((m) => m.type === "notification" && m.data.message === "Admins only")).data.title).toBe("Ops");

    const bad = await broadcast.POST(request("/api/admin/broadcast", { method: "POST", cookie: adminCookie, body: { message: "x", target: { kind: "team" } } }));
    expect(bad.status).toBe(400);
    const nobody = await broadcast.POST(
      request("/api/admin/broadcast", { method: "POST", cookie: adminCookie, body: { message: "x", target: { kind: "user", user_id: "usr_nope" } } }),
    );
    expect(nobody.status).toBe(400);
  });
});

describe("audit log", () => {
  it("lists every admin action, newest first, page by page", async () => {
    const { cookie: adminCookie } = await server.signIn("boss@admin.test", "admin");
    const first = await (await audit.GET(request("/api/admin/audit?limit=200", { cookie: adminCookie }))).json();
    const actions = new Set(first.items.map((e: { action: string }) => e.action));
    for (const action of [
      "connection_disconnected",
      "user_disconnected",
      "broadcast_sent",
      "user_created",
      "user_role_changed",
      "user_disabled",
      "user_enabled",
      "api_key_created",
      "api_key_revoked",
    ]) {
      expect(actions, action).toContain(action);
    }
    const times = first.items.map((e: { created_at: string }) => e.created_at);
    expect([...times].sort().reverse()).toEqual(times);
    expect(first.items[0]).toMatchObject({ actor_email: "boss@admin.test", details: expect.any(Object) });

    const page1 = await (await audit.GET(request("/api/admin/audit?limit=3", { cookie: adminCookie }))).json();
    expect(page1.items).toHaveLength(3);
    const page2 = await (await audit.GET(request(`/api/admin/audit?limit=3&cursor=${page1.next_cursor}`, { cookie: adminCookie }))).json();
    expect(page2.items[0].id).toBe(first.items[3].id);
    expect((await audit.GET(request("/api/admin/audit?cursor=%%%", { cookie: adminCookie }))).status).toBe(400);
  });
});
