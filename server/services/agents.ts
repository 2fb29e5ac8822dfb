// Agents service: the agents that do the work. It owns every agent change (add, pause, resume,
// remove, take a task, progress, release, learning) and publishes each one on `agents` and
// `agents:{agent_id}`; performance is always recomputed from the agent's task attempts.
import { localCluster, type ClusterDeps } from "../cluster/deps";
import type { Agent, AgentCapability, AgentPerformance, AgentStatus, CapabilityImprovement } from "@/lib/protocol/entities/agents";
import type { Severity } from "@/lib/protocol/entities/common";
import { topics } from "@/lib/protocol/topics";
import type { Bus } from "../bus/bus";
import { newId } from "../ids";
import type { Repositories } from "../storage/repositories";
import type { AgentPatch, AgentRow, AgentStatusValue } from "../storage/repositories/agents";
import type { CapabilitySample } from "../storage/repositories/tasks";
import { nowMs } from "./cursor";
import { ServiceError } from "./errors";

export interface AgentsServiceDeps {
  repos: Repositories;
  bus: Bus;
  now?: () => Date;
  /** This instance in the cluster and the signals its engines hear (default: a single instance of its own). */
  cluster?: ClusterDeps;
}

export interface NewAgent {
  name: string;
  type: string;
  capabilities: AgentCapability[];
  clientMutationId?: string | null;
  builtin?: boolean;
}

/** Why an agent stopped working on a task; the scheduler moves the task to another agent. */
export interface AgentReleased {
  agent: Agent;
  taskId: string;
  reason: string;
}

/** The agents seeded on an empty database: one specialist per processing step, and a generalist. */
export const BUILTIN_AGENTS: readonly NewAgent[] = [
  { name: "Extractor", type: "extraction", capabilities: [cap("extraction", 0.9, 0.2), cap("analysis", 0.55, 0.1)] },
  { name: "Summariser", type: "summarization", capabilities: [cap("summarization", 0.9, 0.2), cap("extraction", 0.6, 0.1)] },
  { name: "Entity Spotter", type: "entity", capabilities: [cap("entity_recognition", 0.9, 0.2), cap("analysis", 0.6, 0.1)] },
  { name: "Analyst", type: "analysis", capabilities: [cap("analysis", 0.85, 0.2), cap("summarization", 0.6, 0.1)] },
  {
    name: "Generalist",
    type: "generalist",
    capabilities: [cap("extraction", 0.6, 0.3), cap("summarization", 0.6, 0.3), cap("entity_recognition", 0.6, 0.3), cap("analysis", 0.6, 0.3)],
  },
];

export function createAgentsService(deps: AgentsServiceDeps) {
  const { repos, bus } = deps;
  const now = () => nowMs(deps.now ?? (() => new Date()));
  const { identity, signals } = deps.cluster ?? localCluster();
  const releasedSignal = signals.channel<AgentReleased>("agents.released");
  const available = signals.channel("agents.available");

  async function publish(row: AgentRow, type: string, extra: Record<string, unknown> = {}): Promise<Agent> {
    const agent = toAgent(row);
    await bus.publishMany([topics.agents(), topics.agent(row.agent_id)].map((topic) => ({ type, topic, data: { ...agent, ...extra }, ephemeral: false })));
    return agent;
  }

  /** Publishes a report about an agent (not a change of it); resolves with the id on `agents`. */
  async function report(agentId: string, type: string, data: Record<string, unknown>): Promise<string | null> {
    const events = await bus.publishMany([topics.agents(), topics.agent(agentId)].map((topic) => ({ type, topic, data: { agent_id: agentId, ...data }, ephemeral: false })));
    return events[0]?.id ?? null;
  }

  async function mustFind(agentId: string): Promise<AgentRow> {
    const row = await repos.agents.findById(agentId);
    if (!row) throw new ServiceError("not_found", `no agent ${agentId}`);
    return row;
  }

  async function performanceOf(agentId: string): Promise<AgentPerformance> {
    const f = await repos.agents.attemptFigures(agentId);
    const finished = f.completed + f.failed;
    return {
      tasks_completed: f.completed,
      success_rate: finished > 0 ? round(f.completed / finished, 4) : 0,
      average_processing_time: Math.round(f.mean_processing_ms ?? 0),
      average_response_time_ms: Math.round(f.mean_response_ms ?? 0),
    };
  }

  function announceAvailable() {
    available.emit();
  }

  /** Takes the agent off its task (pause, remove) and tells the scheduler so it moves the task. */
  function released(previous: AgentRow, agent: Agent, reason: string) {
    if (previous.status !== "working" || !previous.current_task) return;
    releasedSignal.emit({ agent, taskId: previous.current_task, reason });
  }

  async function changeStatus(agentId: string, to: AgentStatusValue, from: AgentStatusValue[], reason: string): Promise<Agent> {
    const previous = await mustFind(agentId);
    if (!from.includes(previous.status)) {
      throw new ServiceError("conflict", `${previous.name} is ${previous.status}; only ${from.join(" or ")} agents can be ${to === "paused" ? "paused" : "resumed"}`);
    }
    const row = await repos.agents.transition(agentId, { status: to, current_task: null, progress: 0 }, [previous.status]);
    if (!row) throw new ServiceError("conflict", `${previous.name} changed meanwhile; try again`);
    const agent = await publish(row, "agent_status_changed", { old_status: previous.status, new_status: to, reason });
    released(previous, agent, `${previous.name} was ${to === "paused" ? "paused" : to}`);
    if (to === "idle") announceAvailable();
    return agent;
  }

  return {
    async list(): Promise<Agent[]> {
      return (await repos.agents.list()).map(toAgent);
    },

    async get(agentId: string): Promise<Agent> {
      return toAgent(await mustFind(agentId));
    },

    async create(input: NewAgent): Promise<Agent> {
      const row = await repos.agents.insert({
        agent_id: newId("agt"),
        name: input.name,
        type: input.type,
        status: "idle",
        current_task: null,
        capabilities: input.capabilities,
        performance: { tasks_completed: 0, success_rate: 0, average_processing_time: 0, average_response_time_ms: 0 },
        builtin: input.builtin ?? false,
        client_mutation_id: input.clientMutationId ?? null,
        created_at: now(),
      });
      const agent = await publish(row, "agent_created");
      announceAvailable();
      return agent;
    },

    /** On an empty database: the built-in agents. Returns how many were created. */
    async seedBuiltins(): Promise<number> {
      if ((await repos.agents.count()) > 0) return 0;
      for (const agent of BUILTIN_AGENTS) await this.create({ ...agent, builtin: true });
      return BUILTIN_AGENTS.length;
    },

    pause(agentId: string, reason?: string): Promise<Agent> {
      return changeStatus(agentId, "paused", ["idle", "working", "error"], reason || "paused by an operator");
    },

    resume(agentId: string, reason?: string): Promise<Agent> {
      return changeStatus(agentId, "idle", ["paused", "error", "offline"], reason || "resumed by an operator");
    },

    async remove(agentId: string, reason?: string): Promise<void> {
      const row = await repos.agents.delete(agentId);
      if (!row) throw new ServiceError("not_found", `no agent ${agentId}`);
      const why = reason || "removed by an operator";
      await report(agentId, "agent_removed", { reason: why });
      released(row, toAgent(row), `${row.name} was removed`);
    },

    /** Called when an agent may take work (added, resumed, released). Returns a teardown. */
    onAvailable(listener: () => void): () => void {
      return available.on(listener);
    },

    /** Called when a working agent is paused or removed. Returns a teardown. */
    onReleased(listener: (event: AgentReleased) => void): () => void {
      return releasedSignal.on(listener);
    },

    // ---- for the agent scheduler -------------------------------------------------------------

    /** idle -> working on `taskId`; undefined when the agent is no longer idle. */
    async claim(agentId: string, taskId: string): Promise<Agent | undefined> {
      const row = await repos.agents.transition(agentId, { status: "working", owner_instance: identity.instanceId, current_task: taskId, progress: 0 }, ["idle"]);
      return row ? publish(row, "agent_status_update") : undefined;
    },

    /** Progress (0-1) of the task the agent works on; false when it no longer works on it. */
    async progress(agentId: string, taskId: string, progress: number): Promise<boolean> {
      const row = await repos.agents.transition(agentId, { progress }, ["working"], taskId);
      if (!row) return false;
      await publish(row, "agent_status_update");
      return true;
    },

    /**
     * The agent finished with `taskId` (done, failed, cancelled, or moved): back to idle with its
     * performance recomputed. When it was paused meanwhile only the performance changes.
     */
    async release(agentId: string, taskId: string, outcome: { kind: "completed"; taskType: string; jobId: string | null; durationMs: number; result: unknown } | { kind: "failed" | "cancelled" | "moved" }): Promise<void> {
      const performance = await performanceOf(agentId);
      const row = await repos.agents.transition(agentId, { status: "idle", current_task: null, progress: 0, performance }, ["working"], taskId);
      if (outcome.kind === "completed") {
        await report(agentId, "agent_task_completed", {
          task_id: taskId,
          job_id: outcome.jobId,
          task_type: outcome.taskType,
          duration: Math.round(outcome.durationMs),
          result: (outcome.result ?? null) as never,
        });
      }
      if (row) {
        await publish(row, "agent_status_update");
        announceAvailable();
        return;
      }
      const other = await repos.agents.findById(agentId);
      if (other && JSON.stringify(other.performance) !== JSON.stringify(performance)) {
        const updated = await repos.agents.transition(agentId, { performance });
        if (updated) await publish(updated, "agent_performance_updated");
      }
    },

    /** A task failed on this agent. */
    async reportError(agentId: string, input: { error: string; severity: Severity; canRetry: boolean; jobId: string | null }): Promise<void> {
      await report(agentId, "agent_error", { error: input.error, severity: input.severity, can_retry: input.canRetry, affected_jobs: input.jobId ? [input.jobId] : [] });
    },

    async activity(agentId: string, activity: string, details: Record<string, unknown> | null = null): Promise<void> {
      await report(agentId, "agent_activity", { activity, details: (details ?? null) as never });
    },

    /** What an outside program reports about an agent (`agent_activity`, `agent_message`); the agent must exist. */
    async externalReport(type: "agent_activity" | "agent_message", data: { agent_id: string } & Record<string, unknown>): Promise<string | null> {
      const { agent_id, ...rest } = data;
      return report(agent_id, type, rest);
    },

    async exists(agentId: string): Promise<boolean> {
      return (await repos.agents.findById(agentId)) !== undefined;
    },

    // ---- for the learning cycle ----------------------------------------------------------------

    /** Agents with attempts finished since their last learning cycle, with every agent's capability samples. */
    async learningInputs(perAgent: number): Promise<{ due: AgentRow[]; samples: CapabilitySample[] }> {
      const [rows, samples] = await Promise.all([repos.agents.list(), repos.tasks.capabilitySamples(perAgent)]);
      const due: AgentRow[] = [];
      for (const row of rows) {
        const fresh = await repos.tasks.agentsWithAttemptsSince(row.learned_at);
        if (fresh.has(row.agent_id)) due.push(row);
      }
      return { due, samples };
    },

    async learningStarted(agentId: string, cycle: { cycle_id: string; learning_type: string; target_capability: string; estimated_duration_minutes: number }): Promise<void> {
      await report(agentId, "learning_cycle_started", cycle);
    },

    /** Stores the recomputed proficiencies, then announces the cycle's outcome and the agent. */
    async learningCompleted(
      agentId: string,
      cycle: { cycle_id: string; capabilities: AgentCapability[]; improvements: Record<string, CapabilityImprovement>; duration_ms: number },
    ): Promise<Agent | undefined> {
      const performance = await performanceOf(agentId);
      const patch: AgentPatch = { capabilities: cycle.capabilities, performance, learned_at: now() };
      const row = await repos.agents.transition(agentId, patch);
      if (!row) return undefined;
      await report(agentId, "learning_cycle_completed", { cycle_id: cycle.cycle_id, improvements: cycle.improvements, duration_ms: Math.round(cycle.duration_ms) });
      return publish(row, "agent_performance_updated");
    },

    /** Agents an instance that is gone (a stopped process, a dead one) left working are idle again. */
    async releaseInterrupted(): Promise<Agent[]> {
      const rows = await repos.agents.releaseInterrupted(identity.leaseMs);
      if (rows.length > 0) announceAvailable();
      return Promise.all(rows.map((row) => publish(row, "agent_status_update")));
    },
  };
}

export type AgentsService = ReturnType<typeof createAgentsService>;

export function toAgent(row: AgentRow): Agent {
  return {
    agent_id: row.agent_id,
    name: row.name,
    type: row.type,
    status: row.status as AgentStatus,
    current_task: row.current_task,
    progress: row.progress,
    capabilities: row.capabilities as AgentCapability[],
    performance: row.performance as AgentPerformance,
    created_at: row.created_at.toISOString(),
    client_mutation_id: row.client_mutation_id,
    version: row.version,
  };
}

function cap(name: string, proficiency: number, learning_rate: number): AgentCapability {
  return { name, proficiency, learning_rate };
}

function round(n: number, places: number): number {
  const f = 10 ** places;
  return Math.round(n * f) / f;
}
