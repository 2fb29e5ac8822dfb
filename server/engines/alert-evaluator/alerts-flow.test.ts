// Temporal alerts end to end on the server: rules validated at the edge (400 with field issues),
// rule changes pushed on `alerts`, and quotes posted with an API key to POST /api/events firing a
// `market:ZZZ` rule exactly once for a sustained breach, notifying its owner on `user:{id}`, and
// clearing when a quote above the threshold arrives.
import { afterAll, afterEach, describe, expect, it } from "vitest";
import * as alertsRoute from "@/app/api/alerts/route";
import * as rulesRoute from "@/app/api/alerts/rules/route";
import * as ruleRoute from "@/app/api/alerts/rules/[rule_id]/route";
import { closeTestDatabases } from "../../storage/test-database";
import { startTestServer, type TestServer } from "../../testing/test-server";
import { routeParams as params, routeRequest as request } from "../../testing/route-request";
import { connect, type TestClient } from "../../testing/ws-client";

const running: TestServer[] = [];
const sockets: TestClient[] = [];

afterEach(async () => {
  for (const s of sockets.splice(0)) s.ws.terminate();
  for (const s of running.splice(0)) await s.close();
});
afterAll(closeTestDatabases);


async function boot() {
  const server = await startTestServer();
  running.push(server);
  const { cookie, principal } = await server.signIn("watcher@x.io");
  const client = await connect(server.wsUrl, { cookie });
  sockets.push(client);
  client.send({ type: "subscribe", ref: "w", topics: ["alerts", `user:${principal.id}`] });
  await client.waitFor((m) => m.type === "subscribed");
  return { server, cookie, client, userId: principal.id, key: await server.apiKey() };
}

function postQuote(server: TestServer, key: string, ticker: string, change_percent: number) {
  return fetch(`${server.url}/api/events`, {
    method: "POST",
    headers: { "content-type": "application/json", authorization: `Bearer ${key}` },
    body: JSON.stringify({ topic: `market:${ticker}`, type: "market_data", data: { ticker, price: 100 + change_percent, change: change_percent, change_percent, volume: 100, timestamp: new Date().toISOString() } }),
  });
}

describe("alert rules over REST", () => {
  it("validates rules with field issues, and pushes creation, edits and deletion", async () => {
    const { cookie, client } = await boot();
    const bad = await rulesRoute.POST(request("/api/alerts/rules", cookie, "POST", { name: "", topic: "nope", field: "a..b", op: "bigger", threshold: "x", window_s: 0 }));
    expect(bad.status).toBe(400);
    const paths = ((await bad.json()) as { error: { issues: { path: string }[] } }).error.issues.map((i) => i.path);
    expect(paths).toEqual(expect.arrayContaining(["name", "topic", "field", "op", "threshold", "window_s"]));

    const created = await rulesRoute.POST(request("/api/alerts/rules", cookie, "POST", { name: "CPU hot", topic: "system", field: "cpu.usage", op: "gt", threshold: 90, window_s: 60 }));
    expect(created.status).toBe(201);
    const rule = (await created.json()) as { rule_id: string; version: number; severity: string; enabled: boolean };
    expect(rule).toMatchObject({ version: 1, severity: "warning", enabled: true });
    await client.waitFor((m) => m.type === "alert_rule_created" && m.data.rule_id === rule.rule_id);

    const off = await ruleRoute.PUT(request(`/api/alerts/rules/${rule.rule_id}`, cookie, "PUT", { enabled: false }), params({ rule_id: rule.rule_id }));
    expect(await off.json()).toMatchObject({ enabled: false, version: 2 });
    await client.waitFor((m) => m.type === "alert_rule_updated" && m.data.version === 2 && m.data.enabled === false);
    expect((await ruleRoute.PUT(request(`/api/alerts/rules/${rule.rule_id}`, cookie, "PUT", { window_s: 90_000 }), params({ rule_id: rule.rule_id }))).status).toBe(400);

    expect((await ruleRoute.DELETE(request(`/api/alerts/rules/${rule.rule_id}`, cookie, "DELETE"), params({ rule_id: rule.rule_id }))).status).toBe(204);
    await client.waitFor((m) => m.type === "alert_rule_deleted" && m.data.rule_id === rule.rule_id && m.data.version === 3);
    expect((await ruleRoute.GET(request(`/api/alerts/rules/${rule.rule_id}`, cookie), params({ rule_id: rule.rule_id }))).status).toBe(404);
  });
});

describe("a temporal alert rule on posted quotes", () => {
  it("fires once for a sustained breach, notifies its owner, and clears when the quote recovers", async () => {
    const { server, cookie, client, userId, key } = await boot();
    const res = await rulesRoute.POST(
      request("/api/alerts/rules", cookie, "POST", { name: "ZZZ drop", topic: "market:ZZZ", field: "change_percent", op: "lt", threshold: -3, window_s: 1, severity: "error" }),
    );
    const rule = (await res.json()) as { rule_id: string };
    await client.waitFor((m) => m.type === "alert_rule_created");

    // Breaching quotes keep coming until the 1 s window has passed and the rule fires.
    const fired = (async () => client.waitFor((m) => m.type === "temporal_alert", { timeoutMs: 10_000 }))();
    let done = false;
    void fired.then(() => (done = true), () => (done = true));
    while (!done) {
      expect((await postQuote(server, key, "ZZZ", -4.2)).status).toBe(202);
      await Promise.race([fired.catch(() => {}), client.waitFor(() => false, { timeoutMs: 100 }).catch(() => {})]);
    }
    const alert = await fired;
    expect(alert.topic).toBe("alerts");
    expect(alert.data.rule_id).toBe(rule.rule_id);
    expect(JSON.parse(alert.data.payload_json)).toMatchObject({ topic: "market:ZZZ", field: "change_percent", op: "lt", threshold: -3, value: -4.2 });

    const bell = await client.waitFor((m) => m.type === "notification" && m.topic === `user:${userId}`);
    expect(bell.data).toMatchObject({ title: "Alert: ZZZ drop", level: "error", link: "/alerts" });

    // Still breaching: no second firing. Then a recovery clears it.
    for (let i = 0; i < 3; i++) await postQuote(server, key, "ZZZ", -5);
    await postQuote(server, key, "ZZZ", -1);
    const cleared = await client.waitFor((m) => m.type === "temporal_alert_cleared");
    expect(cleared.data).toMatchObject({ id: alert.data.id, rule_id: rule.rule_id });
    expect(client.messages.filter((m) => m.type === "temporal_alert")).toHaveLength(1);
    expect(client.messages.filter((m) => m.type === "notification")).toHaveLength(1);

    const list = (await (await alertsRoute.GET(request("/api/alerts", cookie))).json()) as { items: { id: string; rule_name: string; cleared_at: string | null }[] };
    expect(list.items).toEqual([expect.objectContaining({ id: alert.data.id, rule_name: "ZZZ drop", cleared_at: cleared.data.cleared_at })]);
  });
});
