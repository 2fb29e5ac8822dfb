// The system monitor engine: the host metrics collector plus the module health monitor (the
// built-in checks, the collector's own, and any a module registers later), started after the other
// engines and stopped on shutdown.
import type { Logger } from "../../log";
import type { SystemService } from "../../services/system";
import { periodic } from "../periodic";
import { createMetricsCollector, type HostSource, type MetricsCollector } from "./collector";
import { builtinModuleChecks, type ModuleCheckDeps } from "./module-checks";
import { createModuleHealthMonitor, type ModuleHealthCheck, type ModuleHealthMonitor } from "./module-health";
import type { WatchedResource } from "./resource-alerts";

export interface SystemMonitorOptions {
  system: SystemService;
  log: Logger;
  dataDir: string;
  metricsIntervalMs: number;
  processesIntervalMs: number;
  healthIntervalMs: number;
  thresholds: Record<WatchedResource, number>;
  modules: Omit<ModuleCheckDeps, "now">;
  source?: HostSource;
}

export interface SystemMonitor {
  collector: MetricsCollector;
  moduleHealth: ModuleHealthMonitor;
  /** Adds a module's health check (e.g. the market feed's); returns its removal. */
  registerModule(check: ModuleHealthCheck): () => void;
  start(): void;
  stop(): Promise<void>;
}

export function createSystemMonitor(options: SystemMonitorOptions): SystemMonitor {
  const { system, log } = options;
  const collector = createMetricsCollector({
    system,
    log,
    dataDir: options.dataDir,
    intervalMs: options.metricsIntervalMs,
    processesIntervalMs: options.processesIntervalMs,
    thresholds: options.thresholds,
    source: options.source,
  });
  const moduleHealth = createModuleHealthMonitor({
    log,
    onChecked: async (health, changed) => {
      await system.recordModuleHealth(health, changed);
      if (changed) log.info({ module: health.module, from: health.old_status, to: health.new_status, reason: health.reason }, "module status changed");
    },
  });
  const builtins = builtinModuleChecks(options.modules);
  for (const check of [...builtins.checks, collector.healthCheck()]) moduleHealth.register(check);
  const checker = periodic("module health", options.healthIntervalMs, () => moduleHealth.runNow(), log);
  let first: NodeJS.Timeout | null = null;

  return {
    collector,
    moduleHealth,
    registerModule: (check) => moduleHealth.register(check),
    start() {
      collector.start();
      checker.start();
      // The first check once the collector has had time for a sample, so it does not start "late".
      first = setTimeout(() => void checker.runNow().catch((err: unknown) => log.error({ err }, "module health failed")), Math.min(options.healthIntervalMs, options.metricsIntervalMs * 2));
      first.unref();
    },
    async stop() {
      if (first) clearTimeout(first);
      first = null;
      await checker.stop();
      await collector.stop();
      builtins.stop();
    },
  };
}
