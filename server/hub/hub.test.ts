// The hub against a real server on a free port, with `ws` clients: every behaviour PROTOCOL.md asks of it.
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import WebSocket from "ws";
import { closeTestDatabases } from "../storage/test-database";
import { announcementEvent, jobEvent, notificationEvent, quoteEvent } from "../testing/fixtures";
import { startTestServer, type TestServer } from "../testing/test-server";
import { connect, type Message, type TestClient } from "../testing/ws-client";

let server: TestServer;
const clients: TestClient[] = [];

async function open(options: Parameters<typeof connect>[1] = {}): Promise<TestClient> {
  const client = await connect(server.wsUrl, options);
  clients.push(client);
  return client;
}

async function userClient(email = "alice@x.io", role: "user" | "admin" = "user") {
  const { cookie, principal } = await server.signIn(email, role);
  const client = await open({ cookie });
  await client.waitFor((m) => m.type === "connected");
  return { client, principal };
}

async function subscribe(client: TestClient, topics: string[], extra: Record<string, unknown> = {}) {
  const ref = `r${Math.random().toString(36).slice(2)}`;
  const from = client.messages.length;
  client.send({ type: "subscribe", ref, topics, ...extra });
  return client.waitFor((m) => m.type === "subscribed" && m.data.ref === ref, { from });
}

beforeAll(async () => {
  server = await startTestServer({
    HUB_AUTH_TIMEOUT_MS: "300",
    HUB_HEARTBEAT_MS: "200",
    HUB_PING_MS: "150",
    HUB_RATE_PER_SEC: "20",
    HUB_RATE_BURST: "20",
    HUB_MAX_BUFFER_BYTES: String(1024 * 1024),
    ALLOWED_ORIGINS: "https://ops.example.com",
  });
});

afterEach(() => {
  for (const c of clients.splice(0)) c.ws.terminate();
});

afterAll(async () => {
  await server.close();
  await closeTestDatabases();
});

describe("authentication and origin", () => {
  it("accepts a session cookie and says connected with the user, epoch and heartbeat", async () => {
    const { client, principal } = await userClient();
    const connected = client.messages[0]!;
    expect(connected.type).toBe("connected");
    expect(connected.data).toMatchObject({ user: { id: principal.id, email: "alice@x.io", role: "user" }, epoch: server.registry.bus.epoch(), heartbeat_ms: 200 });
    expect(connected.data.client_id).toMatch(/^cli_/);
    expect(Date.parse(connected.data.server_time)).not.toBeNaN();
  });

  it("accepts an API key as ?token= and as an auth message", async () => {
    const key = await server.apiKey("ingest");
    const viaQuery = await open({ token: key });
    expect((await viaQuery.waitFor((m) => m.type === "connected")).data.user.email).toBe("api-key:ingest");
    const viaMessage = await open();
    viaMessage.send({ type: "auth", token: key });
    await viaMessage.waitFor((m) => m.type === "connected");
  });

  it("refuses requests before authentication and closes with 1008 after the deadline", async () => {
    const client = await open();
    client.send({ type: "subscribe", ref: "early", topics: ["jobs"] });
    expect((await client.waitFor((m) => m.type === "error")).data).toMatchObject({ ref: "early", code: "unauthenticated" });
    expect((await client.closed).code).toBe(1008);
  });

  it("closes with 1008 on a wrong token", async () => {
    const byQuery = await open({ token: "sbk_wrong" });
    expect((await byQuery.closed).code).toBe(1008);
    const byMessage = await open();
    byMessage.send({ type: "auth", token: "sbk_wrong" });
    expect((await byMessage.closed).code).toBe(1008);
    expect(byMessage.messages.some((m) => m.type === "error" && m.data.code === "unauthenticated")).toBe(true);
  });

  it("refuses a cross-origin upgrade with 403 and accepts its own and listed origins", async () => {
    const { cookie } = await server.signIn("alice@x.io");
    await expect(connect(server.wsUrl, { cookie, origin: "https://evil.example" })).rejects.toMatchObject({ status: 403 });
    const own = await open({ cookie, origin: server.url });
    await own.waitFor((m) => m.type === "connected");
    const listed = await open({ cookie, origin: "https://ops.example.com" });
    await listed.waitFor((m) => m.type === "connected");
  });
});

describe("subscriptions and delivery", () => {
  it("delivers to exact, prefix and * subscribers once each, in publish order", async () => {
    const { client: exact } = await userClient("a1@x.io");
    const { client: prefix } = await userClient("a2@x.io");
    const { client: all } = await userClient("a3@x.io");
    await subscribe(exact, ["jobs:job_1"]);
    await subscribe(prefix, ["jobs:*", "jobs:job_1"]);
    await subscribe(all, ["*"]);
    await server.registry.bus.publish(jobEvent("job_1", 1));
    await server.registry.bus.publish(jobEvent("job_2", 1));
    for (const client of [prefix, all]) await client.waitFor((m) => m.topic === "jobs:job_2");
    await exact.waitFor((m) => m.topic === "jobs:job_1");
    const topicsOf = (c: TestClient) => c.messages.filter((m) => m.id).map((m) => m.topic);
    expect(topicsOf(prefix)).toEqual(["jobs:job_1", "jobs:job_2"]);
    expect(topicsOf(all)).toEqual(["jobs:job_1", "jobs:job_2"]);
    expect(topicsOf(exact)).toEqual(["jobs:job_1"]);
  });

  it("refuses another user's topic with forbidden_topic, applies the rest, and filters * by permission", async () => {
    const { client: alice, principal: a } = await userClient("alice@x.io");
    const { principal: bob } = await userClient("bob@x.io");
    alice.send({ type: "subscribe", ref: "s1", topics: [`user:${bob.id}`, "admin", "jobs"] });
    const error = await alice.waitFor((m) => m.type === "error");
    expect(error.data).toMatchObject({ ref: "s1", code: "forbidden_topic", details: { topics: [`user:${bob.id}`, "admin"] } });
    expect((await alice.waitFor((m) => m.type === "subscribed")).data.topics).toEqual(["jobs"]);
    await subscribe(alice, ["*"]);
    await server.registry.bus.publish(notificationEvent(bob.id, "ntf_bob"));
    await server.registry.bus.publish(notificationEvent(a.id, "ntf_alice"));
    await alice.waitFor((m) => m.type === "notification");
    await server.registry.bus.publish(announcementEvent("last"));
    await alice.waitFor((m) => m.type === "system_announcement");
    expect(alice.messages.filter((m) => m.type === "notification").map((m) => m.data.id)).toEqual(["ntf_alice"]);
  });

  it("lets an admin read any user's topic and the admin topic", async () => {
    const { principal: bob } = await userClient("bob@x.io");
    const { client: admin } = await userClient("boss@x.io", "admin");
    const subscribed = await subscribe(admin, [`user:${bob.id}`, "admin"]);
    expect(subscribed.data.topics).toEqual([`user:${bob.id}`, "admin"]);
    expect(admin.messages.some((m) => m.type === "error")).toBe(false);
  });

  it("stops delivering after unsubscribe and answers with the topics", async () => {
    const { client } = await userClient();
    await subscribe(client, ["jobs:*"]);
    client.send({ type: "unsubscribe", ref: "u1", topics: ["jobs:*"] });
    expect((await client.waitFor((m) => m.type === "unsubscribed")).data).toEqual({ ref: "u1", topics: ["jobs:*"] });
    await server.registry.bus.publish(jobEvent("job_9", 1));
    client.send({ type: "ping", ref: "after" });
    await client.waitFor((m) => m.type === "pong" && m.data.ref === "after");
    expect(client.messages.some((m) => m.topic === "jobs:job_9")).toBe(false);
  });

  it("sends the latest value of ephemeral topics on subscribe, without an id", async () => {
    await server.registry.bus.publish(quoteEvent("AAPL", 101));
    await server.registry.bus.publish(quoteEvent("AAPL", 102));
    const { client } = await userClient();
    await subscribe(client, ["market:AAPL"]);
    const quote = await client.waitFor((m) => m.type === "market_data");
    expect(quote.data.price).toBe(102);
    expect(quote.id).toBeUndefined();
  });
});

describe("replay", () => {
  it("replays from since with no gap and no duplicate while events keep arriving", async () => {
    const { client: witness } = await userClient("w@x.io");
    await subscribe(witness, ["jobs:*"]);
    const total = 600;
    let publishing = true;
    const publisher = (async () => {
      for (let v = 1; v <= total; v++) {
        await server.registry.bus.publish(jobEvent(`job_${v % 7}`, v));
        if (v % 20 === 0) await new Promise((r) => setImmediate(r));
      }
      publishing = false;
    })();
    // Join part-way, resuming from an event the witness saw.
    const resumeFrom = await witness.waitFor((m) => m.type === "processing_job_status" && m.data.version === 150);
    expect(publishing).toBe(true);
    const { client: late } = await userClient("late@x.io");
    const subscribed = await subscribe(late, ["jobs:*"], { since: resumeFrom.id });
    await publisher;
    await witness.waitFor((m) => m.data?.version === total);
    await late.waitFor((m) => m.data?.version === total);
    const ids = (c: TestClient) => c.messages.filter((m: Message) => m.type === "processing_job_status").map((m) => m.id);
    const expected = ids(witness).slice(ids(witness).indexOf(resumeFrom.id) + 1);
    expect(ids(late)).toEqual(expected);
    expect(subscribed.data.replayed).toBeGreaterThan(0);
  });

  it("sends resync for a since it cannot replay from (another epoch, or unknown)", async () => {
    const { client } = await userClient();
    const subscribed = await subscribe(client, ["jobs", "jobs:*"], { since: "1-0" });
    expect(subscribed.data.replayed).toBe(0);
    const resync = await client.waitFor((m) => m.type === "resync");
    expect(resync.data.topics).toEqual(["jobs", "jobs:*"]);
    await server.registry.bus.publish(jobEvent("job_live", 1));
    await client.waitFor((m) => m.topic === "jobs:job_live");
  });
});

describe("limits and bad input", () => {
  it("answers every bad message with an error carrying its ref and keeps the socket open", async () => {
    const { client } = await userClient();
    client.send("not json");
    expect((await client.waitFor((m) => m.type === "error")).data.code).toBe("bad_message");
    client.send({ type: "dance", ref: "d1" });
    expect((await client.waitFor((m) => m.data?.ref === "d1")).data.code).toBe("unknown_type");
    client.send({ type: "subscribe", ref: "s1", topics: "jobs" });
    expect((await client.waitFor((m) => m.data?.ref === "s1")).data.code).toBe("bad_message");
    client.send({ type: "subscribe", ref: "s2", topics: ["nonsense:topic"] });
    expect((await client.waitFor((m) => m.data?.ref === "s2")).data.code).toBe("bad_message");
    client.send({ type: "ping", ref: "alive" });
    await client.waitFor((m) => m.type === "pong" && m.data.ref === "alive");
    expect(client.ws.readyState).toBe(WebSocket.OPEN);
  });

  it("closes with 1009 on a frame over 64 KiB and 1003 on a binary frame", async () => {
    const { client: big } = await userClient();
    big.send(JSON.stringify({ type: "ping", ref: "x".repeat(70 * 1024) }));
    expect((await big.closed).code).toBe(1009);
    const { client: binary } = await userClient();
    binary.ws.send(Buffer.from([1, 2, 3]), { binary: true });
    expect((await binary.closed).code).toBe(1003);
  });

  it("rate-limits a flood with error rate_limited and keeps serving once it slows", async () => {
    const { client } = await userClient();
    for (let i = 0; i < 60; i++) client.send({ type: "ping", ref: `p${i}` });
    expect((await client.waitFor((m) => m.type === "error")).data.code).toBe("rate_limited");
    const pongs = client.messages.filter((m) => m.type === "pong").length;
    expect(pongs).toBeLessThan(60);
    // The limit is a rate: once the server has been quiet long enough to send a heartbeat, the bucket has refilled.
    await client.waitFor((m) => m.type === "heartbeat", { from: client.messages.length });
    client.send({ type: "ping", ref: "later" });
    await client.waitFor((m) => m.type === "pong" && m.data.ref === "later");
  });
});

describe("liveness", () => {
  it("sends a heartbeat after a quiet spell", async () => {
    const { client } = await userClient();
    const beat = await client.waitFor((m) => m.type === "heartbeat", { timeoutMs: 2_000 });
    expect(Date.parse(beat.ts)).not.toBeNaN();
  });

  it("terminates a socket that does not answer pings", async () => {
    const { cookie } = await server.signIn("deaf@x.io");
    const client = await open({ cookie, autoPong: false });
    const { code } = await client.closed;
    expect(code).toBe(1006);
  });

  it("keeps a socket that answers pings", async () => {
    const { client } = await userClient();
    // Several ping periods pass (150 ms each): the socket answers and stays.
    await client.waitFor((m) => m.type === "heartbeat", { timeoutMs: 2_000 });
    await client.waitFor((m) => m.type === "heartbeat", { timeoutMs: 2_000, from: client.messages.length });
    expect(client.ws.readyState).toBe(WebSocket.OPEN);
  });
});
