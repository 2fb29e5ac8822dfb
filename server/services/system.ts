// System service: the host's metrics (the last 5 minutes, in memory), top processes, interfaces,
// the modules' health and recent system and resource alerts; it keeps each and publishes it on
// `system` / `system:alerts`. The metrics collector and the module health monitor feed it. In a
// cluster they run on the leader: the metrics history and the alerts follow the bus on every
// instance, and an instance that is not collecting keeps the processes, interfaces and modules
// from the leader's updates.
import type { AlertsResponse, MetricsPoint, ModuleHealth, SystemAlertEntry } from "@/lib/api/system";
import { METRICS_HISTORY_SECONDS } from "@/lib/api/system";
import type { ModuleStatusChanged, NetworkUpdate, ProcessUpdate, ResourceAlert, SystemAlert, SystemMetrics } from "@/lib/protocol/entities/system";
import { topics } from "@/lib/protocol/topics";
import type { Bus } from "../bus/bus";

export interface SystemServiceDeps {
  bus: Bus;
  /** Recent alerts kept for GET /api/system/alerts (default 100). */
  alertsCap?: number;
}

/** Points kept at most, whatever the interval (5 minutes at 10 per second). */
const MAX_POINTS = 3_000;

export function createSystemService(deps: SystemServiceDeps) {
  const { bus } = deps;
  const alertsCap = deps.alertsCap ?? 100;
  const history: MetricsPoint[] = [];
  let processes: ProcessUpdate[] = [];
  let interfaces: NetworkUpdate[] = [];
  const modules = new Map<string, ModuleHealth>();
  const alerts: SystemAlertEntry[] = [];
  /** When this instance last recorded processes or interfaces itself (it is the collector then). */
  let collectingAt = -Infinity;
  const collecting = () => performance.now() - collectingAt < 30_000;

  const stopFollowing = bus.subscribe((event) => {
    switch (event.type) {
      case "system_metrics":
        history.push({ ...(event.data as SystemMetrics), ts: event.ts });
        prune(Date.parse(event.ts));
        break;
      case "resource_alert":
      case "system_alert":
        alerts.unshift({ id: event.id ?? `${event.type}-${event.ts}`, type: event.type, topic: event.topic, ts: event.ts, data: event.data as ResourceAlert | SystemAlert });
        if (alerts.length > alertsCap) alerts.length = alertsCap;
        break;
      case "process_update":
        if (!collecting()) upsert(processes, event.data as ProcessUpdate, (p) => p.pid, (list) => (processes = list));
        break;
      case "network_update":
        if (!collecting()) upsert(interfaces, event.data as NetworkUpdate, (n) => n.name, (list) => (interfaces = list));
        break;
      case "module_status_changed": {
        const change = event.data as ModuleStatusChanged;
        if (!collecting()) modules.set(change.module, { ...modules.get(change.module), ...change, since: event.ts });
        break;
      }
    }
  });

  function prune(nowMs: number) {
    const oldest = nowMs - METRICS_HISTORY_SECONDS * 1000;
    let drop = 0;
    while (drop < history.length && Date.parse(history[drop]!.ts) < oldest) drop += 1;
    if (history.length - drop > MAX_POINTS) drop = history.length - MAX_POINTS;
    if (drop > 0) history.splice(0, drop);
  }

  async function raise(type: SystemAlertEntry["type"], data: ResourceAlert | SystemAlert): Promise<SystemAlertEntry> {
    const event = await bus.publish({ type, topic: topics.systemAlerts(), data, ephemeral: false });
    return { id: event.id ?? `${type}-${event.ts}`, type, topic: event.topic, ts: event.ts, data };
  }

  return {
    /** Keeps one sample and publishes it as `system_metrics`; resolves with its point. */
    async recordMetrics(metrics: SystemMetrics): Promise<MetricsPoint> {
      const event = await bus.publish({ type: "system_metrics", topic: topics.system(), data: metrics, ephemeral: true });
      return { ...metrics, ts: event.ts };
    },

    /** Keeps the new top processes and publishes one `process_update` per entry of `updates`. */
    async recordProcesses(top: ProcessUpdate[], updates: ProcessUpdate[]): Promise<void> {
      collectingAt = performance.now();
      processes = top;
      if (updates.length === 0) return;
      await bus.publishMany(updates.map((data) => ({ type: "process_update", topic: topics.system(), data, ephemeral: true })));
    },

    /** Keeps the interfaces and publishes one `network_update` per interface. */
    async recordInterfaces(list: NetworkUpdate[]): Promise<void> {
      collectingAt = performance.now();
      interfaces = list;
      if (list.length === 0) return;
      await bus.publishMany(list.map((data) => ({ type: "network_update", topic: topics.system(), data, ephemeral: true })));
    },

    raiseResourceAlert: (alert: ResourceAlert) => raise("resource_alert", alert),
    raiseSystemAlert: (alert: SystemAlert) => raise("system_alert", alert),

    /** Keeps a module's latest health; publishes `module_status_changed` when its status moved. */
    async recordModuleHealth(health: ModuleHealth, changed: boolean): Promise<void> {
      modules.set(health.module, health);
      if (!changed) return;
      const data: ModuleStatusChanged = {
        module: health.module,
        old_status: health.old_status,
        new_status: health.new_status,
        reason: health.reason,
        affected_functions: health.affected_functions,
      };
      await bus.publish({ type: "module_status_changed", topic: topics.system(), data, ephemeral: false });
    },

    /** The metrics of the last `seconds`, oldest first. */
    metricsHistory(seconds = METRICS_HISTORY_SECONDS, nowMs = Date.now()): MetricsPoint[] {
      const from = nowMs - seconds * 1000;
      const first = history.findIndex((p) => Date.parse(p.ts) >= from);
      return first === -1 ? [] : history.slice(first);
    },
    latestMetrics: (): MetricsPoint | null => history.at(-1) ?? null,
    processes: (): ProcessUpdate[] => processes.slice(),
    interfaces: (): NetworkUpdate[] => interfaces.slice(),
    modules: (): ModuleHealth[] => [...modules.values()].sort((a, b) => a.module.localeCompare(b.module)),
    alerts: (): AlertsResponse => alerts.slice(),
    /** Stops following the bus (shutdown). */
    stop: () => stopFollowing(),
  };
}

export type SystemService = ReturnType<typeof createSystemService>;

/** Replaces the entry with the same key, or adds it. */
function upsert<T>(list: T[], item: T, key: (t: T) => unknown, set: (list: T[]) => void): void {
  const k = key(item);
  const i = list.findIndex((t) => key(t) === k);
  set(i === -1 ? [...list, item] : list.map((t, j) => (j === i ? item : t)));
}
