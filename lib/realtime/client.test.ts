// Realtime client against an in-process fake hub (a real ws server speaking the protocol).
import { afterEach, describe, expect, it, vi } from "vitest";
import { WebSocket } from "ws";
import type { SubscribeCommand } from "@/lib/protocol/commands";
import { createRealtimeClient, type RealtimeClient, type RealtimeClientOptions, type StatusSnapshot } from "./client";
import { startFakeHub, type FakeHub } from "./testing/fake-hub";
import { makeJob, makeTask } from "./testing/fixtures";

class FakeDocument extends EventTarget {
  visibilityState: DocumentVisibilityState = "visible";
  show() {
    this.visibilityState = "visible";
    this.dispatchEvent(new Event("visibilitychange"));
  }
}

interface Setup {
  hub: FakeHub;
  client: RealtimeClient;
  doc: FakeDocument;
  win: EventTarget;
  nav: { onLine: boolean };
  warn: ReturnType<typeof vi.fn>;
  statuses: StatusSnapshot[];
}

const cleanups: (() => Promise<void> | void)[] = [];
afterEach(async () => {
  while (cleanups.length) await cleanups.pop()!();
});

async function setup(options: Partial<RealtimeClientOptions> = {}, hubEpoch = "epoch-1"): Promise<Setup> {
  const hub = await startFakeHub({ epoch: hubEpoch });
  const doc = new FakeDocument();
  const win = new EventTarget();
  const nav = { onLine: true };
  const warn = vi.fn();
  const client = createRealtimeClient({
    url: hub.url,
    WebSocket,
    minReconnectionDelay: 5,
    maxReconnectionDelay: 20,
    jitter: 0,
    logger: { warn },
    environment: { document: doc as unknown as Document, window: win as unknown as Window, navigator: nav },
    ...options,
  });
  const statuses: StatusSnapshot[] = [];
  client.onStatus((s) => statuses.push(s));
  cleanups.push(async () => {
    client.close();
    await hub.close();
  });
  return { hub, client, doc, win, nav, warn, statuses };
}

const subscribes = (hub: FakeHub, conn?: number) =>
  hub.received.filter((r) => r.msg.type === "subscribe" && (conn === undefined || r.conn === conn)).map((r) => r.msg as SubscribeCommand);
const unsubscribes = (hub: FakeHub) => hub.received.filter((r) => r.msg.type === "unsubscribe").map((r) => r.msg);
const waitStatus = (s: Setup, status: StatusSnapshot["status"]) =>
  vi.waitFor(() => expect(s.client.getStatus().status).toBe(status), { timeout: 5_000, interval: 5 });

function jobEvent(jobId: string, id: string, version = 1) {
  return { type: "processing_job_status", topic: "jobs", id, data: makeJob({ job_id: jobId, version, status: "processing" }) };
}

describe("createRealtimeClient", () => {
  it("goes connecting -> live -> reconnecting -> live -> offline", async () => {
    const s = await setup();
    expect(s.client.getStatus()).toMatchObject({ status: "connecting", epoch: null, lastEventAt: null });
    await waitStatus(s, "live");
    expect(s.client.getStatus().epoch).toBe("epoch-1");

    (await s.hub.connection(0)).terminate();
    await waitStatus(s, "reconnecting");
    await s.hub.connection(1);
    await waitStatus(s, "live");

    s.client.close();
    expect(s.client.getStatus().status).toBe("offline");
    expect(s.statuses.map((x) => x.status)).toEqual(["live", "reconnecting", "live", "offline"]);
  });

  it("stays 'connecting' until the server says connected", async () => {
    const hub = await startFakeHub();
    hub.autoConnected = false;
    const client = createRealtimeClient({ url: hub.url, WebSocket, logger: { warn: () => {} }, environment: {} });
    cleanups.push(async () => {
      client.close();
      await hub.close();
    });
    const conn = await hub.connection(0);
    expect(client.getStatus().status).toBe("connecting");
    conn.sendConnected();
    await vi.waitFor(() => expect(client.getStatus().status).toBe("live"), { interval: 5 });
  });

  it("is offline while the browser is offline", async () => {
    const s = await setup();
    await waitStatus(s, "live");
    s.nav.onLine = false;
    s.win.dispatchEvent(new Event("offline"));
    expect(s.client.getStatus().status).toBe("offline");
    s.nav.onLine = true;
    s.win.dispatchEvent(new Event("online"));
    expect(s.client.getStatus().status).toBe("live");
  });

  it("ref-counts topics: one subscribe for two holders, unsubscribe only after both release", async () => {
    const s = await setup();
    await waitStatus(s, "live");
    const releaseA = s.client.subscribe(["jobs"]);
    const releaseB = s.client.subscribe(["jobs"]);
    await s.hub.until(() => subscribes(s.hub).length >= 1, "subscribe");

    releaseA();
    releaseA(); // idempotent: must not release B's hold
    // Barrier: a later subscribe proves everything sent before it has arrived.
    const releaseC = s.client.subscribe(["tasks"]);
    await s.hub.until(() => subscribes(s.hub).some((m) => m.topics.includes("tasks")), "tasks subscribe");
    expect(subscribes(s.hub).filter((m) => m.topics.includes("jobs"))).toHaveLength(1);
    expect(unsubscribes(s.hub)).toHaveLength(0);

    releaseB();
    await s.hub.until(() => unsubscribes(s.hub).length === 1, "unsubscribe");
    expect(unsubscribes(s.hub)[0]).toMatchObject({ type: "unsubscribe", topics: ["jobs"] });
    releaseC();
    expect(s.client.heldTopics()).toEqual([]);
  });

  it("holds subscriptions made before the socket is live and sends them once connected", async () => {
    const s = await setup();
    const off = s.client.subscribe(["jobs", "tasks"]);
    await s.hub.until(() => subscribes(s.hub).length > 0, "subscribe");
    expect(subscribes(s.hub)).toEqual([expect.objectContaining({ topics: ["jobs", "tasks"] })]);
    expect(subscribes(s.hub)[0]).not.toHaveProperty("since");
    off();
  });

  it("delivers events to onEvent and to the holders whose topics match", async () => {
    const s = await setup();
    const all: string[] = [];
    const jobsOnly: string[] = [];
    const runsOnly: string[] = [];
    s.client.onEvent((e) => all.push(e.id!));
    s.client.subscribe(["jobs"], (e) => jobsOnly.push(e.id!));
    s.client.subscribe(["dag-runs:*"], (e) => runsOnly.push(e.id!));
    const conn = await s.hub.connection(0);
    await s.hub.until(() => subscribes(s.hub).length > 0, "subscribe");
    conn.sendEvent(jobEvent("job_1", "1-0"));
    await vi.waitFor(() => expect(all).toEqual(["1-0"]), { interval: 5 });
    expect(jobsOnly).toEqual(["1-0"]);
    expect(runsOnly).toEqual([]);
    expect(s.client.getStatus().lastEventAt).not.toBeNull();
  });

  it("resubscribes with `since` per topic after the server drops the socket (same epoch)", async () => {
    const s = await setup();
    const resyncs: string[][] = [];
    s.client.onResync((t) => resyncs.push(t));
    const received: string[] = [];
    s.client.onEvent((e) => received.push(e.id!));
    s.client.subscribe(["jobs", "tasks", "agents"]);
    const first = await s.hub.connection(0);
    await s.hub.until(() => subscribes(s.hub, 0).length > 0, "first subscribe");

    first.sendEvent(jobEvent("job_1", "5-0"));
    first.sendEvent({ type: "task_created", topic: "tasks", id: "7-0", data: makeTask({ task_id: "t1" }) });
    await vi.waitFor(() => expect(received).toEqual(["5-0", "7-0"]), { interval: 5 });
    // Subscribed after ids were seen: resumes from the latest id seen at that moment.
    s.client.subscribe(["knowledge"]);
    await s.hub.until(() => subscribes(s.hub, 0).some((m) => m.topics.includes("knowledge")), "knowledge subscribe");

    first.terminate();
    await s.hub.connection(1);
    await s.hub.until(() => subscribes(s.hub, 1).length >= 3, "resubscribes");
    const again = subscribes(s.hub, 1);
    const sinceOf = (topic: string) => again.find((m) => m.topics.includes(topic))?.since;
    expect(sinceOf("jobs")).toBe("5-0");
    expect(sinceOf("tasks")).toBe("7-0");
    expect(sinceOf("knowledge")).toBe("7-0");
    expect(again.find((m) => m.topics.includes("agents"))).not.toHaveProperty("since");
    // Topics grouped by since: one subscribe per distinct since.
    expect(again.find((m) => m.topics.includes("tasks"))!.topics.sort()).toEqual(["knowledge", "tasks"]);
    expect(again.flatMap((m) => m.topics).sort()).toEqual(["agents", "jobs", "knowledge", "tasks"]);
    // `agents` had nothing to resume from: only it is resynced, never the others.
    await vi.waitFor(() => expect(resyncs).toEqual([["agents"]]), { interval: 5 });
  });

  it("drops a replayed duplicate (dedupe by id)", async () => {
    const s = await setup();
    const received: string[] = [];
    s.client.onEvent((e) => received.push(e.id!));
    s.client.subscribe(["jobs"]);
    const first = await s.hub.connection(0);
    await s.hub.until(() => subscribes(s.hub, 0).length > 0, "subscribe");
    first.sendEvent(jobEvent("job_1", "1-0"));
    first.sendEvent(jobEvent("job_1", "2-0", 2));
    first.sendEvent(jobEvent("job_1", "2-0", 2)); // duplicate on the same socket
    await vi.waitFor(() => expect(received).toEqual(["1-0", "2-0"]), { interval: 5 });

    first.terminate();
    const second = await s.hub.connection(1);
    await s.hub.until(() => subscribes(s.hub, 1).length > 0, "resubscribe");
    // The replay overlaps what was already delivered.
    second.sendEvent(jobEvent("job_1", "2-0", 2));
    second.sendEvent(jobEvent("job_1", "3-0", 3));
    await vi.waitFor(() => expect(received).toEqual(["1-0", "2-0", "3-0"]), { interval: 5 });
  });

  it("resubscribes without since and resyncs every held topic when the epoch changed", async () => {
    const s = await setup();
    const resyncs: string[][] = [];
    s.client.onResync((t) => resyncs.push(t));
    const received: string[] = [];
    s.client.onEvent((e) => received.push(e.id!));
    s.client.subscribe(["jobs", "tasks"]);
    const first = await s.hub.connection(0);
    await s.hub.until(() => subscribes(s.hub, 0).length > 0, "subscribe");
    first.sendEvent(jobEvent("job_1", "1-0"));
    await vi.waitFor(() => expect(received).toEqual(["1-0"]), { interval: 5 });

    s.hub.epoch = "epoch-2";
    first.close(1001);
    const second = await s.hub.connection(1);
    await s.hub.until(() => subscribes(s.hub, 1).length > 0, "resubscribe");
    expect(subscribes(s.hub, 1)).toHaveLength(1);
    expect(subscribes(s.hub, 1)[0]).not.toHaveProperty("since");
    expect(subscribes(s.hub, 1)[0]!.topics.sort()).toEqual(["jobs", "tasks"]);
    await vi.waitFor(() => expect(resyncs.map((t) => t.sort())).toEqual([["jobs", "tasks"]]), { interval: 5 });
    await waitStatus(s, "live");
    expect(s.client.getStatus().epoch).toBe("epoch-2");
    // Ids of the old epoch are forgotten: the new epoch may reuse them.
    second.sendEvent(jobEvent("job_1", "1-0", 2));
    await vi.waitFor(() => expect(received).toEqual(["1-0", "1-0"]), { interval: 5 });
  });

  it("passes a server resync to the resync listeners", async () => {
    const s = await setup();
    const resyncs: string[][] = [];
    s.client.onResync((t) => resyncs.push(t));
    s.client.subscribe(["jobs"]);
    const conn = await s.hub.connection(0);
    await s.hub.until(() => subscribes(s.hub).length > 0, "subscribe");
    conn.sendControl("resync", { topics: ["jobs"], reason: "since too old" });
    await vi.waitFor(() => expect(resyncs).toEqual([["jobs"]]), { interval: 5 });
  });

  it("tells the subscribed listeners which topics the server confirmed", async () => {
    const s = await setup();
    const confirmed: string[][] = [];
    s.client.onSubscribed((t) => confirmed.push(t));
    s.client.subscribe(["admin", "jobs"]);
    const conn = await s.hub.connection(0);
    await s.hub.until(() => subscribes(s.hub).length > 0, "subscribe");
    expect(confirmed).toEqual([]);
    conn.sendControl("subscribed", { ref: subscribes(s.hub)[0]!.ref, topics: ["admin", "jobs"], replayed: 0 });
    await vi.waitFor(() => expect(confirmed).toEqual([["admin", "jobs"]]), { interval: 5 });
  });

  it("forces a reconnect after silence", async () => {
    const s = await setup({ silenceMs: 150, silenceCheckMs: 10 });
    await s.hub.connection(0);
    await waitStatus(s, "live");
    // The fake hub sends nothing after `connected`: the client must give up on the link.
    await s.hub.connection(1, 3_000);
    await waitStatus(s, "live");
    expect(s.statuses.map((x) => x.status)).toContain("reconnecting");
  });

  it("keeps a link that hears heartbeats", async () => {
    const s = await setup({ silenceMs: 400, silenceCheckMs: 10 });
    const conn = await s.hub.connection(0);
    await waitStatus(s, "live");
    let beats = 0;
    const timer = setInterval(() => {
      beats += 1;
      conn.sendControl("heartbeat", { ts: new Date().toISOString() });
    }, 30);
    cleanups.push(() => clearInterval(timer));
    await vi.waitFor(() => expect(beats).toBeGreaterThanOrEqual(25), { timeout: 5_000, interval: 10 });
    expect(s.hub.connections).toHaveLength(1);
    expect(s.client.getStatus().status).toBe("live");
  });

  it("drops invalid messages without throwing and keeps going", async () => {
    const s = await setup();
    const received: string[] = [];
    s.client.onEvent((e) => received.push(e.id!));
    s.client.subscribe(["jobs"]);
    const conn = await s.hub.connection(0);
    await s.hub.until(() => subscribes(s.hub).length > 0, "subscribe");
    conn.sendRaw("not json {");
    conn.sendJson([1, 2, 3]);
    conn.sendJson({ type: "processing_job_status", topic: "jobs", id: "9-0", ts: new Date().toISOString(), data: { job_id: "x" } });
    conn.sendJson({ type: "no_such_event", topic: "jobs", id: "9-1", ts: new Date().toISOString(), data: {} });
    conn.sendJson({ type: "connected", ts: "x", data: {} });
    conn.sendEvent(jobEvent("job_1", "10-0"));
    await vi.waitFor(() => expect(received).toEqual(["10-0"]), { interval: 5 });
    expect(s.warn).toHaveBeenCalledTimes(5);
    expect(s.client.getStatus().status).toBe("live");
    expect(s.hub.connections).toHaveLength(1);
  });

  it("pings on visibilitychange when the link looks alive, and reconnects when the ping goes unanswered", async () => {
    const s = await setup({ pingTimeoutMs: 100 });
    await s.hub.connection(0);
    await waitStatus(s, "live");
    s.doc.show();
    await s.hub.until(() => s.hub.received.some((r) => r.msg.type === "ping"), "ping");
    // The fake hub never answers: the client reconnects.
    await s.hub.connection(1, 3_000);
  });

  it("a pong keeps the link after visibilitychange", async () => {
    const s = await setup({ pingTimeoutMs: 250 });
    const conn = await s.hub.connection(0);
    await waitStatus(s, "live");
    s.doc.show();
    await s.hub.until(() => s.hub.received.some((r) => r.msg.type === "ping"), "ping");
    const ping = s.hub.received.find((r) => r.msg.type === "ping")!.msg as { ref?: string };
    conn.sendControl("pong", { ref: ping.ref });
    // Let more than two ping timeouts' worth of time pass (a negative check needs time to pass).
    const started = Date.now();
    await vi.waitFor(() => expect(Date.now() - started).toBeGreaterThan(600), { timeout: 2_000, interval: 20 });
    expect(s.hub.connections).toHaveLength(1);
    expect(s.client.getStatus().status).toBe("live");
  });

  it("reconnects at once on visibilitychange when the socket is down", async () => {
    // A long backoff: only the visibility check can bring the link back within the wait below.
    const s = await setup({ minReconnectionDelay: 60_000, maxReconnectionDelay: 60_000 });
    const first = await s.hub.connection(0);
    await waitStatus(s, "live");
    first.terminate();
    await waitStatus(s, "reconnecting");
    s.doc.show();
    await s.hub.connection(1, 2_000);
    await waitStatus(s, "live");
  });

  it("close() is idempotent and stops reconnecting", async () => {
    const s = await setup();
    await waitStatus(s, "live");
    s.client.close();
    s.client.close();
    expect(s.client.getStatus().status).toBe("offline");
    await s.hub.until(() => !s.hub.connections[0]!.open, "socket closed");
    expect(s.hub.connections).toHaveLength(1);
  });

  it("rejects impossible options at creation", () => {
    expect(() => createRealtimeClient({ url: "ws://x", silenceMs: 0, environment: {} })).toThrow(/silenceMs/);
  });
});
