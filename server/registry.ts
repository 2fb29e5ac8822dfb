// The one process-wide instance of everything stateful, kept on globalThis so that Next's bundled
// route handlers and the custom server (which load separate copies of modules) share it.
import type { ClusterIdentity } from "./cluster/identity";
import type { LeaderElection } from "./cluster/leader-election";
import type { Membership } from "./cluster/membership";
import type { ApiKeyStore } from "./auth/api-keys";
import type { SessionStore } from "./auth/sessions";
import type { Bus } from "./bus/bus";
import type { Env } from "./env";
import type { Hub } from "./hub/hub";
import type { Logger } from "./log";
import type { Metrics } from "./metrics";
import type { JobProcessor } from "./engines/job-processor/engine";
import type { IngestService } from "./services/ingest";
import type { JobsService } from "./services/jobs";
import type { AgentsService } from "./services/agents";
import type { TasksService } from "./services/tasks";
import type { KnowledgeService } from "./services/knowledge";
import type { InsightsService } from "./services/insights";
import type { HiveService } from "./services/hive";
import type { DagsService } from "./services/dags";
import type { DagRunner } from "./engines/dag-runner/runner";
import type { AlertEvaluator } from "./engines/alert-evaluator/evaluator";
import type { AlertsService } from "./services/alerts";
import type { SystemMonitor } from "./engines/metrics-collector/system-monitor";
import type { SystemService } from "./services/system";
import type { AgentScheduler } from "./engines/agent-scheduler/scheduler";
import type { Periodic } from "./engines/periodic";
import type { Insight } from "@/lib/protocol/entities/insights";
import type { NotificationsService } from "./services/notifications";
import type { MarketService } from "./services/market";
import type { WatchlistsService } from "./services/watchlists";
import type { MarketFeed } from "./engines/market-feed/feed";
import type { UsersService } from "./services/users";
import type { AdminService } from "./services/admin";
import type { AdminReporter } from "./engines/admin-reporter";
import type { Database } from "./storage/db";
import type { Repositories } from "./storage/repositories";

export interface Registry {
  env: Env;
  log: Logger;
  startedAt: Date;
  database: Database;
  repos: Repositories;
  bus: Bus;
  metrics: Metrics;
  sessions: SessionStore;
  apiKeys: ApiKeyStore;
  services: {
    users: UsersService;
    market: MarketService;
    watchlists: WatchlistsService;
    ingest: IngestService;
    notifications: NotificationsService;
    jobs: JobsService;
    agents: AgentsService;
    tasks: TasksService;
    knowledge: KnowledgeService;
    insights: InsightsService;
    hive: HiveService;
    dags: DagsService;
    system: SystemService;
    alerts: AlertsService;
    admin: AdminService;
  };
  /** This instance in the cluster: its identity, its heartbeat, and whether it leads. */
  cluster: { identity: ClusterIdentity; membership: Membership; election: LeaderElection };
  engines: {
    /** The market feed (the simulator), or null with MARKET_FEED=off. */
    marketFeed: MarketFeed | null;
    jobProcessor: JobProcessor;
    agentScheduler: AgentScheduler;
    insightAnalyzer: Periodic<Insight[]>;
    dagRunner: DagRunner;
    /** Host metrics collector and module health (modules add their checks with `registerModule`). */
    systemMonitor: SystemMonitor;
    /** Temporal alert rules over every bus event. */
    alertEvaluator: AlertEvaluator;
    /** The `admin` topic's connection events and figures. */
    adminReporter: AdminReporter;
  };
  hub: Hub;
  /** The origins allowed to send cookie-authenticated requests and open sockets, besides the app's own. */
  allowedOrigins: readonly string[];
}

const KEY = Symbol.for("switchboard.registry");
type GlobalWithRegistry = typeof globalThis & { [KEY]?: Registry };

export function setRegistry(registry: Registry | undefined): void {
  (globalThis as GlobalWithRegistry)[KEY] = registry;
}

/** The booted registry; throws when the custom server has not booted (e.g. `next dev` on its own). */
export function getRegistry(): Registry {
  const registry = (globalThis as GlobalWithRegistry)[KEY];
  if (!registry) throw new Error("Switchboard is not booted: start it with `npm run dev` or `npm start`, not `next` directly");
  return registry;
}
