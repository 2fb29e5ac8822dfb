// Redis restarting under two running instances (a Redis of the test's own, which keeps nothing):
// both reconnect and say so (module health, logs), clients on the socket they kept get `resync`, a
// client resuming with an id from before gets `resync`, and events flow again on both instances.
import { mkdtempSync, rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { sql } from "kysely";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createApiKeyStore } from "../auth/api-keys";
import { openDatabase, type Database } from "../storage/db";
import { createRepositories } from "../storage/repositories";
import { eventually, publishInsight, startInstance, withSchema, type InstanceProcess } from "../testing/instance-process";
import { redisServer, type RedisServer } from "../testing/redis-server";
import { connect, subscribe, type TestClient } from "../testing/ws-client";

const DB_URL = process.env.TEST_DATABASE_URL;
const REDIS_URL = process.env.TEST_REDIS_URL;

describe.skipIf(!DB_URL || !REDIS_URL)("a Redis restart under two instances", () => {
  const schema = `sbredis_${process.pid}`;
  const dataDir = mkdtempSync(path.join(os.tmpdir(), "switchboard-redis-restart-"));
  let redis: RedisServer;
  let a: InstanceProcess;
  let b: InstanceProcess;
  let database: Database;
  let key: string;
  const clients: TestClient[] = [];

  const client = async (instance: InstanceProcess, topics: string[], since?: string) => {
    const c = await connect(instance.wsUrl, { token: key });
    clients.push(c);
    await c.waitFor((m) => m.type === "connected");
    await subscribe(c, topics, since);
    return c;
  };
  beforeAll(async () => {
    redis = await redisServer();
    database = await openDatabase({ databaseUrl: DB_URL!, schema });
    await sql.raw(`drop schema if exists ${schema} cascade; create schema ${schema}`).execute(database.db);
    await database.close();
    const env = {
      DATABASE_URL: withSchema(DB_URL!, schema),
      REDIS_URL: redis.url,
      DATA_DIR: dataDir,
      SESSION_SECRET: "a-redis-restart-test-secret-of-forty-chars",
      MODULE_HEALTH_INTERVAL_MS: "200",
      SYSTEM_METRICS_INTERVAL_MS: "200",
    };
    a = await startInstance(env);
    b = await startInstance(env);
    database = await openDatabase({ databaseUrl: DB_URL!, schema });
    key = (await createApiKeyStore(createRepositories(database.db)).create("restart test", null)).key;
  }, 120_000);

  afterAll(async () => {
    for (const c of clients) c.close();
    await Promise.all([a?.kill("SIGTERM"), b?.kill("SIGTERM")]);
    await redis?.kill();
    if (database) {
      await sql.raw(`drop schema if exists ${schema} cascade`).execute(database.db);
      await database.close();
    }
    rmSync(dataDir, { recursive: true, force: true });
  }, 60_000);

  it("recovers: the instances reconnect and say so, kept sockets get resync, old ids get resync, events flow again", async () => {
    const onA = await client(a, ["insights", "system"]);
    const onB = await client(b, ["insights"]);
    const before = await publishInsight(b, key);
    const seen = await onA.waitFor((m) => m.type === "insight_generated" && m.data.insight_id === before);
    await onB.waitFor((m) => m.type === "insight_generated" && m.data.insight_id === before);

    await redis.kill();
    await eventually(() => [a, b].every((i) => i.logs.some((l) => l.includes("the bus lost its connection"))), 15_000, "both instances to notice");
    await redis.start();
    await eventually(() => [a, b].every((i) => i.logs.some((l) => l.includes("the bus is connected again"))), 20_000, "both instances to reconnect");

    // Redis came back empty: a new epoch, and every kept socket is told to fetch again.
    const resyncA = await onA.waitFor((m) => m.type === "resync", { timeoutMs: 10_000 });
    expect(resyncA.data).toMatchObject({ reason: "epoch_changed" });
    expect(resyncA.data.topics).toEqual(expect.arrayContaining(["insights", "system"]));
    await onB.waitFor((m) => m.type === "resync" && m.data.reason === "epoch_changed", { timeoutMs: 10_000 });

    const after = await publishInsight(a, key);
    await onA.waitFor((m) => m.type === "insight_generated" && m.data.insight_id === after);
    await onB.waitFor((m) => m.type === "insight_generated" && m.data.insight_id === after);

    // A client resuming from before the restart cannot be replayed to: it is told to resync.
    const resumed = await client(b, ["insights"], seen.id);
    await resumed.waitFor((m) => m.type === "resync");
    expect(resumed.messages.filter((m) => m.type === "insight_generated")).toEqual([]);

    // The leader's module health said the bus went down and came back.
    await onA.waitFor((m) => m.type === "module_status_changed" && m.data.module === "bus" && m.data.new_status === "down", { timeoutMs: 20_000 });
    await onA.waitFor((m) => m.type === "module_status_changed" && m.data.module === "bus" && m.data.new_status === "ok", { timeoutMs: 20_000 });
  }, 120_000);
});
