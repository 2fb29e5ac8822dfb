// REST routes called as Next calls them (Request in, Response out) against a booted server's registry.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { closeTestDatabases } from "@/server/storage/test-database";
import { scaledStack, startTestServer, type TestServer } from "@/server/testing/test-server";
import { connect } from "@/server/testing/ws-client";
import * as adminKey from "./admin/api-keys/[id]/route";
import * as adminKeys from "./admin/api-keys/route";
import * as adminUsers from "./admin/users/route";
import * as broadcast from "./admin/broadcast/route";
import * as login from "./auth/login/route";
import * as logout from "./auth/logout/route";
import * as health from "./health/route";
import * as me from "./me/route";
import * as metrics from "../metrics/route";

let server: TestServer;
const BASE = "http://127.0.0.1:3000";

function request(path: string, init: { method?: string; body?: unknown; cookie?: string; bearer?: string; origin?: string; raw?: string } = {}) {
  const headers: Record<string, string> = { host: "127.0.0.1:3000" };
  if (init.cookie) headers.cookie = init.cookie;
  if (init.bearer) headers.authorization = `Bearer ${init.bearer}`;
  if (init.origin) headers.origin = init.origin;
  if (init.body !== undefined || init.raw !== undefined) headers["content-type"] = "application/json";
  return new Request(`${BASE}${path}`, { method: init.method ?? "GET", headers, body: init.raw ?? (init.body === undefined ? undefined : JSON.stringify(init.body)) });
}

/** POST /api/events over real HTTP: the custom server serves it, not Next's router. */
function postEvents(body: unknown, auth: { bearer?: string; cookie?: string; raw?: string } = {}) {
  const headers: Record<string, string> = { "content-type": "application/json" };
  if (auth.bearer) headers.authorization = `Bearer ${auth.bearer}`;
  if (auth.cookie) headers.cookie = auth.cookie;
  return fetch(`${server.url}/api/events`, { method: "POST", headers, body: auth.raw ?? JSON.stringify(body) });
}

const quote = (ticker: string, price: number) => ({
  topic: `market:${ticker}`,
  type: "market_data",
  data: { ticker, price, change: 1, change_percent: 0.5, volume: 10, timestamp: new Date().toISOString() },
});

beforeAll(async () => {
  server = await startTestServer();
});

afterAll(async () => {
  await server.close();
  await closeTestDatabases();
});

describe("sign-in", () => {
  it("signs the bootstrap admin in with an http-only cookie that /api/me accepts, and out again", async () => {
    const res = await login.POST(request("/api/auth/login", { method: "POST", body: { email: "ROOT@switchboard.test", password: "root-password" } }));
    expect(res.status).toBe(200);
    const setCookie = res.headers.get("set-cookie")!;
    expect(setCookie).toMatch(/sb_session=.+; Path=\/; HttpOnly; SameSite=Lax/);
    const cookie = setCookie.split(";")[0]!;
    const who = await me.GET(request("/api/me", { cookie }));
    expect(await who.json()).toMatchObject({ email: "root@switchboard.test", role: "admin" });
    expect((await logout.POST(request("/api/auth/logout", { method: "POST", cookie }))).status).toBe(204);
    expect((await me.GET(request("/api/me", { cookie }))).status).toBe(401);
  });

  it("answers 401 to a wrong password and 400 with field problems to a bad body", async () => {
    const wrong = await login.POST(request("/api/auth/login", { method: "POST", body: { email: "root@switchboard.test", password: "nope" } }));
    expect(wrong.status).toBe(401);
    expect((await wrong.json()).error.code).toBe("invalid_credentials");
    const bad = await login.POST(request("/api/auth/login", { method: "POST", body: { email: "not-an-email" } }));
    expect(bad.status).toBe(400);
    const paths = (await bad.json()).error.issues.map((i: { path: string }) => i.path);
    expect(paths).toEqual(expect.arrayContaining(["email", "password"]));
    const notJson = await login.POST(request("/api/auth/login", { method: "POST", raw: "{oops" }));
    expect(notJson.status).toBe(400);
  });

  it("refuses a cross-site login and a forged cookie", async () => {
    const res = await login.POST(request("/api/auth/login", { method: "POST", origin: "https://evil.example", body: { email: "root@switchboard.test", password: "root-password" } }));
    expect(res.status).toBe(403);
    expect((await me.GET(request("/api/me", { cookie: "sb_session=forged.value" }))).status).toBe(401);
  });
});

describe("admin routes", () => {
  it("lets only admins create users, and refuses a duplicate email with 409", async () => {
    const { cookie: userCookie } = await server.signIn("plain@x.io");
    const { cookie: adminCookie } = await server.signIn("boss@x.io", "admin");
    const body = { email: "new@x.io", password: "long-enough", role: "user" };
    expect((await adminUsers.POST(request("/api/admin/users", { method: "POST", cookie: userCookie, body }))).status).toBe(403);
    expect((await adminUsers.POST(request("/api/admin/users", { method: "POST", body }))).status).toBe(401);
    const created = await adminUsers.POST(request("/api/admin/users", { method: "POST", cookie: adminCookie, body }));
    expect(created.status).toBe(201);
    expect(await created.json()).toMatchObject({ email: "new@x.io", role: "user" });
    expect((await adminUsers.POST(request("/api/admin/users", { method: "POST", cookie: adminCookie, body }))).status).toBe(409);
    const short = await adminUsers.POST(request("/api/admin/users", { method: "POST", cookie: adminCookie, body: { ...body, email: "x@x.io", password: "short" } }));
    expect((await short.json()).error.issues[0].path).toBe("password");
  });

  it("creates an API key shown once, lists it without the secret, and revoking it closes its sockets", async () => {
    const { cookie: userCookie } = await server.signIn("plain@x.io");
    const { cookie } = await server.signIn("boss@x.io", "admin");
    expect((await adminKeys.POST(request("/api/admin/api-keys", { method: "POST", cookie: userCookie, body: { name: "x" } }))).status).toBe(403);
    const created = await adminKeys.POST(request("/api/admin/api-keys", { method: "POST", cookie, body: { name: "feeder" } }));
    expect(created.status).toBe(201);
    const { key, id } = await created.json();
    expect(key).toMatch(/^sbk_/);
    const listed = await (await adminKeys.GET(request("/api/admin/api-keys", { cookie }))).json();
    expect(JSON.stringify(listed)).not.toContain(key);
    const socket = await connect(server.wsUrl, { token: key });
    await socket.waitFor((m) => m.type === "connected");
    const revoked = await adminKey.DELETE(request(`/api/admin/api-keys/${id}`, { method: "DELETE", cookie }), { params: Promise.resolve({ id }) });
    expect((await revoked.json()).closed_connections).toBe(1);
    expect((await socket.closed).code).toBe(1008);
    expect((await postEvents(quote("AAPL", 1), { bearer: key })).status).toBe(401);
  });
});

describe("POST /api/admin/broadcast", () => {
  it("lets only admins announce, and the announcement reaches a connected user", async () => {
    const { cookie: userCookie } = await server.signIn("plain@x.io");
    const { cookie: adminCookie } = await server.signIn("boss@x.io", "admin");
    const socket = await connect(server.wsUrl, { cookie: userCookie });
    socket.send({ type: "subscribe", topics: ["announcements"] });
    await socket.waitFor((m) => m.type === "subscribed");
    const body = { message: "Maintenance at 18:00", level: "warning" };
    expect((await broadcast.POST(request("/api/admin/broadcast", { method: "POST", cookie: userCookie, body }))).status).toBe(403);
    expect((await broadcast.POST(request("/api/admin/broadcast", { method: "POST", cookie: adminCookie, body: { message: "" } }))).status).toBe(400);
    const res = await broadcast.POST(request("/api/admin/broadcast", { method: "POST", cookie: adminCookie, body }));
    expect(res.status).toBe(202);
    expect((await socket.waitFor((m) => m.type === "system_announcement")).data).toEqual(body);
    socket.close();
  });
});

describe("POST /api/events", () => {
  it("needs an API key and a JSON body", async () => {
    const { cookie } = await server.signIn("plain@x.io");
    expect((await postEvents(quote("AAPL", 1), { cookie })).status).toBe(401);
    expect((await postEvents(quote("AAPL", 1))).status).toBe(401);
    expect((await postEvents(null, { bearer: await server.apiKey(), raw: "{oops" })).status).toBe(400);
  });

  it("publishes valid quotes to subscribers and keeps them as the latest values", async () => {
    const key = await server.apiKey();
    const { cookie } = await server.signIn("watcher@x.io");
    const socket = await connect(server.wsUrl, { cookie });
    socket.send({ type: "subscribe", topics: ["market:MSFT"] });
    await socket.waitFor((m) => m.type === "subscribed");
    const res = await postEvents([quote("MSFT", 410), quote("MSFT", 411)], { bearer: key });
    expect(res.status).toBe(202);
    expect(await res.json()).toEqual({ accepted: 2, ids: [null, null] });
    // Live quotes reach a socket conflated: the latest of each ticker per 100 ms, in one batch.
    await socket.waitFor((m) => m.type === "market_data_batch" && m.data.some((q: { price: number }) => q.price === 411));
    const stored = await server.registry.services.market.latest("market:");
    expect(stored.find((v) => v.topic === "market:MSFT")?.data).toMatchObject({ price: 411 });
    socket.close();
  });

  it("applies nothing when any event of a batch is invalid, and says which and why", async () => {
    const key = await server.apiKey();
    const before = (await server.registry.services.market.latest("market:")).length;
    const res = await postEvents([quote("NVDA", 1), { ...quote("TSLA", -5) }, { topic: "jobs", type: "nope", data: {} }, { ...quote("AMD", 1), topic: "admin" }], { bearer: key });
    expect(res.status).toBe(400);
    const paths = (await res.json()).error.issues.map((i: { path: string }) => i.path);
    expect(paths).toEqual(expect.arrayContaining(["[1].data.price", "[2].type", "[3].topic"]));
    expect(paths.some((p: string) => p.startsWith("[0]"))).toBe(false);
    expect((await server.registry.services.market.latest("market:")).length).toBe(before);
  });
});

describe("POST /api/events from outside agents and analyzers", () => {
  it("publishes an agent's activity and an outside insight (stored and listed), with their ids in order", async () => {
    const key = await server.apiKey();
    const agent = (await server.registry.services.agents.list())[0]!;
    const { cookie } = await server.signIn("observer@x.io");
    const socket = await connect(server.wsUrl, { cookie });
    socket.send({ type: "subscribe", topics: ["agents", "insights"] });
    await socket.waitFor((m) => m.type === "subscribed");
    const insight = {
      insight_id: "ext-1",
      title: "GPU queue is long",
      description: "An outside monitor saw 40 waiting jobs",
      type: "anomaly",
      confidence: 0.7,
      metadata: { queue: 40 },
      created_at: new Date().toISOString(),
    };
    const res = await postEvents(
      [
        { topic: "agents", type: "agent_activity", data: { agent_id: agent.agent_id, activity: "warming up", details: null } },
        { topic: "insights", type: "insight_generated", data: insight },
      ],
      { bearer: key },
    );
    expect(res.status).toBe(202);
    const body = await res.json();
    expect(body.accepted).toBe(2);
    expect(body.ids.every((id: unknown) => typeof id === "string")).toBe(true);
    await socket.waitFor((m) => m.type === "agent_activity" && m.data.activity === "warming up");
    const pushed = await socket.waitFor((m) => m.type === "insight_generated" && m.data.insight_id === "ext-1");
    expect(pushed.data).toMatchObject({ title: "GPU queue is long", version: 1 });
    const listed = await server.registry.services.insights.list({ limit: 10 });
    expect(listed.items.map((i) => i.insight_id)).toContain("ext-1");

    const again = await postEvents([{ topic: "agents", type: "agent_message", data: { agent_id: "agt_nobody", message: "hi" } }, { topic: "insights", type: "insight_generated", data: insight }], { bearer: key });
    expect(again.status).toBe(400);
    expect((await again.json()).error.issues).toEqual([
      { path: "[0].data.agent_id", message: "no agent agt_nobody" },
      { path: "[1].data.insight_id", message: "insight ext-1 already exists" },
    ]);
    socket.close();
  });
});

describe("health and metrics", () => {
  it("reports storage, bus and hub figures to a signed-in user", async () => {
    const { cookie } = await server.signIn("plain@x.io");
    expect((await health.GET(request("/api/health"))).status).toBe(401);
    const res = await health.GET(request("/api/health", { cookie }));
    expect(res.status).toBe(200);
    expect(await res.json()).toMatchObject({ status: "ok", storage: { ok: true, driver: scaledStack() ? "postgres" : "pglite" }, bus: { ok: true, kind: scaledStack() ? "redis" : "memory" }, hub: { connections: expect.any(Number) } });
  });

  it("serves Prometheus text with the hub's figures to admins and API keys only", async () => {
    const { cookie } = await server.signIn("plain@x.io");
    expect((await metrics.GET(request("/metrics", { cookie }))).status).toBe(403);
    const text = await (await metrics.GET(request("/metrics", { bearer: await server.apiKey() }))).text();
    for (const name of ["switchboard_ws_connections", "switchboard_ws_subscriptions", "switchboard_events_in_total", "switchboard_events_out_total", "switchboard_ws_slow_consumers_dropped_total", "switchboard_replay_requests_total", "switchboard_resyncs_total"]) {
      expect(text).toContain(name);
    }
  });
});
