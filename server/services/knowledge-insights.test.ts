// Knowledge and insights on a running server: completed jobs become searchable knowledge, edits and
// deletes are pushed, the analyzer turns stored history into insights once, metrics and hive status
// are pushed. Routes are called as Next calls them; pushes are watched on a `ws` client.
import { afterAll, afterEach, describe, expect, it } from "vitest";
import * as jobsRoute from "@/app/api/jobs/route";
import * as knowledgeRoute from "@/app/api/knowledge/route";
import * as knowledgeItemRoute from "@/app/api/knowledge/[item_id]/route";
import * as tagsRoute from "@/app/api/knowledge/tags/route";
import * as analyzeRoute from "@/app/api/insights/analyze/route";
import * as insightsRoute from "@/app/api/insights/route";
import * as overviewRoute from "@/app/api/insights/overview/route";
import * as hiveRoute from "@/app/api/agents/hive/route";
import { closeTestDatabases } from "../storage/test-database";
import { startTestServer, type TestServer } from "../testing/test-server";
import { eventually } from "../testing/instance-process";
import { formRequest, routeParams as params, routeRequest as request } from "../testing/route-request";
import { connect, type TestClient } from "../testing/ws-client";

const running: TestServer[] = [];
const sockets: TestClient[] = [];

afterEach(async () => {
  for (const s of sockets.splice(0)) s.ws.terminate();
  for (const s of running.splice(0)) await s.close();
});
afterAll(closeTestDatabases);


async function boot(env: Record<string, string> = {}) {
  const server = await startTestServer(env);
  running.push(server);
  const { cookie } = await server.signIn("analyst@x.io");
  const client = await connect(server.wsUrl, { cookie });
  sockets.push(client);
  client.send({ type: "subscribe", ref: "w", topics: ["jobs", "knowledge", "insights", "metrics", "system"] });
  await client.waitFor((m) => m.type === "subscribed");
  return { server, cookie, client };
}

async function process(server: TestServer, client: TestClient, cookie: string, name: string, content: string) {
  const form = new FormData();
  form.set("file", new File([content], name));
  const job = await (await jobsRoute.POST(formRequest("/api/jobs", cookie, form))).json();
  await client.waitFor((m) => m.type === "processing_job_completed" && m.data.job_id === job.job_id, { timeoutMs: 15_000 });
  return job as { job_id: string };
}

describe("knowledge", () => {
  it("makes every completed job a knowledge item that full-text search finds by a word from its body", async () => {
    const { server, cookie, client } = await boot();
    const job = await process(
      server,
      client,
      cookie,
      "fleet_report.md",
      "# Fleet report\n\nThe airship company Skyward Logistics moved its zeppelins from Hamburg to Oslo. Fuel costs fell by a third over the winter.",
    );
    await process(server, client, cookie, "other.txt", "Quarterly figures for the bakery in Porto rose again. Bread sold well.");
    const created = await client.waitFor((m) => m.type === "knowledge_item_created" && m.data.source_job === job.job_id);
    expect(created.data).toMatchObject({ title: "fleet report", type: "markdown", source_job: job.job_id });
    expect(created.data.tags).toEqual(expect.arrayContaining(["markdown", "hamburg", "oslo"]));
    // A short document's summary is its text: said once, not twice.
    expect(created.data.content.split("zeppelins from Hamburg")).toHaveLength(2);

    // "zeppelin" (singular) matches "zeppelins" through English stemming; only the fleet report has it.
    const found = await (await knowledgeRoute.GET(request("/api/knowledge?q=zeppelin", cookie))).json();
    expect(found.items.map((i: { item_id: string }) => i.item_id)).toEqual([created.data.item_id]);
    expect(found.items[0].snippet).toContain("<mark>zeppelins</mark>");
    const none = await (await knowledgeRoute.GET(request("/api/knowledge?q=submarine", cookie))).json();
    expect(none.items).toEqual([]);

    const byTag = await (await knowledgeRoute.GET(request("/api/knowledge?tag=oslo", cookie))).json();
    expect(byTag.items.map((i: { item_id: string }) => i.item_id)).toEqual([created.data.item_id]);
    const tags = await (await tagsRoute.GET(request("/api/knowledge/tags", cookie))).json();
    expect(tags.items).toContainEqual({ tag: "oslo", count: 1 });
  });

  it("edits title and tags with knowledge_item_updated naming the changed fields, and deletes", async () => {
    const { server, cookie, client } = await boot();
    const job = await process(server, client, cookie, "notes.txt", "Meeting notes from the Madrid office about the new warehouse in Valencia.");
    const item = (await client.waitFor((m) => m.type === "knowledge_item_created" && m.data.source_job === job.job_id)).data;
    const id = item.item_id as string;

    const res = await knowledgeItemRoute.PATCH(request(`/api/knowledge/${id}`, cookie, "PATCH", { tags: ["Logistics", "spain", "logistics"] }), params({ item_id: id }));
    expect(res.status).toBe(200);
    expect(await res.json()).toMatchObject({ tags: ["logistics", "spain"], title: item.title, version: item.version + 1 });
    const updated = await client.waitFor((m) => m.type === "knowledge_item_updated" && m.data.item_id === id);
    expect(updated.data).toMatchObject({ tags: ["logistics", "spain"], updated_fields: ["tags"] });

    const bad = await knowledgeItemRoute.PATCH(request(`/api/knowledge/${id}`, cookie, "PATCH", { title: "", tags: ["a,b"] }), params({ item_id: id }));
    expect(bad.status).toBe(400);
    expect((await bad.json()).error.issues.map((i: { path: string }) => i.path).sort()).toEqual(["tags.0", "title"]);

    expect((await knowledgeItemRoute.DELETE(request(`/api/knowledge/${id}`, cookie, "DELETE"), params({ item_id: id }))).status).toBe(204);
    const deleted = await client.waitFor((m) => m.type === "knowledge_item_deleted");
    expect(deleted.data).toEqual({ item_id: id, version: item.version + 2 });
    expect((await knowledgeItemRoute.GET(request(`/api/knowledge/${id}`, cookie), params({ item_id: id }))).status).toBe(404);
  });
});

describe("insights and dashboard metrics", () => {
  it("generates an insight from the stored history once, pushes it, and lists it", async () => {
    const { server, cookie, client } = await boot();
    for (let i = 0; i < 3; i++) await process(server, client, cookie, `doc-${i}.txt`, `Report ${i} about the harbour of Genoa and its cranes.`);
    // The analysis reads the knowledge items too: they are written just after each job completes.
    await eventually(() => client.messages.filter((m) => m.type === "knowledge_item_created").length === 3, 10_000, "three knowledge items");

    const res = await analyzeRoute.POST(request("/api/insights/analyze", cookie, "POST"));
    const { generated } = await res.json();
    const volume = generated.find((g: { title: string }) => g.title === "New processing activity: 3 jobs finished");
    expect(volume).toMatchObject({ type: "trend", metadata: { current: 3, previous: 0 } });
    const pushed = await client.waitFor((m) => m.type === "insight_generated" && m.data.insight_id === volume.insight_id);
    expect(pushed.topic).toBe("insights");

    // Nothing changed since: the same finding is not generated again.
    const again = await (await analyzeRoute.POST(request("/api/insights/analyze", cookie, "POST"))).json();
    expect(again.generated).toEqual([]);
    const listed = await (await insightsRoute.GET(request("/api/insights?type=trend", cookie))).json();
    expect(listed.items.map((i: { insight_id: string }) => i.insight_id)).toContain(volume.insight_id);
  });

  it("pushes dashboard metrics after jobs complete and answers the overview", async () => {
    const { server, cookie, client } = await boot();
    await process(server, client, cookie, "a.txt", "Short text about Vienna and its trams.");
    const metrics = await client.waitFor((m) => m.type === "dashboard_metrics_update" && m.data.total_processed === 1, { timeoutMs: 10_000 });
    expect(metrics.topic).toBe("metrics");
    expect(metrics.data).toMatchObject({ success_rate: 1, changes: { total_processed: 1 } });
    await client.waitFor((m) => m.type === "knowledge_item_created");
    const overview = await (await overviewRoute.GET(request("/api/insights/overview", cookie))).json();
    expect(overview.per_hour).toHaveLength(24);
    expect(overview.per_hour.reduce((sum: number, h: { completed: number }) => sum + h.completed, 0)).toBe(1);
    expect(overview.by_type).toEqual([{ type: "text", completed: 1, failed: 0 }]);
    expect(overview.metrics).toMatchObject({ total_processed: 1, knowledge_items: 1 });
  });

  it("reports the hive status on `system` and on request", async () => {
    const { server, cookie, client } = await boot();
    const pushed = await client.waitFor((m) => m.type === "hive_status_update");
    expect(pushed.data.metrics).toMatchObject({ total_agents: 5, active_agents: 0, pending_tasks: 0 });
    for (const agent of await server.registry.services.agents.list()) await server.registry.services.agents.pause(agent.agent_id);
    const hive = await (await hiveRoute.GET(request("/api/agents/hive", cookie))).json();
    expect(hive.status).toBe("critical");
    expect(hive.alerts).toContainEqual({ level: "critical", message: "Every agent is paused or in error: tasks cannot run" });
  });
});
