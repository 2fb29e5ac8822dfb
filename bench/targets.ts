// What the bench measures: the Switchboard server (production build, child process, admin session
// and API key) and the bare `ws` reference (child process). Both expose the same shape to the procedure.
import { existsSync, mkdtempSync } from "node:fs";
import { spawnSync } from "node:child_process";
import os from "node:os";
import path from "node:path";
import { freePort, removeOnExit, spawnNode, waitForHttp, type Child } from "./spawn";
import type { PublishTarget } from "./publisher";
import { deleteRedisKeys } from "../server/testing/redis-server";

export interface Target {
  name: "hub" | "reference";
  child: Child;
  wsUrl: string;
  wsHeaders: Record<string, string>;
  /** Topic the clients subscribe to; null when the server sends everything to everyone. */
  subscribeTopic: string | null;
  publish: PublishTarget;
  stop(): Promise<void>;
}

export interface TargetOptions {
  root: string;
  topic: string;
  /** Extra Node flags for the child (e.g. --cpu-prof). */
  nodeFlags: string[];
  /** Runs the hub on the Redis bus at this URL (under a prefix of its own, deleted at stop) instead of the in-process bus. */
  redisUrl?: string;
}

const ADMIN_EMAIL = "bench@example.com";
const ADMIN_PASSWORD = "bench-password-1234";
const START_TIMEOUT_MS = 120_000;

/** Builds (Next + the bundled server) when there is no production build yet. */
export function ensureBuild(root: string): void {
  if (existsSync(path.join(root, "dist/server.mjs")) && existsSync(path.join(root, ".next/BUILD_ID"))) return;
  console.log("No production build found: running scripts/build.mjs (a minute or two)...");
  const result = spawnSync(process.execPath, ["scripts/build.mjs"], { cwd: root, stdio: "inherit" });
  if (result.status !== 0) throw new Error(`build failed with status ${result.status}`);
}

export async function startHub(options: TargetOptions): Promise<Target> {
  const port = await freePort();
  const dataDir = mkdtempSync(path.join(os.tmpdir(), "switchboard-bench-"));
  removeOnExit(dataDir);
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    NODE_ENV: "production",
    NEXT_TELEMETRY_DISABLED: "1",
    HOST: "127.0.0.1",
    PORT: String(port),
    DATA_DIR: dataDir,
    SWITCHBOARD_ADMIN_EMAIL: ADMIN_EMAIL,
    SWITCHBOARD_ADMIN_PASSWORD: ADMIN_PASSWORD,
    LOG_LEVEL: "warn",
    MARKET_FEED: "off",
    // The bench measures raw fan-out of every event: no market conflation.
    HUB_MARKET_CONFLATE_MS: "0",
  };
  for (const key of ["DATABASE_URL", "REDIS_URL", "REDIS_PREFIX", "ALLOWED_ORIGINS", "SESSION_SECRET", "SWITCHBOARD_NO_NEXT"]) delete env[key];
  const redisPrefix = `switchboard-bench:${process.pid}:`;
  if (options.redisUrl) Object.assign(env, { REDIS_URL: options.redisUrl, REDIS_PREFIX: redisPrefix });
  const base = `http://127.0.0.1:${port}`;
  const boot = async (flags: string[]) => {
    const child = spawnNode("hub", [...flags, "dist/server.mjs"], env, options.root);
    await waitForHttp(`${base}/api/health`, child, START_TIMEOUT_MS);
    return child;
  };
  // The first start creates the database (PGlite's initdb peaks near 800 MB and the garbage leaves at
  // some later GC), so the admin session and the key are made there and the measured server is a
  // second start on the same data folder, as a restarted production server would be.
  const first = await boot([]);

  const login = await fetch(`${base}/api/auth/login`, {
    method: "POST",
    headers: { "content-type": "application/json", origin: base },
    body: JSON.stringify({ email: ADMIN_EMAIL, password: ADMIN_PASSWORD }),
  });
  if (login.status !== 200) throw new Error(`login failed: HTTP ${login.status} ${await login.text()}`);
  const cookie = login.headers.getSetCookie().map((c) => c.split(";")[0]).find((c) => c?.startsWith("sb_session="));
  if (!cookie) throw new Error("login answered without a session cookie");

  const created = await fetch(`${base}/api/admin/api-keys`, {
    method: "POST",
    headers: { "content-type": "application/json", origin: base, cookie },
    body: JSON.stringify({ name: "bench" }),
  });
  if (created.status !== 201) throw new Error(`creating an API key failed: HTTP ${created.status} ${await created.text()}`);
  const { key } = (await created.json()) as { key: string };
  await first.stop();
  const child = await boot(options.nodeFlags);

  return {
    name: "hub",
    child,
    wsUrl: `ws://127.0.0.1:${port}/ws`,
    wsHeaders: { cookie },
    subscribeTopic: options.topic,
    publish: { url: `${base}/api/events`, headers: { authorization: `Bearer ${key}` } },
    async stop() {
      await child.stop();
      if (options.redisUrl) await deleteRedisKeys(options.redisUrl, redisPrefix);
    },
  };
}

export async function startReference(options: TargetOptions & { tuned: boolean }): Promise<Target> {
  const port = await freePort();
  const env: NodeJS.ProcessEnv = { ...process.env, NODE_ENV: "production", PORT: String(port), BENCH_REF_TUNED: options.tuned ? "1" : "0" };
  const child = spawnNode("reference", [...options.nodeFlags, "--import", "tsx", "bench/reference-server.ts"], env, options.root);
  const base = `http://127.0.0.1:${port}`;
  await waitForHttp(`${base}/health`, child, START_TIMEOUT_MS);
  return {
    name: "reference",
    child,
    wsUrl: `ws://127.0.0.1:${port}/`,
    wsHeaders: {},
    subscribeTopic: null,
    publish: { url: `${base}/publish`, headers: {} },
    stop: () => child.stop(),
  };
}
