// Test support: a real Switchboard server on a free port (without Next.js), on the worker's shared
// test database, with helpers to make users, sessions and API keys. With TEST_STACK=scaled the server
// runs on PostgreSQL (TEST_DATABASE_URL) and the Redis bus (TEST_REDIS_URL, under a key prefix of its
// own that is deleted when it closes): the whole integration suite runs on the scaled-out engines.
import { randomUUID } from "node:crypto";
import { mkdtempSync, rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import type { Principal } from "../auth/principal";
import { SESSION_COOKIE } from "../auth/cookies";
import { startServer, type RunningServer } from "../app";
import { createLogger } from "../log";
import type { DbDriver } from "../storage/db";
import { resetDatabase, testDatabase } from "../storage/test-database";
import { deleteRedisKeys } from "./redis-server";

export interface TestServer extends RunningServer {
  wsUrl: string;
  /** A user with a live session; `cookie` is the Cookie header value. */
  signIn(email: string, role?: "user" | "admin"): Promise<{ principal: Principal; cookie: string }>;
  apiKey(name?: string): Promise<string>;
}

export interface TestServerOptions {
  driver?: DbDriver;
  /** Empty the database first (default true); false keeps what an earlier server left (restart tests). */
  reset?: boolean;
}

/** Whether this run uses PostgreSQL and Redis (TEST_STACK=scaled). */
export function scaledStack(): boolean {
  return process.env.TEST_STACK === "scaled";
}

export async function startTestServer(env: Record<string, string> = {}, options: TestServerOptions = {}): Promise<TestServer> {
  const scaled = scaledStack();
  const database = await testDatabase(options.driver ?? (scaled ? "postgres" : "pglite"));
  const redis = scaled ? { REDIS_URL: requireEnv("TEST_REDIS_URL"), REDIS_PREFIX: `sbtest:${process.pid}:${randomUUID()}:` } : {};
  if (options.reset !== false) await resetDatabase(database);
  // A data folder of its own unless the test brings one (restart tests share theirs); removed on close.
  const ownDataDir = env.DATA_DIR ? null : mkdtempSync(path.join(os.tmpdir(), "switchboard-test-"));
  const server = await startServer({
    env: {
      NODE_ENV: "test",
      PORT: "0",
      HOST: "127.0.0.1",
      SWITCHBOARD_NO_NEXT: "1",
      SWITCHBOARD_ADMIN_EMAIL: "root@switchboard.test",
      SWITCHBOARD_ADMIN_PASSWORD: "root-password",
      LOG_LEVEL: "silent",
      // Tests opt in to the market simulator (MARKET_FEED: "simulator"), so no quotes flow unasked.
      MARKET_FEED: "off",
      ...redis,
      DATA_DIR: env.DATA_DIR ?? ownDataDir!,
      ...env,
    },
    database,
    log: createLogger(env.LOG_LEVEL ?? "silent"),
  });
  const { services, sessions, apiKeys } = server.registry;
  return {
    ...server,
    async close() {
      await server.close();
      if (redis.REDIS_URL) await deleteRedisKeys(redis.REDIS_URL, redis.REDIS_PREFIX);
      if (ownDataDir) rmSync(ownDataDir, { recursive: true, force: true });
    },
    wsUrl: `${server.url.replace("http", "ws")}/ws`,
    async signIn(email, role = "user") {
      const existing = await server.registry.repos.users.findByEmail(email);
      const user = existing ?? (await services.users.create({ email, password: "password-123", role }));
      const { cookieValue } = await sessions.create(user.id);
      return { principal: { kind: "user", id: user.id, email: user.email, role: user.role }, cookie: `${SESSION_COOKIE}=${encodeURIComponent(cookieValue)}` };
    },
    async apiKey(name = "test") {
      return (await apiKeys.create(name, null)).key;
    },
  };
}

function requireEnv(name: string): string {
  const value = process.env[name];
  if (!value) throw new Error(`TEST_STACK=scaled needs ${name}`);
  return value;
}
