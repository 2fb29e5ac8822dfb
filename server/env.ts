// Every environment variable the server reads, parsed once with zod; impossible settings fail at boot.
import path from "node:path";
import { z } from "zod";

const bool = z
  .enum(["1", "0", "true", "false", "yes", "no"])
  .transform((v) => v === "1" || v === "true" || v === "yes");

const envSchema = z.object({
  NODE_ENV: z.enum(["development", "production", "test"]).default("production"),
  PORT: z.coerce.number().int().min(0).max(65535).default(3000),
  HOST: z.string().min(1).default("127.0.0.1"),
  DATA_DIR: z.string().min(1).default("./data"),
  DATABASE_URL: z.string().url().optional(),
  /** PostgreSQL connections each instance keeps at most (instances × this must stay under the server's max_connections). */
  DATABASE_POOL_SIZE: z.coerce.number().int().min(2).max(200).default(10),
  REDIS_URL: z.string().url().optional(),
  /** Redis keys and channels start with this, so several clusters (or test runs) can share one Redis. */
  REDIS_PREFIX: z.string().regex(/^[A-Za-z0-9:_.-]{1,64}$/, "REDIS_PREFIX may hold letters, digits and : _ . -").default("switchboard:"),
  /** Cluster: an instance silent this long is gone (its work is taken up again); the leader lease lasts this long. */
  CLUSTER_LEASE_MS: z.coerce.number().int().min(500).max(120_000).default(10_000),
  SESSION_SECRET: z.string().min(32, "SESSION_SECRET must be at least 32 characters").optional(),
  ALLOWED_ORIGINS: z
    .string()
    .default("")
    .transform((v) => v.split(",").map((s) => s.trim()).filter(Boolean))
    .pipe(z.array(z.string().url("ALLOWED_ORIGINS must be a comma-separated list of origins like https://ops.example.com"))),
  SWITCHBOARD_ADMIN_EMAIL: z.string().email().optional(),
  SWITCHBOARD_ADMIN_PASSWORD: z.string().min(8, "SWITCHBOARD_ADMIN_PASSWORD must be at least 8 characters").optional(),
  MARKET_FEED: z.enum(["simulator", "off"]).default("simulator"),
  /** Market simulator: seed (same seed, same prices), quotes per second per ticker, tickers (comma-separated), mean seconds between news. */
  MARKET_SEED: z.coerce.number().int().min(0).optional(),
  MARKET_TICK_RATE: z.coerce.number().min(0.1).max(1_000).default(10),
  MARKET_TICKERS: z
    .string()
    .optional()
    .transform((v) => (v ? v.split(",").map((t) => t.trim().toUpperCase()).filter(Boolean) : undefined))
    .pipe(z.array(z.string().regex(/^[A-Z0-9][A-Z0-9.-]{0,15}$/, "MARKET_TICKERS must list upper-case tickers like AAPL,MSFT")).min(1).max(500).optional()),
  MARKET_NEWS_INTERVAL_S: z.coerce.number().min(0.1).default(20),
  /** Hub: a socket gets at most one market_data_batch per this many ms (0 sends every quote; the fan-out bench uses 0). */
  HUB_MARKET_CONFLATE_MS: z.coerce.number().int().min(0).max(10_000).default(100),
  LOG_LEVEL: z.enum(["fatal", "error", "warn", "info", "debug", "trace", "silent"]).default("info"),
  SECURE_COOKIES: bool.optional(),
  /** Hub tuning; the defaults are PROTOCOL.md's numbers. */
  HUB_PING_MS: z.coerce.number().int().min(50).default(30_000),
  HUB_HEARTBEAT_MS: z.coerce.number().int().min(50).default(15_000),
  HUB_AUTH_TIMEOUT_MS: z.coerce.number().int().min(50).default(5_000),
  HUB_MAX_BUFFER_BYTES: z.coerce.number().int().min(1024).default(4 * 1024 * 1024),
  HUB_RATE_PER_SEC: z.coerce.number().min(1).default(50),
  HUB_RATE_BURST: z.coerce.number().int().min(1).default(100),
  BUS_LOG_SIZE: z.coerce.number().int().min(10).default(10_000),
  /** Job processor: workers at once, a pause before each step (demos, tests), upload limit. */
  JOB_CONCURRENCY: z.coerce.number().int().min(1).max(64).default(2),
  JOB_STEP_DELAY_MS: z.coerce.number().int().min(0).max(60_000).default(0),
  MAX_UPLOAD_BYTES: z.coerce.number().int().min(1024).default(10 * 1024 * 1024),
  /** Agents: the first retry's delay (doubles per attempt), learning cycle period. */
  TASK_RETRY_BASE_MS: z.coerce.number().int().min(10).max(600_000).default(2_000),
  LEARNING_INTERVAL_MS: z.coerce.number().int().min(100).default(60_000),
  /** Insights: analyzer schedule and the period it compares; dashboard metrics and hive status schedules. */
  INSIGHT_INTERVAL_MS: z.coerce.number().int().min(100).default(5 * 60_000),
  INSIGHT_PERIOD_MS: z.coerce.number().int().min(1_000).default(60 * 60_000),
  METRICS_INTERVAL_MS: z.coerce.number().int().min(100).default(30_000),
  HIVE_INTERVAL_MS: z.coerce.number().int().min(100).default(10_000),
  /** DAG runner: runs at once, steps of a run at once, the first retry's delay, hosts http_request may call. */
  DAG_RUN_CONCURRENCY: z.coerce.number().int().min(1).max(64).default(4),
  DAG_PARALLELISM: z.coerce.number().int().min(1).max(64).default(4),
  DAG_RETRY_BASE_MS: z.coerce.number().int().min(10).max(600_000).default(1_000),
  DAG_HTTP_ALLOW: z
    .string()
    .default("127.0.0.1,localhost,::1")
    .transform((v) => v.split(",").map((h) => h.trim().toLowerCase()).filter(Boolean)),
  /** Host metrics collector: metrics, top processes and interfaces schedules; module health checks' schedule. */
  SYSTEM_METRICS_INTERVAL_MS: z.coerce.number().int().min(100).max(60_000).default(1_000),
  SYSTEM_PROCESSES_INTERVAL_MS: z.coerce.number().int().min(500).max(600_000).default(5_000),
  MODULE_HEALTH_INTERVAL_MS: z.coerce.number().int().min(100).max(600_000).default(5_000),
  /** Resource alerts: usage in percent at which cpu, memory and disk raise `resource_alert` (once per crossing). */
  RESOURCE_ALERT_CPU: z.coerce.number().min(1).max(100).default(90),
  RESOURCE_ALERT_MEMORY: z.coerce.number().min(1).max(100).default(90),
  RESOURCE_ALERT_DISK: z.coerce.number().min(1).max(100).default(90),
  /** Skip Next.js entirely (hub and API-less tests, benchmarks). */
  SWITCHBOARD_NO_NEXT: bool.default(false),
});

export type Env = z.infer<typeof envSchema> & { dataDir: string; dev: boolean };

/** Parses `source` (default process.env) into a typed Env or throws one message listing every problem. */
export function loadEnv(source: Record<string, string | undefined> = process.env): Env {
  const cleaned = Object.fromEntries(Object.entries(source).filter(([, v]) => v !== undefined && v !== ""));
  const parsed = envSchema.safeParse(cleaned);
  if (!parsed.success) {
    const lines = parsed.error.issues.map((i) => `  ${i.path.join(".")}: ${i.message}`);
    throw new Error(`Invalid environment:\n${lines.join("\n")}`);
  }
  const env = parsed.data;
  if (env.SWITCHBOARD_ADMIN_PASSWORD && !env.SWITCHBOARD_ADMIN_EMAIL) {
    throw new Error("Invalid environment:\n  SWITCHBOARD_ADMIN_PASSWORD is set but SWITCHBOARD_ADMIN_EMAIL is not");
  }
  return { ...env, dataDir: path.resolve(env.DATA_DIR), dev: env.NODE_ENV === "development" };
}
