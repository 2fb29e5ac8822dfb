// Capability matching: which idle agent should take a task, and why (or why no agent can).
import type { RequiredCapability } from "@/lib/protocol/entities/tasks";

export interface MatchableAgent {
  agent_id: string;
  name: string;
  status: string;
  capabilities: { name: string; proficiency: number }[];
  performance: { success_rate: number; tasks_completed: number };
}

export type Match<A extends MatchableAgent> = { agent: A; score: number; reason: string } | { agent: null; reason: string };

/**
 * The best idle agent that has every required capability at or above its minimum. The score is the
 * mean proficiency over the required capabilities (all of an agent's capabilities when the task
 * names none); ties go to the better success rate, then the less busy history, then the id.
 */
export function matchAgent<A extends MatchableAgent>(required: readonly RequiredCapability[], agents: readonly A[]): Match<A> {
  const capable = agents.filter((a) => meets(a, required));
  const idle = capable.filter((a) => a.status === "idle");
  if (idle.length === 0) return { agent: null, reason: waitingReason(required, agents, capable) };
  const ranked = idle
    .map((agent) => ({ agent, score: score(agent, required) }))
    .sort(
      (x, y) =>
        y.score - x.score ||
        y.agent.performance.success_rate - x.agent.performance.success_rate ||
        x.agent.performance.tasks_completed - y.agent.performance.tasks_completed ||
        x.agent.agent_id.localeCompare(y.agent.agent_id),
    );
  const best = ranked[0]!;
  return { agent: best.agent, score: best.score, reason: chosenReason(best.agent, required, ranked.length) };
}

/** Whether the agent has every required capability at the minimum proficiency (status aside). */
export function meets(agent: MatchableAgent, required: readonly RequiredCapability[]): boolean {
  return required.every((r) => (proficiencyOf(agent, r.name) ?? -1) >= r.min_proficiency);
}

function score(agent: MatchableAgent, required: readonly RequiredCapability[]): number {
  const names = required.length > 0 ? required.map((r) => r.name) : agent.capabilities.map((c) => c.name);
  if (names.length === 0) return 0;
  return names.reduce((sum, n) => sum + (proficiencyOf(agent, n) ?? 0), 0) / names.length;
}

function proficiencyOf(agent: MatchableAgent, name: string): number | undefined {
  return agent.capabilities.find((c) => c.name === name)?.proficiency;
}

function chosenReason(agent: MatchableAgent, required: readonly RequiredCapability[], candidates: number): string {
  const figures = required.map((r) => `${r.name} ${fmt(proficiencyOf(agent, r.name) ?? 0)} ≥ ${fmt(r.min_proficiency)}`).join(", ");
  const among = candidates === 1 ? "the only idle agent able to take it" : `best of ${candidates} idle capable agents`;
  return required.length > 0 ? `${agent.name}: ${figures}; ${among}` : `${agent.name}: no capability required; ${among}`;
}

function waitingReason(required: readonly RequiredCapability[], agents: readonly MatchableAgent[], capable: readonly MatchableAgent[]): string {
  if (agents.length === 0) return "there are no agents";
  if (capable.length > 0) {
    const paused = capable.filter((a) => a.status === "paused").length;
    const busy = capable.length - paused;
    const parts = [busy > 0 ? `${busy} busy` : null, paused > 0 ? `${paused} paused` : null].filter(Boolean).join(", ");
    return `every capable agent is unavailable (${parts})`;
  }
  // Nobody qualifies: name the requirement that fails and the closest agent.
  const missing = required.find((r) => !agents.some((a) => (proficiencyOf(a, r.name) ?? -1) >= r.min_proficiency)) ?? required[0];
  if (!missing) return "no agent can take it";
  const best = agents
    .map((a) => ({ a, p: proficiencyOf(a, missing.name) }))
    .filter((x): x is { a: MatchableAgent; p: number } => x.p !== undefined)
    .sort((x, y) => y.p - x.p)[0];
  return best
    ? `no agent has ${missing.name} ≥ ${fmt(missing.min_proficiency)} (best: ${best.a.name} at ${fmt(best.p)})`
    : `no agent has the ${missing.name} capability`;
}

function fmt(n: number): string {
  return n.toFixed(2);
}
