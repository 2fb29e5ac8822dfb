// Two server processes as one cluster on PostgreSQL and Redis: events cross instances, a client
// resumes on the other instance with `since`, each job and each DAG run is processed once, and the leader's duties
// and unfinished jobs move to the survivor when the leader is killed. Needs TEST_DATABASE_URL and TEST_REDIS_URL.
import { mkdtempSync, rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createApiKeyStore } from "../auth/api-keys";
import { createRedisBus } from "../bus/redis-bus";
import type { Bus } from "../bus/bus";
import { newIdentity } from "./identity";
import { busSignals } from "./signals";
import { createLogger } from "../log";
import { jobTypeFor } from "../engines/job-processor/steps";
import { createDagsService } from "../services/dags";
import { createJobsService } from "../services/jobs";
import { createNotificationsService, type NotificationsService } from "../services/notifications";
import type { ClusterDeps } from "./deps";
import { openDatabase, type Database } from "../storage/db";
import { createRepositories, type Repositories } from "../storage/repositories";
import { eventually, instanceIdOf, publishInsight as publishAs, startInstance, withSchema, type InstanceProcess } from "../testing/instance-process";
import { deleteRedisKeys } from "../testing/redis-server";
import { connect, subscribe, type TestClient } from "../testing/ws-client";
import { sql } from "kysely";

const DB_URL = process.env.TEST_DATABASE_URL;
const REDIS_URL = process.env.TEST_REDIS_URL;

describe.skipIf(!DB_URL || !REDIS_URL)("two instances on PostgreSQL and Redis", () => {
  const schema = `sbcluster_${process.pid}`;
  const prefix = `sbtest:${process.pid}:cluster:`;
  const dataDir = mkdtempSync(path.join(os.tmpdir(), "switchboard-cluster-"));
  let a: InstanceProcess;
  let b: InstanceProcess;
  let database: Database;
  let repos: Repositories;
  let key: string;
  const clients: TestClient[] = [];

  const client = async (instance: InstanceProcess) => {
    const c = await connect(instance.wsUrl, { token: key });
    clients.push(c);
    await c.waitFor((m) => m.type === "connected");
    return c;
  };
  const publishInsight = (through: InstanceProcess) => publishAs(through, key);
  const insightsOn = (c: TestClient) => c.messages.filter((m) => m.type === "insight_generated").map((m) => (m.data as { insight_id: string }).insight_id);

  beforeAll(async () => {
    const env = {
      DATABASE_URL: withSchema(DB_URL!, schema),
      REDIS_URL: REDIS_URL!,
      REDIS_PREFIX: prefix,
      DATA_DIR: dataDir,
      SESSION_SECRET: "a-cluster-test-secret-of-forty-characters!",
      SWITCHBOARD_ADMIN_EMAIL: "root@cluster.test",
      SWITCHBOARD_ADMIN_PASSWORD: "root-password",
      HIVE_INTERVAL_MS: "300",
      // Each step of a job waits this long first, so that jobs are still running when an instance is killed.
      JOB_STEP_DELAY_MS: "300",
    };
    database = await openDatabase({ databaseUrl: DB_URL!, schema });
    await sql.raw(`drop schema if exists ${schema} cascade; create schema ${schema}`).execute(database.db);
    await database.close();
    // Both boot at once: migrations and first-start seeding must happen once.
    [a, b] = await Promise.all([startInstance(env), startInstance(env)]);
    database = await openDatabase({ databaseUrl: DB_URL!, schema });
    repos = createRepositories(database.db);
    key = (await createApiKeyStore(repos).create("cluster test", null)).key;
  }, 120_000);

  afterAll(async () => {
    for (const c of clients) c.close();
    await Promise.all([a?.kill("SIGTERM"), b?.kill("SIGTERM")]);
    if (database) {
      await sql.raw(`drop schema if exists ${schema} cascade`).execute(database.db);
      await database.close();
    }
    await deleteRedisKeys(REDIS_URL!, prefix);
    rmSync(dataDir, { recursive: true, force: true });
  }, 60_000);

  it("seeds once although both instances booted together", async () => {
    expect((await repos.agents.list()).length).toBe(5);
    expect(await repos.users.countAdmins()).toBe(1);
  });

  it("delivers an event published through one instance to a client on the other", async () => {
    const onB = await client(b);
    await subscribe(onB, ["insights"]);
    const id = await publishInsight(a);
    const pushed = await onB.waitFor((m) => m.type === "insight_generated" && m.data.insight_id === id);
    expect(pushed.id).toMatch(/^\d+-\d+$/);
  });

  it("replays exactly the missed events to a client that left A and resubscribes on B with since", async () => {
    const onA = await client(a);
    await subscribe(onA, ["insights"]);
    const first = await publishInsight(a);
    const seen = await onA.waitFor((m) => m.type === "insight_generated" && m.data.insight_id === first);
    onA.close();
    const missed = [await publishInsight(b), await publishInsight(a), await publishInsight(b)];

    const onB = await client(b);
    const subscribed = await subscribe(onB, ["insights"], seen.id);
    expect(subscribed.data.replayed).toBe(3);
    const live = await publishInsight(a);
    await onB.waitFor((m) => m.type === "insight_generated" && m.data.insight_id === live);
    expect(insightsOn(onB)).toEqual([...missed, live]);
    expect(onB.messages.some((m) => m.type === "resync")).toBe(false);
  });

  /** Runs `use` with services of this test process joined to the cluster's bus, as a third instance that runs no engines. */
  async function asClusterClient<T>(use: (deps: { bus: Bus; notifications: NotificationsService; cluster: ClusterDeps }) => Promise<T>): Promise<T> {
    const log = createLogger("silent");
    const bus: Bus = await createRedisBus({ url: REDIS_URL!, prefix, log });
    const identity = newIdentity();
    const signals = busSignals({ bus, instanceId: identity.instanceId, log });
    try {
      return await use({ bus, notifications: createNotificationsService({ repos, bus }), cluster: { identity, signals } });
    } finally {
      signals.close();
      await bus.close();
    }
  }

  it("processes each job once across both instances", async () => {
    // Jobs enter the queue as an upload does: stored, then signalled to every instance on the bus.
    await asClusterClient(async ({ bus, notifications, cluster }) => {
      const jobs = createJobsService({ repos, bus, notifications, uploadDir: path.join(dataDir, "uploads"), maxUploadBytes: 1024 * 1024, typeOf: jobTypeFor, cluster });
      const created = [];
      for (let i = 0; i < 8; i++) {
        const text = `Report ${i}. Revenue in Berlin grew by ${10 + i} percent while costs in Paris fell. Acme Corp expects growth next quarter.`;
        created.push(await jobs.create({ ownerId: null, filename: `report-${i}.txt`, bytes: new TextEncoder().encode(text) }));
      }
      const ids = created.map((j) => j.job_id);
      const done = await eventually(
        async () => {
          const rows = await Promise.all(ids.map((id) => repos.jobs.findById(id)));
          return rows.every((r) => r?.status === "completed") ? rows : undefined;
        },
        60_000,
        "every job to complete",
      );
      for (const row of done) expect(row!.retry_count).toBe(0);
      const extractions = await database.db.selectFrom("tasks").select(["job_id"]).where("type", "=", "text_extraction").where("job_id", "in", ids).execute();
      expect(extractions.map((t) => t.job_id).sort()).toEqual([...ids].sort());
      // Each completed job becomes one knowledge item (written just after the job completes): never two.
      const knowledge = await eventually(
        async () => {
          const rows = await database.db.selectFrom("knowledge_items").select("source_job").where("source_job", "in", ids).execute();
          return rows.length >= ids.length ? rows : undefined;
        },
        10_000,
        "a knowledge item per job",
      );
      expect(knowledge.map((k) => k.source_job).sort()).toEqual([...ids].sort());
      // Every job was claimed by one of the two (which one is up to the race for the rows).
      const owners = new Set(done.map((r) => r!.owner_instance));
      expect([...owners].every((o) => o === instanceIdOf(a) || o === instanceIdOf(b))).toBe(true);
    });
  }, 90_000);

  it("runs each DAG run once across both instances: every step once, one notification per run", async () => {
    await asClusterClient(async ({ bus, notifications, cluster }) => {
      const dags = createDagsService({ repos, bus, notifications, cluster });
      const owner = await repos.users.findByEmail("root@cluster.test");
      const dag = await dags.create({
        name: "Cluster once",
        description: null,
        ownerId: owner!.id,
        steps: [
          { step_id: "wait", depends_on: [], operator: "delay", params: { ms: 50 }, retries: 0 },
          { step_id: "tell", depends_on: ["wait"], operator: "notify", params: { title: "Run {{params.n}} done", message: "", level: "info" }, retries: 0 },
        ],
      });
      const runs: string[] = [];
      for (let n = 0; n < 8; n++) runs.push((await dags.trigger(dag.dag_id, { params: { n }, ownerId: owner!.id })).run_id);
      const finished = await eventually(
        async () => {
          const rows = await database.db.selectFrom("dag_runs").select(["run_id", "status", "owner_instance"]).where("run_id", "in", runs).execute();
          return rows.length === runs.length && rows.every((r) => r.status !== "queued" && r.status !== "running") ? rows : undefined;
        },
        60_000,
        "every run to finish",
      );
      expect(finished.map((r) => r.status)).toEqual(runs.map(() => "success"));
      expect(finished.every((r) => r.owner_instance === instanceIdOf(a) || r.owner_instance === instanceIdOf(b))).toBe(true);
      const steps = await database.db.selectFrom("dag_run_steps").select(["status", "retry_count"]).where("run_id", "in", runs).execute();
      expect(steps).toHaveLength(runs.length * 2);
      expect(steps.every((s) => s.status === "success" && s.retry_count === 0)).toBe(true);
      const told = await database.db.selectFrom("notifications").select("title").where("user_id", "=", owner!.id).where("title", "like", "Run % done").execute();
      expect(told.map((t) => t.title).sort()).toEqual(runs.map((_, n) => `Run ${n} done`).sort());
    });
  }, 90_000);

  it("moves the leader's periodic producers within 15 s, and its unfinished jobs, to the other instance when the leader is killed", async () => {
    const holder = await eventually(() => repos.cluster.leaseHolder("leader"), 15_000, "a leader");
    const [leader, survivor] = instanceIdOf(a) === holder.holder ? [a, b] : [b, a];
    expect(instanceIdOf(leader)).toBe(holder.holder);
    const watcher = await client(survivor);
    await subscribe(watcher, ["system"]);
    // The leader publishes hive status every 300 ms.
    await watcher.waitFor((m) => m.type === "hive_status_update");

    // Four slow jobs on two instances of two workers each: two run on the leader when it dies.
    const ids = await asClusterClient(async ({ bus, notifications, cluster }) => {
      const jobs = createJobsService({ repos, bus, notifications, uploadDir: path.join(dataDir, "uploads"), maxUploadBytes: 1024 * 1024, typeOf: jobTypeFor, cluster });
      const created = [];
      for (let i = 0; i < 4; i++) created.push(await jobs.create({ ownerId: null, filename: `late-${i}.txt`, bytes: new TextEncoder().encode(`Late report ${i}. Acme Corp in Berlin grew.`) }));
      return created.map((j) => j.job_id);
    });
    await eventually(
      async () => (await Promise.all(ids.map((id) => repos.jobs.findById(id)))).every((r) => r?.status === "processing"),
      30_000,
      "all four jobs to be running",
    );

    await leader.kill("SIGKILL");
    const killedAt = Date.now();
    const interrupted = (await Promise.all(ids.map((id) => repos.jobs.findById(id)))).filter((r) => r?.status === "processing" && r.owner_instance === instanceIdOf(leader)).map((r) => r!.job_id);
    expect(interrupted.length).toBeGreaterThan(0);

    // Published after the kill, so by the survivor (the envelope's ts is the publisher's clock, this machine's).
    await watcher.waitFor((m) => m.type === "hive_status_update" && Date.parse(String(m.ts)) > killedAt, { timeoutMs: 15_000 });
    const elapsed = Date.now() - killedAt;
    expect(elapsed).toBeLessThan(15_000);
    expect((await repos.cluster.leaseHolder("leader"))?.holder).toBe(instanceIdOf(survivor));

    // The dead instance's jobs are taken up (once its heartbeat is a lease old) and finished by the survivor.
    const finished = await eventually(
      async () => {
        const rows = await Promise.all(ids.map((id) => repos.jobs.findById(id)));
        return rows.every((r) => r?.status === "completed") ? rows : undefined;
      },
      40_000,
      "every job to complete after the kill",
    );
    for (const row of finished.filter((r) => interrupted.includes(r!.job_id))) {
      expect(row!.owner_instance).toBe(instanceIdOf(survivor));
      expect(row!.retry_count).toBe(1);
    }
    const knowledge = await eventually(
      async () => {
        const rows = await database.db.selectFrom("knowledge_items").select("source_job").where("source_job", "in", ids).execute();
        return rows.length >= ids.length ? rows : undefined;
      },
      10_000,
      "a knowledge item per job",
    );
    expect(knowledge.map((k) => k.source_job).sort()).toEqual([...ids].sort());
  }, 90_000);
});
