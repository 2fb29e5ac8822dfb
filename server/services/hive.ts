// Hive service: the agent hive at a glance (agents, task queue, host load, alerts), published as
// `hive_status_update` on `system`.
import os from "node:os";
import type { HiveStatusUpdate } from "@/lib/protocol/entities/system";
import { topics } from "@/lib/protocol/topics";
import type { Bus } from "../bus/bus";
import type { AgentsService } from "./agents";
import type { TasksService } from "./tasks";

export interface HiveServiceDeps {
  bus: Bus;
  agents: AgentsService;
  tasks: TasksService;
  /** The 1-minute load average over the cores (injected in tests). */
  systemLoad?: () => number;
}

/** Pending tasks per available agent above which the hive is "degraded". */
const BACKLOG_PER_AGENT = 5;

export function createHiveService(deps: HiveServiceDeps) {
  const systemLoad = deps.systemLoad ?? (() => os.loadavg()[0]! / Math.max(1, os.availableParallelism()));

  return {
    async snapshot(): Promise<HiveStatusUpdate> {
      const [agents, counts] = await Promise.all([deps.agents.list(), deps.tasks.counts()]);
      const load = Math.round(systemLoad() * 100) / 100;
      const active = agents.filter((a) => a.status === "working").length;
      const available = agents.filter((a) => a.status === "idle" || a.status === "working").length;
      const alerts: HiveStatusUpdate["alerts"] = [];
      if (agents.length === 0) alerts.push({ level: "critical", message: "There are no agents: tasks cannot run" });
      else if (available === 0) alerts.push({ level: "critical", message: "Every agent is paused or in error: tasks cannot run" });
      const errored = agents.filter((a) => a.status === "error").length;
      if (errored > 0) alerts.push({ level: "error", message: `${errored} agent${errored === 1 ? " is" : "s are"} in error` });
      if (available > 0 && counts.pending > BACKLOG_PER_AGENT * available) {
        alerts.push({ level: "warning", message: `${counts.pending} tasks are waiting for ${available} available agent${available === 1 ? "" : "s"}` });
      }
      if (load > 1) alerts.push({ level: "warning", message: `The host is overloaded (load ${load.toFixed(2)} per core)` });
      const status: HiveStatusUpdate["status"] = alerts.some((a) => a.level === "critical") ? "critical" : alerts.length > 0 ? "degraded" : "healthy";
      return {
        status,
        metrics: { total_agents: agents.length, active_agents: active, pending_tasks: counts.pending, completed_tasks_today: counts.completedToday, system_load: load },
        alerts,
      };
    },

    async publish(): Promise<HiveStatusUpdate> {
      const snapshot = await this.snapshot();
      await deps.bus.publish({ type: "hive_status_update", topic: topics.system(), data: snapshot, ephemeral: true });
      return snapshot;
    },
  };
}

export type HiveService = ReturnType<typeof createHiveService>;
