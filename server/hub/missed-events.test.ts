// When this instance's Redis reader is overtaken by the log's trimming (a burst bigger than
// BUS_LOG_SIZE), the events it never read can reach no socket here: every socket that holds topics
// gets `resync` (reason events_missed) instead of a silent gap. Runs on the Redis bus only
// (TEST_STACK=scaled, as `npm run test:scaled` does): the in-process bus delivers as it publishes.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { closeTestDatabases } from "../storage/test-database";
import { jobsListEvent } from "../testing/fixtures";
import { scaledStack, startTestServer, type TestServer } from "../testing/test-server";
import { connect, subscribe, type TestClient } from "../testing/ws-client";

describe.skipIf(!scaledStack())("events the Redis bus skipped", () => {
  let server: TestServer;
  const clients: TestClient[] = [];

  beforeAll(async () => {
    server = await startTestServer({ BUS_LOG_SIZE: "50" });
  });

  afterAll(async () => {
    for (const c of clients) c.ws.terminate();
    await server.close();
    await closeTestDatabases();
  });

  it("tells every socket that holds topics to resync, and goes on delivering", async () => {
    const { cookie } = await server.signIn("behind@x.io");
    const client = await connect(server.wsUrl, { cookie });
    clients.push(client);
    await client.waitFor((m) => m.type === "connected");
    await subscribe(client, ["jobs"]);

    // Within the log: every event arrives, no resync.
    const small = await server.registry.bus.publishMany(Array.from({ length: 30 }, (_, i) => jobsListEvent(`job_small${i}`, 1)));
    await client.waitFor((m) => m.id === small.at(-1)!.id);
    expect(client.messages.filter((m) => m.type === "processing_job_status")).toHaveLength(30);
    expect(client.messages.some((m) => m.type === "resync")).toBe(false);

    // Four logs' worth at once: the stream is trimmed past events no reader here has read.
    const burst = await server.registry.bus.publishMany(Array.from({ length: 200 }, (_, i) => jobsListEvent(`job_burst${i}`, 1)));
    const resync = await client.waitFor((m) => m.type === "resync");
    expect(resync.data).toEqual({ topics: ["jobs"], reason: "events_missed" });
    await client.waitFor((m) => m.id === burst.at(-1)!.id);
    expect(client.messages.filter((m) => m.type === "processing_job_status").length).toBeLessThan(230);
  });
});
