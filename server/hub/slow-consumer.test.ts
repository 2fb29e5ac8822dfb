// The hub's send-buffer limit: a socket that stops reading is closed with 4000 once its buffer passes
// HUB_MAX_BUFFER_BYTES. Its own server, because a paused socket answers no pings either: with
// hub.test.ts's fast pings the liveness reaper (1006) could win the race whenever delivery is slower
// than two ping periods, as it is on the Redis bus.
import { afterAll, beforeAll, expect, it } from "vitest";
import WebSocket from "ws";
import { closeTestDatabases } from "../storage/test-database";
import { jobEvent } from "../testing/fixtures";
import { startTestServer, type TestServer } from "../testing/test-server";
import { connect, type TestClient } from "../testing/ws-client";

let server: TestServer;
let client: TestClient | undefined;

beforeAll(async () => {
  server = await startTestServer({ HUB_PING_MS: "600000", HUB_MAX_BUFFER_BYTES: String(1024 * 1024) });
});

afterAll(async () => {
  client?.ws.terminate();
  await server.close();
  await closeTestDatabases();
});

it("closes a slow consumer with 4000 when its send buffer passes the limit", async () => {
  const { cookie } = await server.signIn("slow@x.io");
  client = await connect(server.wsUrl, { cookie });
  await client.waitFor((m) => m.type === "connected");
  client.send({ type: "subscribe", ref: "s", topics: ["jobs:*"] });
  await client.waitFor((m) => m.type === "subscribed" && m.data.ref === "s");

  const socket = (client.ws as unknown as { _socket: { pause(): void; resume(): void } })._socket;
  socket.pause();
  const big = "x".repeat(16 * 1024);
  for (let v = 1; v <= 1000 && client.ws.readyState === WebSocket.OPEN; v++) {
    await server.registry.bus.publish(jobEvent("job_slow", v, { error: big }));
    if (server.registry.hub.figures().connections === 0) break;
  }
  socket.resume();
  expect((await client.closed).code).toBe(4000);
});
