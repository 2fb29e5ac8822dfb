// Jobs end to end on the server: upload through the route handler, watch the events on a `ws`
// client, failures and retry, cancel mid-way, a restart mid-job, listing, deletion, notifications.
import { mkdtempSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, afterEach, describe, expect, it } from "vitest";
import * as jobRoute from "@/app/api/jobs/[job_id]/route";
import * as cancelRoute from "@/app/api/jobs/[job_id]/cancel/route";
import * as retryRoute from "@/app/api/jobs/[job_id]/retry/route";
import * as jobsRoute from "@/app/api/jobs/route";
import * as notificationsRoute from "@/app/api/notifications/route";
import * as readRoute from "@/app/api/notifications/[id]/read/route";
import * as readAllRoute from "@/app/api/notifications/read-all/route";
import { closeTestDatabases } from "../../storage/test-database";
import { startTestServer, type TestServer } from "../../testing/test-server";
import { connect, type Message, type TestClient } from "../../testing/ws-client";

const running: TestServer[] = [];
const sockets: TestClient[] = [];

afterEach(async () => {
  for (const s of sockets.splice(0)) s.ws.terminate();
  for (const s of running.splice(0)) await s.close();
});
afterAll(closeTestDatabases);

async function boot(env: Record<string, string> = {}, reset = true) {
  const server = await startTestServer(env, { reset });
  running.push(server);
  const { cookie, principal } = await server.signIn("owner@x.io");
  return { server, cookie, principal };
}

async function watch(server: TestServer, cookie: string, topics: string[]) {
  const client = await connect(server.wsUrl, { cookie });
  sockets.push(client);
  client.send({ type: "subscribe", ref: "w", topics });
  await client.waitFor((m) => m.type === "subscribed");
  return client;
}

function upload(cookie: string, name: string, content: string | Uint8Array<ArrayBuffer>, cmid?: string) {
  const form = new FormData();
  form.set("file", new File([content], name));
  if (cmid) form.set("client_mutation_id", cmid);
  return jobsRoute.POST(new Request("http://127.0.0.1:3000/api/jobs", { method: "POST", body: form, headers: { cookie, host: "127.0.0.1:3000" } }));
}

const req = (url: string, cookie: string, method = "GET") => new Request(`http://127.0.0.1:3000${url}`, { method, headers: { cookie, host: "127.0.0.1:3000" } });
const params = <T extends object>(p: T) => ({ params: Promise.resolve(p) });
const jobEvents = (c: TestClient, jobId: string) => c.messages.filter((m: Message) => m.topic === `jobs:${jobId}`);

const TEXT = [
  "Marie Curie was a physicist and chemist who conducted pioneering research on radioactivity.",
  "She was the first woman to win a Nobel Prize and worked at the University of Paris.",
  "Her research on radioactivity changed physics and chemistry.",
  "The weather in Paris was mild that year.",
].join(" ");

describe("processing a job", () => {
  it("goes created -> processing steps with growing progress and versions -> completed with a summary, and notifies the owner", async () => {
    const { server, cookie, principal } = await boot();
    const client = await watch(server, cookie, ["jobs:*", `user:${principal.id}`]);
    const res = await upload(cookie, "curie.txt", TEXT, "cm-1");
    expect(res.status).toBe(201);
    const job = await res.json();
    expect(job).toMatchObject({ status: "queued", filename: "curie.txt", type: "text", client_mutation_id: "cm-1", version: 1 });

    const completed = await client.waitFor((m) => m.type === "processing_job_completed" && m.data.job_id === job.job_id);
    const events = jobEvents(client, job.job_id);
    expect(events[0]).toMatchObject({ type: "processing_job_created", data: { client_mutation_id: "cm-1" } });
    const versions = events.map((e) => e.data.version);
    expect(versions).toEqual([...versions].sort((a, b) => a - b));
    expect(new Set(versions).size).toBe(versions.length);
    const steps = events.filter((e) => e.type === "processing_job_status" && e.data.current_step).map((e) => e.data.current_step);
    expect(steps).toEqual(["text_extraction", "summarization", "entity_extraction", "insight_extraction"]);
    const progress = events.map((e) => e.data.progress);
    expect(progress).toEqual([...progress].sort((a, b) => a - b));
    expect(completed.data.progress).toBe(100);
    expect(completed.data.result.summary).toContain("radioactivity");
    expect(completed.data.result.extracted_text).toContain("Marie Curie");
    expect(completed.data.result.entities).toEqual(expect.arrayContaining([expect.objectContaining({ text: "Marie Curie", type: "person" })]));
    expect(completed.data.result.insights.length).toBeGreaterThan(0);

    const note = await client.waitFor((m) => m.type === "notification");
    expect(note.data).toMatchObject({ user_id: principal.id, level: "success", link: `/jobs/${job.job_id}`, read_at: null });
  });

  it("ends a broken file failed with a clear error; a retry counts and runs it again", async () => {
    const { server, cookie } = await boot();
    const client = await watch(server, cookie, ["jobs:*"]);
    const job = await (await upload(cookie, "broken.pdf", new Uint8Array([37, 80, 68, 70, 45, 49, 46, 55, 10, 0, 1, 2, 3]))).json();
    const failed = await client.waitFor((m) => m.type === "processing_job_failed" && m.data.job_id === job.job_id);
    expect(failed.data.error).toMatch(/PDF/);
    expect(failed.data.can_retry).toBe(true);

    const retried = await retryRoute.POST(req(`/api/jobs/${job.job_id}/retry`, cookie, "POST"), params({ job_id: job.job_id }));
    expect(retried.status).toBe(200);
    expect(await retried.json()).toMatchObject({ status: "queued", retry_count: 1 });
    const from = client.messages.length;
    const again = await client.waitFor((m) => m.type === "processing_job_failed" && m.data.job_id === job.job_id, { from });
    expect(again.data.retry_count).toBe(1);
    const conflict = await cancelRoute.POST(req(`/api/jobs/${job.job_id}/cancel`, cookie, "POST"), params({ job_id: job.job_id }));
    expect(conflict.status).toBe(409);
  });

  it("fails an unsupported file with a message that names the supported types", async () => {
    const { server, cookie } = await boot();
    const client = await watch(server, cookie, ["jobs:*"]);
    const job = await (await upload(cookie, "photo.bmp", "BM....")).json();
    const failed = await client.waitFor((m) => m.type === "processing_job_failed" && m.data.job_id === job.job_id);
    expect(failed.data.error).toMatch(/unsupported file type.*txt/);
  });

  it("cancels mid-way: the worker stops at its next step and the job stays cancelled", async () => {
    const { server, cookie } = await boot({ JOB_STEP_DELAY_MS: "250" });
    const client = await watch(server, cookie, ["jobs:*"]);
    const job = await (await upload(cookie, "slow.txt", TEXT)).json();
    await client.waitFor((m) => m.data?.job_id === job.job_id && m.data.current_step === "summarization");
    const res = await cancelRoute.POST(req(`/api/jobs/${job.job_id}/cancel`, cookie, "POST"), params({ job_id: job.job_id }));
    expect(await res.json()).toMatchObject({ status: "cancelled", can_retry: true });
    await client.waitFor((m) => m.type === "processing_job_cancelled");
    // Wait until the worker has let go of the job, then check nothing moved it on.
    await expect.poll(() => server.registry.engines.jobProcessor.figures().busy, { timeout: 5_000 }).toBe(0);
    const after = jobEvents(client, job.job_id).slice(-1)[0]!;
    expect(after.type).toBe("processing_job_cancelled");
    expect((await server.registry.services.jobs.get(job.job_id)).status).toBe("cancelled");
  });

  it("finishes a job after a restart that interrupted it, with its retry count grown", async () => {
    const dataDir = mkdtempSync(path.join(os.tmpdir(), "switchboard-restart-"));
    const first = await boot({ JOB_STEP_DELAY_MS: "400", DATA_DIR: dataDir });
    const client = await watch(first.server, first.cookie, ["jobs:*"]);
    const job = await (await upload(first.cookie, "restart.txt", TEXT)).json();
    await client.waitFor((m) => m.data?.job_id === job.job_id && m.data.current_step === "text_extraction");
    await first.server.close();
    running.splice(running.indexOf(first.server), 1);

    const second = await boot({ DATA_DIR: dataDir }, false);
    const again = await watch(second.server, second.cookie, ["jobs:*"]);
    const done = await again.waitFor((m) => m.type === "processing_job_completed" && m.data.job_id === job.job_id);
    expect(done.data.retry_count).toBe(1);
    expect(done.data.result.summary.length).toBeGreaterThan(0);
  });
});

describe("jobs routes", () => {
  it("refuses a file over the limit with 413 and a request without a file with 400", async () => {
    const { cookie } = await boot({ MAX_UPLOAD_BYTES: "2048" });
    const big = await upload(cookie, "big.txt", "x".repeat(4096));
    expect(big.status).toBe(413);
    expect((await big.json()).error.code).toBe("file_too_large");
    const form = new FormData();
    form.set("other", "x");
    const none = await jobsRoute.POST(new Request("http://127.0.0.1:3000/api/jobs", { method: "POST", body: form, headers: { cookie, host: "127.0.0.1:3000" } }));
    expect(none.status).toBe(400);
    expect((await none.json()).error.issues[0].path).toBe("file");
  });

  it("lists newest first with filters and a cursor, and deletes a finished job (not a processing one)", async () => {
    const { server, cookie } = await boot({ JOB_STEP_DELAY_MS: "300" });
    const client = await watch(server, cookie, ["jobs:*"]);
    const ids: string[] = [];
    for (const name of ["a.txt", "b.md", "c.txt"]) ids.push((await (await upload(cookie, name, TEXT)).json()).job_id);
    const page1 = await (await jobsRoute.GET(req("/api/jobs?limit=2", cookie))).json();
    expect(page1.items.map((j: { job_id: string }) => j.job_id)).toEqual([ids[2], ids[1]]);
    const page2 = await (await jobsRoute.GET(req(`/api/jobs?limit=2&cursor=${page1.next_cursor}`, cookie))).json();
    expect(page2).toMatchObject({ items: [{ job_id: ids[0] }], next_cursor: null });
    const markdown = await (await jobsRoute.GET(req("/api/jobs?type=markdown", cookie))).json();
    expect(markdown.items.map((j: { filename: string }) => j.filename)).toEqual(["b.md"]);
    const bad = await jobsRoute.GET(req("/api/jobs?status=exploded", cookie));
    expect(bad.status).toBe(400);

    await client.waitFor((m) => m.data?.job_id === ids[0] && m.data.status === "processing");
    expect((await jobRoute.DELETE(req(`/api/jobs/${ids[0]}`, cookie, "DELETE"), params({ job_id: ids[0]! }))).status).toBe(409);
    await client.waitFor((m) => m.type === "processing_job_completed" && m.data.job_id === ids[0]);
    expect((await jobRoute.DELETE(req(`/api/jobs/${ids[0]}`, cookie, "DELETE"), params({ job_id: ids[0]! }))).status).toBe(204);
    await client.waitFor((m) => m.type === "processing_job_deleted" && m.data.job_id === ids[0]);
    expect((await jobRoute.GET(req(`/api/jobs/${ids[0]}`, cookie), params({ job_id: ids[0]! }))).status).toBe(404);
  });
});

describe("notifications", () => {
  it("lists the owner's notifications and tells every socket of the user when they are read", async () => {
    const { server, cookie, principal } = await boot();
    const tabA = await watch(server, cookie, [`user:${principal.id}`]);
    const tabB = await watch(server, cookie, [`user:${principal.id}`]);
    await upload(cookie, "one.txt", TEXT);
    await upload(cookie, "two.txt", TEXT);
    await tabA.waitFor((m) => m.type === "notification" && m.data.title.startsWith("two.txt"));
    await tabA.waitFor((m) => m.type === "notification" && m.data.title.startsWith("one.txt"));
    const list = await (await notificationsRoute.GET(req("/api/notifications", cookie))).json();
    expect(list.unread_count).toBe(2);
    expect(list.items).toHaveLength(2);

    const first = list.items[0];
    const read = await readRoute.POST(req(`/api/notifications/${first.id}/read`, cookie, "POST"), params({ id: first.id }));
    expect((await read.json()).read_at).not.toBeNull();
    for (const tab of [tabA, tabB]) expect((await tab.waitFor((m) => m.type === "notification_read")).data).toMatchObject({ ids: [first.id], all: false });

    const all = await (await readAllRoute.POST(req("/api/notifications/read-all", cookie, "POST"))).json();
    expect(all.count).toBe(1);
    await tabB.waitFor((m) => m.type === "notification_read" && m.data.all === true);
    expect((await (await notificationsRoute.GET(req("/api/notifications?unread=true", cookie))).json()).unread_count).toBe(0);

    const { cookie: otherCookie } = await server.signIn("other@x.io");
    const foreign = await readRoute.POST(req(`/api/notifications/${first.id}/read`, otherCookie, "POST"), params({ id: first.id }));
    expect(foreign.status).toBe(404);
  });
});
