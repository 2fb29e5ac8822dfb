// Boot and graceful shutdown: sockets are told 1001 (going away) and the server stops listening.
import { afterAll, describe, expect, it } from "vitest";
import { closeTestDatabases } from "./storage/test-database";
import { startTestServer } from "./testing/test-server";
import { connect } from "./testing/ws-client";
import { loadEnv } from "./env";

afterAll(closeTestDatabases);

describe("server lifecycle", () => {
  it("closes every socket with 1001 on shutdown and stops accepting", async () => {
    const server = await startTestServer();
    const { cookie } = await server.signIn("a@x.io");
    const clients = await Promise.all([connect(server.wsUrl, { cookie }), connect(server.wsUrl, { cookie })]);
    await Promise.all(clients.map((c) => c.waitFor((m) => m.type === "connected")));
    const started = Date.now();
    await server.close();
    expect(Date.now() - started).toBeLessThan(10_000);
    for (const client of clients) expect((await client.closed).code).toBe(1001);
    await expect(connect(server.wsUrl, { cookie })).rejects.toThrow();
  });
});

describe("environment", () => {
  it("fails at boot with a precise message for impossible settings", () => {
    expect(() => loadEnv({ PORT: "99999" })).toThrow(/PORT/);
    expect(() => loadEnv({ SESSION_SECRET: "short" })).toThrow(/SESSION_SECRET must be at least 32 characters/);
    expect(() => loadEnv({ ALLOWED_ORIGINS: "not a url" })).toThrow(/ALLOWED_ORIGINS/);
    expect(() => loadEnv({ SWITCHBOARD_ADMIN_PASSWORD: "long-enough-password" })).toThrow(/SWITCHBOARD_ADMIN_EMAIL is not/);
  });

  it("applies PROTOCOL.md's defaults", () => {
    const env = loadEnv({});
    expect(env).toMatchObject({ PORT: 3000, HOST: "127.0.0.1", HUB_PING_MS: 30_000, HUB_HEARTBEAT_MS: 15_000, HUB_AUTH_TIMEOUT_MS: 5_000, BUS_LOG_SIZE: 10_000, DATABASE_POOL_SIZE: 10, ALLOWED_ORIGINS: [] });
  });
});
