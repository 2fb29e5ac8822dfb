// The admin console's connection list across two instances (in this process, on one PostgreSQL
// schema and one Redis prefix): a socket opened on B is listed by A as soon as A has heard of it, and
// a socket closed on B leaves A's list as soon as A has heard of the close, not a heartbeat later.
// Heartbeats are 12 s apart here, so a list built from the reports alone would lag behind both.
// Needs TEST_DATABASE_URL and TEST_REDIS_URL.
import { mkdtempSync, rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { sql } from "kysely";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { BusEvent } from "../bus/bus";
import { startServer, type RunningServer } from "../app";
import { createLogger } from "../log";
import { openDatabase } from "../storage/db";
import { withSchema } from "../testing/instance-process";
import { deleteRedisKeys } from "../testing/redis-server";
import { connect, type TestClient } from "../testing/ws-client";

const DB_URL = process.env.TEST_DATABASE_URL;
const REDIS_URL = process.env.TEST_REDIS_URL;

describe.skipIf(!DB_URL || !REDIS_URL)("the admin console's connections across instances", () => {
  const schema = `sbadminconn_${process.pid}`;
  const prefix = `sbtest:${process.pid}:admin-connections:`;
  const dataDir = mkdtempSync(path.join(os.tmpdir(), "switchboard-admin-connections-"));
  let a: RunningServer;
  let b: RunningServer;
  let client: TestClient | undefined;

  const start = () =>
    startServer({
      env: {
        NODE_ENV: "test",
        PORT: "0",
        HOST: "127.0.0.1",
        SWITCHBOARD_NO_NEXT: "1",
        MARKET_FEED: "off",
        DATABASE_URL: withSchema(DB_URL!, schema),
        REDIS_URL: REDIS_URL!,
        REDIS_PREFIX: prefix,
        CLUSTER_LEASE_MS: "60000",
        SESSION_SECRET: "an-admin-connections-test-secret-of-40-chars",
        SWITCHBOARD_ADMIN_EMAIL: "root@admin-connections.test",
        SWITCHBOARD_ADMIN_PASSWORD: "root-password",
        DATA_DIR: dataDir,
      },
      log: createLogger("silent"),
    });

  /** Resolves with the first event on `server`'s bus that passes `match`. */
  const heard = (server: RunningServer, match: (e: BusEvent) => boolean) =>
    new Promise<BusEvent>((resolve) => {
      const stop = server.registry.bus.subscribe((e) => {
        if (!match(e)) return;
        stop();
        resolve(e);
      });
    });
  const listedOn = async (server: RunningServer) => (await server.registry.services.admin.listConnections()).items.map((c) => c.client_id);

  beforeAll(async () => {
    const database = await openDatabase({ databaseUrl: DB_URL!, schema });
    await sql.raw(`drop schema if exists ${schema} cascade; create schema ${schema}`).execute(database.db);
    await database.close();
    a = await start();
    b = await start();
  }, 60_000);

  afterAll(async () => {
    client?.ws.terminate();
    await Promise.all([a?.close(), b?.close()]);
    const database = await openDatabase({ databaseUrl: DB_URL!, schema });
    await sql.raw(`drop schema if exists ${schema} cascade`).execute(database.db);
    await database.close();
    await deleteRedisKeys(REDIS_URL!, prefix);
    rmSync(dataDir, { recursive: true, force: true });
  }, 60_000);

  it("lists a socket opened on the other instance at once, and drops it at once when it closes", async () => {
    const key = (await b.registry.apiKeys.create("watched program", null)).key;
    const openedOnA = heard(a, (e) => e.type === "admin_connection_opened" && (e.data as { instance_id: string }).instance_id === b.registry.cluster.identity.instanceId);
    client = await connect(`${b.url.replace("http", "ws")}/ws`, { token: key });
    const { data } = await client.waitFor((m) => m.type === "connected");
    const clientId = (data as { client_id: string }).client_id;
    expect(((await openedOnA).data as { client_id: string }).client_id).toBe(clientId);
    expect(await listedOn(a)).toContain(clientId);

    // B reports the socket with a heartbeat; A must not go on listing it from that report once it closed.
    await b.registry.cluster.membership.beat();
    const closedOnA = heard(a, (e) => e.type === "admin_connection_closed" && (e.data as { client_id: string }).client_id === clientId);
    client.close();
    await closedOnA;
    expect(await listedOn(a)).not.toContain(clientId);
    expect(await listedOn(b)).not.toContain(clientId);
  }, 30_000);
});
