// Boots Switchboard in order (env -> storage -> bus -> services -> hub -> engines -> Next -> listen)
// and shuts it down in reverse: stop accepting, close sockets with 1001, stop engines, flush storage.
import { EventEmitter } from "node:events";
import path from "node:path";
import http from "node:http";
import type { AddressInfo } from "node:net";
import { createApiKeyStore } from "./auth/api-keys";
import { createSessionStore } from "./auth/sessions";
import { createMemoryBus } from "./bus/memory-bus";
import type { Bus } from "./bus/bus";
import { withBootLock } from "./cluster/boot-lock";
import { newIdentity } from "./cluster/identity";
import { assignLeaderDuties, type Duty } from "./cluster/leader-duties";
import { createLeaderElection } from "./cluster/leader-election";
import { createMembership } from "./cluster/membership";
import { busSignals } from "./cluster/signals";
import { loadEnv, type Env } from "./env";
import { createHub } from "./hub/hub";
import { randomSecret } from "./ids";
import { createLogger, type Logger } from "./log";
import { createMetrics } from "./metrics";
import { setRegistry, type Registry } from "./registry";
import { createJobProcessor } from "./engines/job-processor/engine";
import * as processingSteps from "./engines/job-processor/steps";
import { createIngestService } from "./services/ingest";
import { createJobsService } from "./services/jobs";
import { createNotificationsService } from "./services/notifications";
import { createMarketService } from "./services/market";
import { createWatchlistsService } from "./services/watchlists";
import { createMarketSimulator } from "./engines/market-feed/simulator";
import { createUsersService } from "./services/users";
import { createAdminService, type InstanceReport } from "./services/admin";
import { createAdminReporter } from "./engines/admin-reporter";
import { createAgentsService } from "./services/agents";
import { createTasksService } from "./services/tasks";
import { createKnowledgeService } from "./services/knowledge";
import { createInsightsService } from "./services/insights";
import { createHiveService } from "./services/hive";
import { createDagsService } from "./services/dags";
import { exampleDags } from "./services/dag-examples";
import { createDagRunner } from "./engines/dag-runner/runner";
import { createAlertEvaluator } from "./engines/alert-evaluator/evaluator";
import { createAlertsService } from "./services/alerts";
import { createSystemMonitor } from "./engines/metrics-collector/system-monitor";
import { createSystemService } from "./services/system";
import { createAgentScheduler } from "./engines/agent-scheduler/scheduler";
import { directTaskHandlers } from "./engines/agent-scheduler/task-handler";
import { runLearningCycle } from "./engines/agent-scheduler/learning-cycle";
import { analyzeNow } from "./engines/insight-analyzer/engine";
import { periodic, rateLimited } from "./engines/periodic";
import { openDatabase, type Database } from "./storage/db";
import { createRepositories } from "./storage/repositories";
import { createRequestHandler } from "./http/request-handler";

export interface StartOptions {
  /** Environment to parse (default process.env). */
  env?: Record<string, string | undefined>;
  /** An open database to use instead of opening one from the environment (tests). */
  database?: Database;
  log?: Logger;
}

export interface RunningServer {
  registry: Registry;
  url: string;
  port: number;
  /** Graceful shutdown; resolves when everything is closed. */
  close(): Promise<void>;
}

export async function startServer(options: StartOptions = {}): Promise<RunningServer> {
  const env: Env = loadEnv(options.env ?? process.env);
  const log = options.log ?? createLogger(env.LOG_LEVEL);
  const startedAt = new Date();

  const database =
    options.database ?? (await openDatabase({ databaseUrl: env.DATABASE_URL, dataDir: env.dataDir, poolSize: env.DATABASE_POOL_SIZE }));
  const repos = createRepositories(database.db);
  log.info({ driver: database.driver }, "storage ready");

  const identity = newIdentity(env.CLUSTER_LEASE_MS);
  const bus: Bus = env.REDIS_URL
    ? await (await import("./bus/redis-bus")).createRedisBus({ url: env.REDIS_URL, prefix: env.REDIS_PREFIX, logSize: env.BUS_LOG_SIZE, log: log.child({ module: "bus" }) })
    : createMemoryBus({ logSize: env.BUS_LOG_SIZE });
  log.info({ bus: bus.kind, instance_id: identity.instanceId }, "bus ready");
  const signals = busSignals({ bus, instanceId: identity.instanceId, log: log.child({ module: "signals" }) });
  const cluster = { identity, signals };
  // Registered before any engine takes work, so the work it marks as its own is known to be alive.
  const membership = createMembership({ repos, identity, log: log.child({ module: "membership" }) });
  await membership.start();
  const election = createLeaderElection({ repos, identity, log: log.child({ module: "leader-election" }) });
  const metrics = createMetrics();

  const secret = env.SESSION_SECRET ?? (await repos.settings.getOrInsert("session_secret", randomSecret(48)));
  const sessions = createSessionStore(repos, secret, { signals });
  const apiKeys = createApiKeyStore(repos);
  const users = createUsersService(repos);
  const market = createMarketService({ repos, bus });
  const watchlists = createWatchlistsService({ repos, bus, cluster });
  const agents = createAgentsService({ repos, bus, cluster });
  const tasks = createTasksService({ repos, bus, cluster });
  const knowledge = createKnowledgeService({ repos, bus });
  const insights = createInsightsService({ repos, bus });
  const hive = createHiveService({ bus, agents, tasks });
  const ingest = createIngestService({ market, agents, insights });
  const notifications = createNotificationsService({ repos, bus });
  const dags = createDagsService({ repos, bus, notifications, cluster });
  const alerts = createAlertsService({ repos, bus, notifications });
  const jobs = createJobsService({
    repos,
    bus,
    notifications,
    uploadDir: path.join(env.dataDir, "uploads"),
    maxUploadBytes: env.MAX_UPLOAD_BYTES,
    typeOf: processingSteps.jobTypeFor,
    cluster,
  });
  await withBootLock(database, async () => {
    await users.bootstrapAdmin({ email: env.SWITCHBOARD_ADMIN_EMAIL, password: env.SWITCHBOARD_ADMIN_PASSWORD, log });
    const seeded = await agents.seedBuiltins();
    if (seeded > 0) log.info({ agents: seeded }, "created the built-in agents");
    const seededDags = await dags.seed(exampleDags(`http://${env.HOST.includes(":") ? `[${env.HOST}]` : env.HOST}:${env.PORT}`));
    if (seededDags > 0) log.info({ dags: seededDags }, "created the example DAGs");
  });
  jobs.onCancelled((jobId) => {
    tasks.cancelForJob(jobId, "its job was cancelled").catch((err: unknown) => log.error({ err, job_id: jobId }, "could not cancel a job's tasks"));
  });

  const hub = createHub({
    bus,
    instanceId: identity.instanceId,
    sessions,
    apiKeys,
    metrics,
    log: log.child({ module: "hub" }),
    options: {
      pingMs: env.HUB_PING_MS,
      heartbeatMs: env.HUB_HEARTBEAT_MS,
      authTimeoutMs: env.HUB_AUTH_TIMEOUT_MS,
      maxBufferBytes: env.HUB_MAX_BUFFER_BYTES,
      ratePerSec: env.HUB_RATE_PER_SEC,
      rateBurst: env.HUB_RATE_BURST,
      allowedOrigins: env.ALLOWED_ORIGINS,
      validateOutgoing: env.NODE_ENV !== "production",
      conflateMarketMs: env.HUB_MARKET_CONFLATE_MS,
    },
  });

  const admin = createAdminService({
    repos,
    bus,
    connections: hub,
    sessions,
    apiKeys,
    users,
    notifications,
    log: log.child({ module: "admin" }),
    peers: async () =>
      (await membership.alive())
        .filter((row) => row.instance_id !== identity.instanceId)
        .map((row) => ({ instance_id: row.instance_id, hostname: row.hostname, report: (row.snapshot ?? null) as InstanceReport | null })),
    reportIntervalMs: membership.beatIntervalMs,
  });
  // Every heartbeat carries this instance's sockets, for the cluster-wide admin console.
  membership.setSnapshot(() => admin.instanceReport());
  const adminReporter = createAdminReporter({ admin, hub, log: log.child({ module: "admin-reporter" }), reportsTopics: () => election.isLeader() });

  const steps = {
    extractText: processingSteps.extractText,
    summarize: (text: string) => processingSteps.summarize(text),
    // The async form yields between chunks, so a long document does not stall the hub.
    extractEntities: (text: string, { signal }: { signal: AbortSignal }) => processingSteps.extractEntitiesAsync(text, { signal }),
    extractInsights: processingSteps.extractInsights,
  };
  const agentScheduler = createAgentScheduler({
    agents,
    tasks,
    handlers: directTaskHandlers(steps),
    log: log.child({ module: "agent-scheduler" }),
    retryPolicy: { baseDelayMs: env.TASK_RETRY_BASE_MS, maxDelayMs: Math.max(env.TASK_RETRY_BASE_MS, 60_000) },
    taskDelayMs: env.JOB_STEP_DELAY_MS,
  });
  const dashboardMetrics = periodic("dashboard metrics", env.METRICS_INTERVAL_MS, () => insights.publishDashboardMetrics(), log, { runAtStart: true });
  // After each completed job, at most every 2 s.
  const metricsAfterJob = rateLimited(() => void dashboardMetrics.runNow().catch((err: unknown) => log.error({ err }, "dashboard metrics failed")), 2_000);
  const jobProcessor = createJobProcessor({
    jobs,
    steps,
    scheduler: agentScheduler,
    onCompleted: async (job) => {
      await knowledge.createFromJob(job);
      metricsAfterJob.poke();
    },
    log: log.child({ module: "job-processor" }),
    concurrency: env.JOB_CONCURRENCY,
    stepDelayMs: env.JOB_STEP_DELAY_MS,
  });
  const learning = periodic("learning cycle", env.LEARNING_INTERVAL_MS, () => runLearningCycle(agents), log);
  const insightAnalyzer = periodic("insight analyzer", env.INSIGHT_INTERVAL_MS, () => analyzeNow({ insights, periodMs: env.INSIGHT_PERIOD_MS }), log);
  const hiveReporter = periodic("hive status", env.HIVE_INTERVAL_MS, () => hive.publish(), log, { runAtStart: true });
  // Work an instance that died (or stopped) left half done is taken up by the leader every lease.
  const workRecovery = periodic(
    "work recovery",
    identity.leaseMs,
    async () => {
      const agentsReleased = (await agents.releaseInterrupted()).length;
      const recovered = await tasks.recoverInterrupted();
      const jobsRequeued = (await jobs.requeueInterrupted()).length;
      const runsFailed = await dags.failInterrupted();
      await repos.cluster.prune(24 * 3600_000);
      if (agentsReleased + recovered.requeued + recovered.cancelled + jobsRequeued + runsFailed > 0) {
        log.info({ agents: agentsReleased, ...recovered, jobs: jobsRequeued, dag_runs: runsFailed }, "took up the work of instances that are gone");
      }
    },
    log,
    { runAtStart: true },
  );
  const dagRunner = createDagRunner({
    dags,
    jobs,
    notifications,
    log: log.child({ module: "dag-runner" }),
    concurrency: env.DAG_RUN_CONCURRENCY,
    parallelism: env.DAG_PARALLELISM,
    retryPolicy: { baseDelayMs: env.DAG_RETRY_BASE_MS, maxDelayMs: Math.max(env.DAG_RETRY_BASE_MS, 60_000) },
    httpAllow: env.DAG_HTTP_ALLOW,
  });
  // The market feed hands quotes and news to the market service (the single publisher); a ticker added
  // to any watchlist joins the feed.
  const marketFeed =
    env.MARKET_FEED === "simulator"
      ? createMarketSimulator({
          ingest: (events) => market.ingest(events),
          log: log.child({ module: "market-feed" }),
          tickers: env.MARKET_TICKERS,
          seed: env.MARKET_SEED,
          tickRate: env.MARKET_TICK_RATE,
          newsIntervalS: env.MARKET_NEWS_INTERVAL_S,
        })
      : null;
  if (marketFeed) {
    marketFeed.subscribe(await watchlists.allTickers());
    market.addKnownTickers(marketFeed.tickers());
  }
  const system = createSystemService({ bus });
  const systemMonitor = createSystemMonitor({
    system,
    log: log.child({ module: "system-monitor" }),
    dataDir: env.dataDir,
    metricsIntervalMs: env.SYSTEM_METRICS_INTERVAL_MS,
    processesIntervalMs: env.SYSTEM_PROCESSES_INTERVAL_MS,
    healthIntervalMs: env.MODULE_HEALTH_INTERVAL_MS,
    thresholds: { cpu: env.RESOURCE_ALERT_CPU, memory: env.RESOURCE_ALERT_MEMORY, disk: env.RESOURCE_ALERT_DISK },
    modules: { hub, bus, database, jobProcessor, agentScheduler, dagRunner, marketFeed },
  });
  const stopBusWatch = bus.onConnectionChange((connected) => {
    if (connected) log.info({ bus: bus.kind }, "the bus is connected again");
    else log.error({ bus: bus.kind }, "the bus lost its connection; events wait until it is back");
  });
  const alertEvaluator = createAlertEvaluator({ alerts, bus, log: log.child({ module: "alert-evaluator" }) });

  const stopWatchlistFeed = watchlists.onChanged((list) => {
    marketFeed?.subscribe(list.tickers);
    market.addKnownTickers(list.tickers);
  });

  const registry: Registry = {
    env,
    log,
    startedAt,
    database,
    repos,
    bus,
    metrics,
    sessions,
    apiKeys,
    services: { users, market, watchlists, ingest, notifications, jobs, agents, tasks, knowledge, insights, hive, dags, system, alerts, admin },
    engines: { marketFeed, jobProcessor, agentScheduler, insightAnalyzer, dagRunner, systemMonitor, alertEvaluator, adminReporter },
    cluster: { identity, membership, election },
    hub,
    allowedOrigins: env.ALLOWED_ORIGINS,
  };
  setRegistry(registry);

  // Every instance takes jobs, tasks and DAG runs (row locks keep each with one instance); the
  // periodic producers, the market feed, the host monitor and the alert evaluator run on the leader.
  await agentScheduler.start();
  await jobProcessor.start();
  await dagRunner.start();
  adminReporter.start();
  const duty = (name: string, engine: { start(): void | Promise<void>; stop(): Promise<void> }): Duty => ({ name, start: () => engine.start(), stop: () => engine.stop() });
  const duties: Duty[] = [
    duty("work recovery", workRecovery),
    duty("dashboard metrics", dashboardMetrics),
    duty("learning cycle", learning),
    duty("insight analyzer", insightAnalyzer),
    duty("hive status", hiveReporter),
    ...(marketFeed ? [duty("market feed", marketFeed)] : []),
    duty("system monitor", systemMonitor),
    duty("alert evaluator", alertEvaluator),
  ];
  assignLeaderDuties(election, duties, log.child({ module: "leader-duties" }));
  await election.start();

  // Next gets a private emitter as its "httpServer": it attaches its own upgrade listener (dev HMR)
  // there, and we forward only the upgrades that are not ours. See DESIGN.md, "Upgrades".
  const nextUpgrades = new EventEmitter();
  const next = env.SWITCHBOARD_NO_NEXT ? null : await prepareNext(env, nextUpgrades);
  const handler = createRequestHandler({ registry, next });

  const server = http.createServer(handler);
  server.on("upgrade", (req, socket, head) => {
    const path = (req.url ?? "/").split("?")[0];
    if (path === "/ws") hub.handleUpgrade(req, socket, head);
    else if (next) nextUpgrades.emit("upgrade", req, socket, head);
    else socket.destroy();
  });
  server.keepAliveTimeout = 65_000;

  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(env.PORT, env.HOST, () => resolve());
  });
  const port = (server.address() as AddressInfo).port;
  const url = `http://${env.HOST.includes(":") ? `[${env.HOST}]` : env.HOST}:${port}`;
  log.info({ url, dev: env.dev, next: Boolean(next) }, "Switchboard is listening");

  let closing: Promise<void> | null = null;
  const close = () =>
    (closing ??= (async () => {
      log.info("shutting down");
      const stopped = new Promise<void>((resolve) => server.close(() => resolve()));
      await hub.close();
      await adminReporter.stop();
      server.closeAllConnections();
      await stopped;
      metricsAfterJob.cancel();
      stopWatchlistFeed();
      // Leader duties first (the host monitor's checks must not see the engines stopping), and the
      // lease handed back so another instance leads at once.
      await election.stop();
      await dagRunner.stop();
      await jobProcessor.stop();
      await agentScheduler.stop();
      await membership.stop(); // the work left half done is taken up by the others now
      await market.stop();
      system.stop();
      stopBusWatch();
      signals.close();
      await bus.close();
      if (next) await next.close().catch(() => {});
      if (!options.database) await database.close();
      setRegistry(undefined);
      log.info("shut down");
    })());

  return { registry, url, port, close };
}

interface NextApp {
  getRequestHandler(): (req: http.IncomingMessage, res: http.ServerResponse) => Promise<void>;
  close(): Promise<void>;
}

async function prepareNext(env: Env, httpServer: EventEmitter): Promise<NextApp> {
  const { default: nextFactory } = await import("next");
  const app = nextFactory({
    dev: env.dev,
    dir: process.cwd(),
    hostname: env.HOST,
    port: env.PORT,
    httpServer: httpServer as unknown as http.Server,
  });
  await app.prepare();
  return app as unknown as NextApp;
}
