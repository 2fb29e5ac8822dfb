// The learning cycle: every agent with new task history gets its capabilities' proficiency
// recomputed from its success rate and speed against its peers, announced as
// learning_cycle_started / learning_cycle_completed / agent_performance_updated.
import type { CapabilityImprovement } from "@/lib/protocol/entities/agents";
import type { AgentsService } from "../../services/agents";
import { toAgent } from "../../services/agents";
import type { CapabilitySample } from "../../storage/repositories/tasks";
import { newId } from "../../ids";
import { median, MIN_LEARNING_SAMPLES, recomputeProficiency } from "./proficiency";

/** The attempts of each agent a cycle looks at (its most recent ones). */
export const LEARNING_WINDOW_ATTEMPTS = 50;

/** Runs one cycle; resolves with the number of agents reviewed. */
export async function runLearningCycle(agents: AgentsService): Promise<number> {
  const { due, samples } = await agents.learningInputs(LEARNING_WINDOW_ATTEMPTS);
  const peerMedians = medianByCapability(samples);
  let reviewed = 0;
  for (const row of due) {
    const agent = toAgent(row);
    const mine = new Map(samples.filter((s) => s.agent_id === agent.agent_id).map((s) => [s.capability, s]));
    const reviewable = agent.capabilities.filter((c) => {
      const s = mine.get(c.name);
      return s !== undefined && s.completed + s.failed >= MIN_LEARNING_SAMPLES;
    });
    if (reviewable.length === 0) continue;
    const started = performance.now();
    const cycleId = newId("lrn");
    const target = reviewable.reduce((a, b) => (sampleSize(mine.get(b.name)) > sampleSize(mine.get(a.name)) ? b : a));
    await agents.learningStarted(agent.agent_id, {
      cycle_id: cycleId,
      learning_type: "performance_review",
      target_capability: target.name,
      estimated_duration_minutes: 0,
    });
    const improvements: Record<string, CapabilityImprovement> = {};
    const capabilities = agent.capabilities.map((c) => {
      const s = mine.get(c.name);
      if (!s) return c;
      const next = recomputeProficiency(c.proficiency, c.learning_rate, { completed: s.completed, failed: s.failed, meanMs: s.mean_ms, peersMedianMs: peerMedians.get(c.name) ?? null });
      if (next !== c.proficiency) improvements[c.name] = { old_value: c.proficiency, new_value: next, improvement: Math.round((next - c.proficiency) * 1000) / 1000 };
      return { ...c, proficiency: next };
    });
    await agents.learningCompleted(agent.agent_id, { cycle_id: cycleId, capabilities, improvements, duration_ms: performance.now() - started });
    reviewed += 1;
  }
  return reviewed;
}

function sampleSize(s: CapabilitySample | undefined): number {
  return s ? s.completed + s.failed : 0;
}

function medianByCapability(samples: readonly CapabilitySample[]): Map<string, number> {
  const byCap = new Map<string, number[]>();
  for (const s of samples) {
    if (s.mean_ms === null) continue;
    const list = byCap.get(s.capability) ?? [];
    list.push(s.mean_ms);
    byCap.set(s.capability, list);
  }
  return new Map([...byCap].map(([cap, values]) => [cap, median(values)!]));
}
