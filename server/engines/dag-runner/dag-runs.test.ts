// DAG runs end to end on the server: definitions validated at the edge, a diamond's event order and
// progress counts, retries then upstream failures, timeouts, cancel mid-run, the http_request host
// allow-list, real documents and notifications from steps, and a restart that interrupts a run.
import { mkdtempSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, afterEach, describe, expect, it } from "vitest";
import * as dagsRoute from "@/app/api/dags/route";
import * as dagRoute from "@/app/api/dags/[dag_id]/route";
import * as runsRoute from "@/app/api/dags/[dag_id]/runs/route";
import * as runRoute from "@/app/api/dag-runs/[run_id]/route";
import * as cancelRoute from "@/app/api/dag-runs/[run_id]/cancel/route";
import * as listRunsRoute from "@/app/api/dag-runs/route";
import { closeTestDatabases } from "../../storage/test-database";
import { startTestServer, type TestServer } from "../../testing/test-server";
import { routeParams as params, routeRequest as request } from "../../testing/route-request";
import { connect, type Message, type TestClient } from "../../testing/ws-client";

const running: TestServer[] = [];
const sockets: TestClient[] = [];

afterEach(async () => {
  for (const s of sockets.splice(0)) s.ws.terminate();
  for (const s of running.splice(0)) await s.close();
});
afterAll(closeTestDatabases);


async function boot(env: Record<string, string> = {}, reset = true) {
  const server = await startTestServer({ DAG_RETRY_BASE_MS: "20", ...env }, { reset });
  running.push(server);
  const { cookie, principal } = await server.signIn("planner@x.io");
  const client = await connect(server.wsUrl, { cookie });
  sockets.push(client);
  client.send({ type: "subscribe", ref: "w", topics: ["dags", "dag-runs:*", `user:${principal.id}`] });
  await client.waitFor((m) => m.type === "subscribed");
  return { server, cookie, client, userId: principal.id };
}

type StepInput = { step_id: string; depends_on?: string[]; operator: string; params: Record<string, unknown>; retries?: number; timeout_s?: number };

async function createDag(cookie: string, dag_id: string, steps: StepInput[]) {
  const res = await dagsRoute.POST(request("/api/dags", cookie, "POST", { dag_id, name: dag_id, steps }));
  expect(res.status).toBe(201);
  return res.json();
}

async function trigger(cookie: string, dagId: string, body: unknown = {}) {
  const res = await runsRoute.POST(request(`/api/dags/${dagId}/runs`, cookie, "POST", body), params({ dag_id: dagId }));
  expect(res.status).toBe(201);
  return (await res.json()) as { run_id: string; status: string; steps: { step_id: string; status: string }[] };
}

const runEvents = (client: TestClient, runId: string, type: string) => client.messages.filter((m) => m.topic === `dag-runs:${runId}` && m.type === type);
const stepTrail = (client: TestClient, runId: string, stepId: string) =>
  runEvents(client, runId, "step_status")
    .filter((m) => m.data.step_id === stepId)
    .map((m) => (m.data.retry_count > 0 && m.data.status === "pending" ? `pending(retry ${m.data.retry_count})` : m.data.status));
const finished = (client: TestClient, runId: string) =>
  client.waitFor((m: Message) => m.topic === `dag-runs:${runId}` && m.type === "dag_run_status" && ["success", "failed", "cancelled"].includes(m.data.status), { timeoutMs: 20_000 });

describe("definitions", () => {
  it("refuses cycles, unknown dependencies, unknown operators and bad params, saying where", async () => {
    const { cookie } = await boot();
    const post = async (steps: StepInput[]) => {
      const res = await dagsRoute.POST(request("/api/dags", cookie, "POST", { name: "bad", steps }));
      expect(res.status).toBe(400);
      return (await res.json()).error.issues as { path: string; message: string }[];
    };
    expect(
      await post([
        { step_id: "a", depends_on: ["b"], operator: "delay", params: { ms: 1 } },
        { step_id: "b", depends_on: ["a"], operator: "delay", params: { ms: 1 } },
      ]),
    ).toEqual([{ path: "steps", message: "dependency cycle: a -> b -> a" }]);
    expect(await post([{ step_id: "a", depends_on: ["ghost"], operator: "delay", params: { ms: 1 } }])).toEqual([
      { path: "steps.0.depends_on.0", message: 'unknown step "ghost"' },
    ]);
    const unknown = await post([{ step_id: "a", operator: "teleport", params: {} }]);
    expect(unknown[0]).toMatchObject({ path: "steps.0.operator" });
    expect(unknown[0]!.message).toMatch(/^unknown operator "teleport"; use one of delay, http_request/);
    const bad = await post([
      { step_id: "a", operator: "delay", params: { ms: "soon" } },
      { step_id: "b", operator: "http_request", params: { url: "not a url" } },
      { step_id: "c", operator: "notify", params: {} },
    ]);
    expect(bad.map((i) => i.path)).toEqual(["steps.0.params.ms", "steps.1.params.url", "steps.2.params.title"]);
  });

  it("seeds two example DAGs, edits one (dag_updated) and deletes it (dag_deleted)", async () => {
    const { cookie, client } = await boot();
    const listed = await (await dagsRoute.GET(request("/api/dags", cookie))).json();
    expect(listed.items.map((d: { dag_id: string }) => d.dag_id)).toEqual(["report-pipeline", "service-check"]);
    const res = await dagRoute.PUT(
      request("/api/dags/service-check", cookie, "PUT", { name: "Service check v2", steps: [{ step_id: "only", operator: "delay", params: { ms: 1 } }] }),
      params({ dag_id: "service-check" }),
    );
    expect(res.status).toBe(200);
    const updated = await client.waitFor((m) => m.type === "dag_updated" && m.topic === "dags");
    expect(updated.data).toMatchObject({ name: "Service check v2", version: 2, steps: [{ step_id: "only", retries: 0 }] });
    expect((await dagRoute.DELETE(request("/api/dags/service-check", cookie, "DELETE"), params({ dag_id: "service-check" }))).status).toBe(204);
    expect((await client.waitFor((m) => m.type === "dag_deleted")).data).toEqual({ dag_id: "service-check", version: 3 });
  });
});

describe("runs", () => {
  it("runs a diamond in dependency order with parallel branches and growing progress", async () => {
    const { cookie, client } = await boot();
    await createDag(cookie, "diamond", [
      { step_id: "a", operator: "delay", params: { ms: 10 } },
      { step_id: "b", depends_on: ["a"], operator: "delay", params: { ms: 150 } },
      { step_id: "c", depends_on: ["a"], operator: "delay", params: { ms: 30 } },
      { step_id: "d", depends_on: ["b", "c"], operator: "delay", params: { ms: 10 } },
    ]);
    const run = await trigger(cookie, "diamond");
    expect(run.status).toBe("queued");
    expect(run.steps.map((s) => s.status)).toEqual(["pending", "pending", "pending", "pending"]);
    const done = await finished(client, run.run_id);
    expect(done.data).toMatchObject({ status: "success", completed_steps: 4, completion_percentage: 100, failed_steps: 0 });
    expect(runEvents(client, run.run_id, "dag_run_status").map((m) => m.data.status)).toEqual(["queued", "running", "success"]);

    const order = runEvents(client, run.run_id, "step_status").map((m) => `${m.data.step_id}:${m.data.status}`);
    const at = (e: string) => order.indexOf(e);
    expect(at("a:success")).toBeLessThan(at("b:running"));
    expect(at("a:success")).toBeLessThan(at("c:running"));
    // b and c run side by side: c (shorter) starts before b ends and ends first.
    expect(at("c:running")).toBeLessThan(at("b:success"));
    expect(at("c:success")).toBeLessThan(at("b:success"));
    expect(at("b:success")).toBeLessThan(at("d:running"));
    expect(order.filter((e) => e.endsWith(":running"))).toHaveLength(4);

    const progress = runEvents(client, run.run_id, "dag_run_progress").map((m) => m.data.completed_steps as number);
    expect(progress).toEqual([...progress].sort((x, y) => x - y));
    expect(progress.at(-1)).toBe(4);
    expect(Math.max(...runEvents(client, run.run_id, "dag_run_progress").map((m) => m.data.running_steps as number))).toBe(2);
    const detail = await (await runRoute.GET(request(`/api/dag-runs/${run.run_id}`, cookie), params({ run_id: run.run_id }))).json();
    expect(detail.steps.every((s: { duration: number | null }) => typeof s.duration === "number")).toBe(true);
  });

  it("retries a failing step, then fails the run and marks every step below it upstream_failed", async () => {
    const { cookie, client, userId } = await boot();
    await createDag(cookie, "fragile", [
      { step_id: "flaky", operator: "fail", params: { message: "upstream timeout" }, retries: 2 },
      { step_id: "load", depends_on: ["flaky"], operator: "delay", params: { ms: 1 } },
      { step_id: "report", depends_on: ["load"], operator: "delay", params: { ms: 1 } },
      { step_id: "side", operator: "delay", params: { ms: 1 } },
    ]);
    const run = await trigger(cookie, "fragile");
    const done = await finished(client, run.run_id);
    expect(done.data).toMatchObject({ status: "failed", error: "step flaky failed", failed_steps: 3, completed_steps: 1 });
    expect(stepTrail(client, run.run_id, "flaky")).toEqual(["running", "pending(retry 1)", "running", "pending(retry 2)", "running", "failed"]);
    expect(stepTrail(client, run.run_id, "load")).toEqual(["upstream_failed"]);
    expect(stepTrail(client, run.run_id, "report")).toEqual(["upstream_failed"]);
    expect(stepTrail(client, run.run_id, "side")).toEqual(["running", "success"]);
    const last = runEvents(client, run.run_id, "step_status").filter((m) => m.data.step_id === "flaky").at(-1)!;
    expect(last.data).toMatchObject({ retry_count: 2, error: "upstream timeout" });
    // The owner hears about it.
    const bell = await client.waitFor((m) => m.topic === `user:${userId}` && m.type === "notification");
    expect(bell.data).toMatchObject({ title: "fragile run failed", level: "error", link: `/dags/fragile/runs/${run.run_id}` });
  });

  it("times a step out", async () => {
    const { cookie, client } = await boot();
    await createDag(cookie, "slow", [{ step_id: "wait", operator: "delay", params: { ms: 10_000 }, timeout_s: 0.2 }]);
    const run = await trigger(cookie, "slow");
    const done = await finished(client, run.run_id);
    expect(done.data.status).toBe("failed");
    expect(runEvents(client, run.run_id, "step_status").at(-1)!.data).toMatchObject({ status: "failed", error: "timed out after 0.2 s" });
  });

  it("cancels a run mid-way: the running step stops and the rest are skipped", async () => {
    const { server, cookie, client } = await boot();
    await createDag(cookie, "long", [
      { step_id: "first", operator: "delay", params: { ms: 10 } },
      { step_id: "long_wait", depends_on: ["first"], operator: "delay", params: { ms: 60_000 } },
      { step_id: "after", depends_on: ["long_wait"], operator: "delay", params: { ms: 10 } },
    ]);
    const run = await trigger(cookie, "long");
    await client.waitFor((m) => m.type === "step_status" && m.topic === `dag-runs:${run.run_id}` && m.data.step_id === "long_wait" && m.data.status === "running");
    const res = await cancelRoute.POST(request(`/api/dag-runs/${run.run_id}/cancel`, cookie, "POST"), params({ run_id: run.run_id }));
    expect(res.status).toBe(200);
    const body = await res.json();
    expect(body).toMatchObject({ status: "cancelled", error: "cancelled by planner@x.io" });
    expect(body.steps.map((s: { step_id: string; status: string }) => `${s.step_id}:${s.status}`)).toEqual(["first:success", "long_wait:skipped", "after:skipped"]);
    // The runner lets go of it at once (the minute-long delay was aborted), and nothing changes after.
    await waitUntil(() => server.registry.engines.dagRunner.figures().active === 0);
    const again = await (await runRoute.GET(request(`/api/dag-runs/${run.run_id}`, cookie), params({ run_id: run.run_id }))).json();
    expect(again.status).toBe("cancelled");
    expect((await cancelRoute.POST(request(`/api/dag-runs/${run.run_id}/cancel`, cookie, "POST"), params({ run_id: run.run_id }))).status).toBe(409);
  });

  it("refuses an http_request to a host that is not allowed, without retrying", async () => {
    const { cookie, client } = await boot();
    await createDag(cookie, "outside", [{ step_id: "call", operator: "http_request", params: { url: "http://203.0.113.7/api" }, retries: 3 }]);
    const run = await trigger(cookie, "outside");
    await finished(client, run.run_id);
    expect(stepTrail(client, run.run_id, "call")).toEqual(["running", "failed"]);
    expect(runEvents(client, run.run_id, "step_status").at(-1)!.data.error).toBe(
      "host 203.0.113.7 is not allowed; add it to DAG_HTTP_ALLOW (allowed: 127.0.0.1, localhost, ::1)",
    );
  });

  it("calls an allowed host and checks the status; fills {{params}} from the trigger", async () => {
    const { server, cookie, client } = await boot();
    // POST /api/events without a key: the custom server itself answers 401 (tests run without Next).
    await createDag(cookie, "ping", [{ step_id: "call", operator: "http_request", params: { method: "POST", url: "{{params.base}}/api/events", expected_status: 401 } }]);
    const ok = await trigger(cookie, "ping", { params: { base: server.url } });
    expect((await finished(client, ok.run_id)).data.status).toBe("success");
    await createDag(cookie, "ping-wrong", [{ step_id: "call", operator: "http_request", params: { method: "POST", url: `${server.url}/api/events`, expected_status: 202 } }]);
    const wrong = await trigger(cookie, "ping-wrong");
    await finished(client, wrong.run_id);
    expect(runEvents(client, wrong.run_id, "step_status").at(-1)!.data.error).toBe(`POST ${server.url}/api/events answered 401, expected 202`);
  });

  it("processes a real document and notifies the owner from steps", async () => {
    const { server, cookie, client, userId } = await boot();
    await createDag(cookie, "docs", [
      { step_id: "process", operator: "process_file", params: { filename: "memo.txt", content: "Globex opened an office in Oslo. Ingrid Berg leads it." } },
      { step_id: "tell", depends_on: ["process"], operator: "notify", params: { title: "Memo processed", level: "success" } },
    ]);
    const run = await trigger(cookie, "docs");
    expect((await finished(client, run.run_id)).data.status).toBe("success");
    const jobs = await server.registry.services.jobs.list({ limit: 10 });
    const job = jobs.items.find((j) => j.run_id === run.run_id)!;
    expect(job).toMatchObject({ filename: "memo.txt", status: "completed" });
    expect(job.result?.entities.map((e) => e.text)).toContain("Oslo");
    // The run's notification follows its status event (with the Redis bus it may arrive just after).
    await client.waitFor((m) => m.topic === `user:${userId}` && m.type === "notification" && m.data.title === "docs run succeeded");
    const notes = client.messages.filter((m) => m.topic === `user:${userId}` && m.type === "notification").map((m) => m.data.title);
    expect(notes).toEqual(expect.arrayContaining(["Memo processed", "docs run succeeded"]));
    const listed = await (await listRunsRoute.GET(request("/api/dag-runs?dag_id=docs", cookie))).json();
    expect(listed.items.map((r: { run_id: string }) => r.run_id)).toEqual([run.run_id]);
    expect(listed.items[0].steps.map((s: { status: string }) => s.status)).toEqual(["success", "success"]);
  });

  it("fails a run a restart interrupted, saying so, and runs queued ones after the restart", async () => {
    const dataDir = mkdtempSync(path.join(os.tmpdir(), "switchboard-dag-restart-"));
    const first = await boot({ DATA_DIR: dataDir });
    await createDag(first.cookie, "nightly", [{ step_id: "wait", operator: "delay", params: { ms: 60_000 } }]);
    const run = await trigger(first.cookie, "nightly");
    await first.client.waitFor((m) => m.type === "step_status" && m.data.run_id === run.run_id && m.data.status === "running");
    await first.server.close();
    running.splice(running.indexOf(first.server), 1);

    const second = await boot({ DATA_DIR: dataDir }, false);
    const detail = await (await runRoute.GET(request(`/api/dag-runs/${run.run_id}`, second.cookie), params({ run_id: run.run_id }))).json();
    expect(detail).toMatchObject({ status: "failed", error: "interrupted: the server running it stopped; trigger it again" });
    expect(detail.steps[0]).toMatchObject({ status: "failed", error: "interrupted: the server running it stopped; trigger it again" });
  });
});

async function waitUntil(condition: () => boolean, timeoutMs = 5_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error("condition not met in time");
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}
