// Agents and tasks end to end on the server: a job's steps run as tasks on agents, a paused agent's
// task moves to another, a task no agent can take waits and says why, failures retry, learning
// cycles recompute proficiency. Events are watched on a `ws` client; routes are called as Next calls them.
import { afterAll, afterEach, describe, expect, it } from "vitest";
import * as jobsRoute from "@/app/api/jobs/route";
import * as tasksRoute from "@/app/api/tasks/route";
import * as cancelTaskRoute from "@/app/api/tasks/[task_id]/cancel/route";
import * as pauseRoute from "@/app/api/agents/[agent_id]/pause/route";
import * as resumeRoute from "@/app/api/agents/[agent_id]/resume/route";
import * as agentsRoute from "@/app/api/agents/route";
import { closeTestDatabases } from "../../storage/test-database";
import { startTestServer, type TestServer } from "../../testing/test-server";
import { formRequest, routeParams as params, routeRequest as jsonRequest } from "../../testing/route-request";
import { connect, type Message, type TestClient } from "../../testing/ws-client";
import { runLearningCycle } from "./learning-cycle";

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
  const { cookie } = await server.signIn("operator@x.io");
  return { server, cookie };
}

async function watch(server: TestServer, cookie: string, topics: string[]) {
  const client = await connect(server.wsUrl, { cookie });
  sockets.push(client);
  client.send({ type: "subscribe", ref: "w", topics });
  await client.waitFor((m) => m.type === "subscribed");
  return client;
}


function upload(cookie: string, name: string, content: string) {
  const form = new FormData();
  form.set("file", new File([content], name));
  return jobsRoute.POST(formRequest("/api/jobs", cookie, form));
}

const taskEvents = (client: TestClient, taskId: string) => client.messages.filter((m) => m.topic === "tasks" && m.data?.task_id === taskId);
const DOCUMENT = "Acme Corporation opened an office in Lisbon. The office will hire forty engineers. Maria Costa leads the team from March.";

describe("a job's steps run as tasks on agents", () => {
  it("gives each step to the best capable agent, with the full task and agent event sequence", async () => {
    const { server, cookie } = await boot();
    const client = await watch(server, cookie, ["tasks", "agents", "jobs"]);
    const job = (await (await upload(cookie, "lisbon.txt", DOCUMENT)).json()) as { job_id: string };
    await client.waitFor((m) => m.type === "processing_job_completed" && m.data.job_id === job.job_id, { timeoutMs: 15_000 });

    const stepTasks = client.messages.filter((m) => m.type === "task_created" && m.data.job_id === job.job_id).map((m) => m.data);
    expect(stepTasks.map((t) => t.type)).toEqual(["text_extraction", "summarization", "entity_extraction", "insight_extraction"]);
    const agents = (await (await agentsRoute.GET(jsonRequest("/api/agents", cookie))).json()).items as { agent_id: string; name: string; capabilities: { name: string; proficiency: number }[] }[];
    const expectedAgent: Record<string, string> = { text_extraction: "Extractor", summarization: "Summariser", entity_extraction: "Entity Spotter", insight_extraction: "Analyst" };
    for (const task of stepTasks) {
      const sequence = taskEvents(client, task.task_id).map((m) => m.type);
      expect(sequence).toEqual(["task_created", "task_assigned", "task_started", "task_completed"]);
      const assigned = taskEvents(client, task.task_id).find((m) => m.type === "task_assigned")!.data;
      const agent = agents.find((a) => a.agent_id === assigned.agent_id)!;
      expect(agent.name).toBe(expectedAgent[task.type]);
      const capability = task.required_capabilities[0].name as string;
      const proficiency = agent.capabilities.find((c) => c.name === capability)!.proficiency.toFixed(2);
      expect(assigned.assignment_reason.startsWith(`${agent.name}: ${capability} ${proficiency} ≥ 0.50; best of `)).toBe(true);
      // The agent went to work on it, reported it done, and went back to idle.
      const agentEvents = client.messages.filter((m) => m.topic === "agents" && m.data.agent_id === agent.agent_id);
      const working = agentEvents.findIndex((m) => m.type === "agent_status_update" && m.data.status === "working" && m.data.current_task === task.task_id);
      const done = agentEvents.findIndex((m) => m.type === "agent_task_completed" && m.data.task_id === task.task_id);
      const idle = agentEvents.findIndex((m, i) => i > done && m.type === "agent_status_update" && m.data.status === "idle");
      expect(working).toBeGreaterThanOrEqual(0);
      expect(done).toBeGreaterThan(working);
      expect(idle).toBeGreaterThan(done);
    }
    // Performance comes from the real history: the summariser completed one task.
    const summariser = (await server.registry.services.agents.list()).find((a) => a.name === "Summariser")!;
    expect(summariser.performance.tasks_completed).toBe(1);
    expect(summariser.performance.success_rate).toBe(1);
  });

  it("fails the job when a step fails for a reason a retry cannot fix, and the agent reports the error", async () => {
    const { server, cookie } = await boot();
    const client = await watch(server, cookie, ["tasks", "agents", "jobs"]);
    const job = (await (await upload(cookie, "broken.json", "{ not json")).json()) as { job_id: string };
    const failed = await client.waitFor((m) => m.type === "processing_job_failed" && m.data.job_id === job.job_id, { timeoutMs: 15_000 });
    expect(failed.data.error).toMatch(/JSON/i);
    const taskFailed = client.messages.find((m) => m.type === "task_failed" && m.data.job_id === job.job_id)!;
    expect(taskFailed.data).toMatchObject({ retry_scheduled: false, next_retry_at: null, error: { code: "invalid_json" } });
    const agentError = client.messages.find((m) => m.type === "agent_error" && m.data.affected_jobs.includes(job.job_id))!;
    expect(agentError.data).toMatchObject({ agent_id: taskFailed.data.agent_id, can_retry: false });
  });
});

describe("tasks created directly", () => {
  it("runs a task from the API on a capable agent and stores its result", async () => {
    const { server, cookie } = await boot();
    const client = await watch(server, cookie, ["tasks"]);
    const res = await tasksRoute.POST(jsonRequest("/api/tasks", cookie, "POST", { description: DOCUMENT, type: "entity_extraction", priority: 8, client_mutation_id: "m-1" }));
    expect(res.status).toBe(201);
    const task = await res.json();
    expect(task).toMatchObject({ status: "pending", priority: 8, client_mutation_id: "m-1", required_capabilities: [{ name: "entity_recognition", min_proficiency: 0.5 }] });
    const done = await client.waitFor((m) => m.type === "task_completed" && m.data.task_id === task.task_id, { timeoutMs: 10_000 });
    expect(done.data.result.entities.map((e: { text: string }) => e.text)).toEqual(expect.arrayContaining(["Acme Corporation", "Lisbon"]));
    expect(done.data.progress).toBe(1);
  });

  it("keeps a task no agent can take pending and says why, until an agent that can is added", async () => {
    const { server, cookie } = await boot();
    const client = await watch(server, cookie, ["tasks"]);
    const task = await (
      await tasksRoute.POST(jsonRequest("/api/tasks", cookie, "POST", { description: "Bonjour", type: "summarization", required_capabilities: [{ name: "translation", min_proficiency: 0.7 }] }))
    ).json();
    const waiting = await client.waitFor((m) => m.type === "task_progress" && m.data.task_id === task.task_id);
    expect(waiting.data).toMatchObject({ status: "pending", agent_id: null, assignment_reason: "no agent has the translation capability" });

    const added = await agentsRoute.POST(
      jsonRequest("/api/agents", cookie, "POST", { name: "Polyglot", type: "translation", capabilities: [{ name: "translation", proficiency: 0.8 }] }),
    );
    expect(added.status).toBe(201);
    const polyglot = await added.json();
    const assigned = await client.waitFor((m) => m.type === "task_assigned" && m.data.task_id === task.task_id, { timeoutMs: 10_000 });
    expect(assigned.data.agent_id).toBe(polyglot.agent_id);
    expect(assigned.data.assignment_reason).toBe("Polyglot: translation 0.80 ≥ 0.70; the only idle agent able to take it");
    await client.waitFor((m) => m.type === "task_completed" && m.data.task_id === task.task_id, { timeoutMs: 10_000 });
  });

  it("rejects an invalid task with the field problems", async () => {
    const { cookie } = await boot();
    const res = await tasksRoute.POST(jsonRequest("/api/tasks", cookie, "POST", { description: " ", type: "dance", priority: 11, required_capabilities: [{ name: "Bad Name!" }] }));
    expect(res.status).toBe(400);
    const body = await res.json();
    expect(body.error.issues.map((i: { path: string }) => i.path).sort()).toEqual(["description", "priority", "required_capabilities.0.name", "type"]);
  });

  it("cancels a running task: the agent stops and is free again", async () => {
    const { server, cookie } = await boot({ JOB_STEP_DELAY_MS: "5000" });
    const client = await watch(server, cookie, ["tasks", "agents"]);
    const task = await (await tasksRoute.POST(jsonRequest("/api/tasks", cookie, "POST", { description: DOCUMENT, type: "summarization" }))).json();
    const started = await client.waitFor((m) => m.type === "task_started" && m.data.task_id === task.task_id);
    const res = await cancelTaskRoute.POST(jsonRequest(`/api/tasks/${task.task_id}/cancel`, cookie, "POST"), params({ task_id: task.task_id }));
    expect(res.status).toBe(200);
    expect((await res.json()).status).toBe("cancelled");
    await client.waitFor((m) => m.type === "agent_status_update" && m.data.agent_id === started.data.agent_id && m.data.status === "idle");
    expect(taskEvents(client, task.task_id).some((m) => m.type === "task_completed")).toBe(false);
    const again = await cancelTaskRoute.POST(jsonRequest(`/api/tasks/${task.task_id}/cancel`, cookie, "POST"), params({ task_id: task.task_id }));
    expect(again.status).toBe(409);
  });

  it("schedules a retry after an unexpected failure and succeeds on the next attempt", async () => {
    const { server, cookie } = await boot({ TASK_RETRY_BASE_MS: "100" });
    const client = await watch(server, cookie, ["tasks"]);
    let calls = 0;
    const outcome = server.registry.engines.agentScheduler.run({ description: "flaky", type: "summarization" }, async () => {
      calls += 1;
      if (calls === 1) throw new Error("the model timed out");
      return { result: { ok: true }, value: "done" };
    });
    const failed = await client.waitFor((m) => m.type === "task_failed");
    expect(failed.data).toMatchObject({ status: "failed", retry_scheduled: true, attempt_number: 1, error: { code: "agent_failure", message: "the model timed out" } });
    expect(Date.parse(failed.data.next_retry_at)).toBeGreaterThan(Date.parse(failed.ts));
    const result = await outcome;
    expect(result).toMatchObject({ status: "completed", value: "done", task: { attempt_number: 2, status: "completed" } });
    await client.waitFor((m) => m.type === "task_completed" && m.data.task_id === failed.data.task_id);
    const retried = taskEvents(client, failed.data.task_id).map((m) => `${m.type}:${m.data.attempt_number}`);
    expect(retried).toEqual(["task_created:1", "task_assigned:1", "task_started:1", "task_failed:1", "task_assigned:2", "task_started:2", "task_completed:2"]);
  });
});

describe("pausing and resuming agents", () => {
  it("moves the work of a paused agent to another capable agent", async () => {
    const { server, cookie } = await boot({ JOB_STEP_DELAY_MS: "1500" });
    const client = await watch(server, cookie, ["tasks", "agents"]);
    const task = await (await tasksRoute.POST(jsonRequest("/api/tasks", cookie, "POST", { description: DOCUMENT, type: "summarization" }))).json();
    const started = await client.waitFor((m) => m.type === "task_started" && m.data.task_id === task.task_id);
    const first = started.data.agent_id as string;

    const res = await pauseRoute.POST(jsonRequest(`/api/agents/${first}/pause`, cookie, "POST", {}), params({ agent_id: first }));
    expect(res.status).toBe(200);
    const changed = await client.waitFor((m) => m.type === "agent_status_changed" && m.data.agent_id === first);
    expect(changed.data).toMatchObject({ old_status: "working", new_status: "paused", status: "paused", current_task: null, reason: "paused by operator@x.io" });

    const moved = await client.waitFor((m) => m.type === "task_progress" && m.data.task_id === task.task_id && m.data.status === "pending");
    expect(moved.data.assignment_reason).toMatch(/^.+ was paused; moved back to the queue$/);
    const reassigned = await client.waitFor((m) => m.type === "task_assigned" && m.data.task_id === task.task_id && m.data.agent_id !== first);
    expect(reassigned.data.attempt_number).toBe(1);
    await client.waitFor((m) => m.type === "task_completed" && m.data.task_id === task.task_id, { timeoutMs: 10_000 });
    expect((await server.registry.services.agents.get(first)).status).toBe("paused");

    const resumed = await resumeRoute.POST(jsonRequest(`/api/agents/${first}/resume`, cookie, "POST", {}), params({ agent_id: first }));
    expect(await resumed.json()).toMatchObject({ status: "idle" });
    const twice = await resumeRoute.POST(jsonRequest(`/api/agents/${first}/resume`, cookie, "POST", {}), params({ agent_id: first }));
    expect(twice.status).toBe(409);
  });
});

describe("learning cycles", () => {
  it("recomputes proficiency from the agent's history and announces it", async () => {
    const { server, cookie } = await boot();
    const client = await watch(server, cookie, ["agents", "tasks"]);
    const agents = server.registry.services.agents;
    const [summariser] = (await agents.list()).filter((a) => a.name === "Summariser");
    // Only the summariser may take these: every other agent is paused.
    for (const a of await agents.list()) if (a.agent_id !== summariser!.agent_id) await agents.pause(a.agent_id);
    for (let i = 0; i < 3; i++) {
      const task = await server.registry.services.tasks.create({ description: `${DOCUMENT} (${i})`, type: "summarization" });
      await client.waitFor((m) => m.type === "task_completed" && m.data.task_id === task.task_id, { timeoutMs: 10_000 });
    }
    expect(await runLearningCycle(agents)).toBe(1);
    const started = await client.waitFor((m) => m.type === "learning_cycle_started");
    expect(started.data).toMatchObject({ agent_id: summariser!.agent_id, target_capability: "summarization" });
    const completed = await client.waitFor((m: Message) => m.type === "learning_cycle_completed");
    // Three successes at the only agent's speed: evidence 1, so 0.9 + 0.2 * (1 - 0.9) = 0.92.
    expect(completed.data.improvements).toEqual({ summarization: { old_value: 0.9, new_value: 0.92, improvement: 0.02 } });
    const updated = await client.waitFor((m) => m.type === "agent_performance_updated" && m.data.agent_id === summariser!.agent_id);
    expect(updated.data.capabilities.find((c: { name: string }) => c.name === "summarization").proficiency).toBe(0.92);
    expect(updated.data.performance.tasks_completed).toBe(3);
    // Nothing new since: the next cycle reviews nobody.
    expect(await runLearningCycle(agents)).toBe(0);
  });
});
