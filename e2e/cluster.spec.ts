// Two production instances on PostgreSQL and Redis behind a round-robin balancer, no sticky sessions:
// when the instance holding the browser's socket stops, the page reconnects through the balancer to
// the other one, and what happened while it was away (a job uploaded and processed there) reaches it
// by replay from its last event id: the row and the bell update with no reload and no list refetch.
// Needs TEST_DATABASE_URL and TEST_REDIS_URL (.ci/run sets both to the local services).
import { mkdtempSync, rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { expect, test } from "@playwright/test";
import pg from "pg";
import { deleteRedisKeys } from "../server/testing/redis-server";
import { withSchema } from "../server/testing/instance-process";
import { startBalancer, type Balancer } from "./support/balancer";
import { markNoReload, wasNotReloaded } from "./support/no-reload";
import { ADMIN, launchServer, type ServerHandle } from "./support/server";
import { signIn } from "./support/sign-in";

const DB_URL = process.env.TEST_DATABASE_URL;
const REDIS_URL = process.env.TEST_REDIS_URL;
const schema = `sbe2e_${process.pid}`;
const prefix = `sbe2e:${process.pid}:`;
let dataDir = "";
let instances: ServerHandle[] = [];
let balancer: Balancer;

async function sql(text: string): Promise<void> {
  const client = new pg.Client({ connectionString: DB_URL });
  await client.connect();
  try {
    await client.query(text);
  } finally {
    await client.end();
  }
}

test.skip(!DB_URL || !REDIS_URL, "needs TEST_DATABASE_URL and TEST_REDIS_URL (PostgreSQL and Redis)");

test.beforeAll(async () => {
  await sql(`drop schema if exists ${schema} cascade; create schema ${schema}`);
  // One uploads folder for both, as a shared volume would be (a job may run on either instance).
  dataDir = mkdtempSync(path.join(os.tmpdir(), "switchboard-e2e-cluster-"));
  balancer = await startBalancer(() => instances.map((i) => i.port));
  const env = {
    DATABASE_URL: withSchema(DB_URL!, schema),
    REDIS_URL: REDIS_URL!,
    REDIS_PREFIX: prefix,
    DATA_DIR: dataDir,
    SESSION_SECRET: "an-e2e-cluster-secret-of-at-least-forty-chars",
    ALLOWED_ORIGINS: balancer.url,
    LOG_LEVEL: "info", // each instance logs its id at boot
  };
  instances = await Promise.all([launchServer(env), launchServer(env)]);
});

test.afterAll(async () => {
  await balancer?.close();
  await Promise.all(instances.map((i) => i.dispose()));
  if (DB_URL) await sql(`drop schema if exists ${schema} cascade`);
  if (REDIS_URL) await deleteRedisKeys(REDIS_URL, prefix);
  if (dataDir) rmSync(dataDir, { recursive: true, force: true });
});

const upload = (page: import("@playwright/test").Page, through: string, name: string) =>
  page.request.post(`${through}/api/jobs`, {
    headers: { origin: balancer.url },
    multipart: { file: { name, mimeType: "text/plain", buffer: Buffer.from(`${name}: Ada Lovelace wrote about the Analytical Engine in London.`) } },
  });

test("the browser moves to the other instance when its own stops, and gets what it missed by replay", async ({ page }) => {
  await signIn(page, balancer.url);
  await page.goto(`${balancer.url}/jobs`);
  const status = page.getByRole("banner").getByTestId("connection-status");
  await expect(status).toHaveAttribute("data-status", "live");
  const row = (name: string) => page.getByTestId("job-row").filter({ hasText: name });
  const bell = page.getByTestId("notification-bell");

  // A first job, so that the page's topics have an event id to resume from.
  expect((await upload(page, balancer.url, "before.txt")).status()).toBe(201);
  await expect(row("before.txt")).toContainText(/completed/i);
  await expect(bell).toHaveAttribute("data-unread", "1");

  // Which instance holds this page's socket (any instance answers for the whole cluster).
  const connections = (await (await page.request.get(`${balancer.url}/api/admin/connections`)).json()) as { items: { instance_id: string; email: string | null }[] };
  const mine = connections.items.filter((c) => c.email === ADMIN.email);
  expect(mine).toHaveLength(1);
  const holder = instances.find((i) => i.output().includes(mine[0]!.instance_id))!;
  const survivor = instances.find((i) => i !== holder)!;
  expect(holder).toBeDefined();

  await markNoReload(page);
  const listFetches: string[] = [];
  page.on("request", (r) => {
    if (r.method() === "GET" && new URL(r.url()).pathname === "/api/jobs") listFetches.push(r.url());
  });

  // The holder stops; the balancer keeps the page away until the survivor has done the work.
  balancer.hold();
  expect(await holder.stop()).toBe(0);
  await expect(status).toHaveAttribute("data-status", /reconnecting|connecting|offline/);
  const res = await upload(page, survivor.url, "while-away.txt");
  expect(res.status()).toBe(201);
  const { job_id: jobId } = (await res.json()) as { job_id: string };
  await expect
    .poll(async () => ((await (await page.request.get(`${survivor.url}/api/jobs/${jobId}`)).json()) as { status: string }).status, { timeout: 30_000 })
    .toBe("completed");
  await expect(row("while-away.txt")).toHaveCount(0);

  balancer.release();
  await expect(status).toHaveAttribute("data-status", "live", { timeout: 30_000 });
  await expect(row("while-away.txt")).toContainText(/completed/i);
  await expect(bell).toHaveAttribute("data-unread", "2");
  expect(await wasNotReloaded(page)).toBe(true);
  expect(listFetches).toEqual([]);
});
