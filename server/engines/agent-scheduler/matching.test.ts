import { describe, expect, it } from "vitest";
import { matchAgent, type MatchableAgent } from "./matching";

const agent = (agent_id: string, caps: Record<string, number>, status = "idle", success_rate = 1): MatchableAgent => ({
  agent_id,
  name: agent_id.toUpperCase(),
  status,
  capabilities: Object.entries(caps).map(([name, proficiency]) => ({ name, proficiency })),
  performance: { success_rate, tasks_completed: 0 },
});

describe("matchAgent", () => {
  it("picks the idle agent with the highest proficiency in the required capability", () => {
    const m = matchAgent([{ name: "summarization", min_proficiency: 0.5 }], [agent("a", { summarization: 0.6 }), agent("b", { summarization: 0.9 })]);
    expect(m.agent?.agent_id).toBe("b");
    expect(m.reason).toBe("B: summarization 0.90 ≥ 0.50; best of 2 idle capable agents");
  });

  it("skips agents below the minimum and agents that are not idle", () => {
    const agents = [agent("low", { analysis: 0.4 }), agent("busy", { analysis: 0.95 }, "working"), agent("ok", { analysis: 0.7 })];
    const m = matchAgent([{ name: "analysis", min_proficiency: 0.5 }], agents);
    expect(m.agent?.agent_id).toBe("ok");
    expect(m.reason).toContain("the only idle agent able to take it");
  });

  it("needs every required capability and scores by their mean", () => {
    const required = [
      { name: "analysis", min_proficiency: 0.5 },
      { name: "summarization", min_proficiency: 0.5 },
    ];
    const agents = [agent("one", { analysis: 1 }), agent("both", { analysis: 0.6, summarization: 0.6 }), agent("better", { analysis: 0.9, summarization: 0.7 })];
    expect(matchAgent(required, agents).agent?.agent_id).toBe("better");
  });

  it("breaks ties by success rate", () => {
    const m = matchAgent([{ name: "analysis", min_proficiency: 0 }], [agent("a", { analysis: 0.8 }, "idle", 0.5), agent("b", { analysis: 0.8 }, "idle", 0.9)]);
    expect(m.agent?.agent_id).toBe("b");
  });

  it("says the capable agents are busy or paused when none is idle", () => {
    const m = matchAgent([{ name: "analysis", min_proficiency: 0.5 }], [agent("a", { analysis: 0.8 }, "working"), agent("b", { analysis: 0.9 }, "paused")]);
    expect(m.agent).toBeNull();
    expect(m.reason).toBe("every capable agent is unavailable (1 busy, 1 paused)");
  });

  it("names the missing proficiency and the closest agent when nobody qualifies", () => {
    const m = matchAgent([{ name: "translation", min_proficiency: 0.9 }], [agent("a", { translation: 0.7 }), agent("b", { analysis: 1 })]);
    expect(m.agent).toBeNull();
    expect(m.reason).toBe("no agent has translation ≥ 0.90 (best: A at 0.70)");
  });

  it("names a capability no agent has at all", () => {
    const m = matchAgent([{ name: "translation", min_proficiency: 0.1 }], [agent("a", { analysis: 1 })]);
    expect(m.reason).toBe("no agent has the translation capability");
    expect(matchAgent([{ name: "x", min_proficiency: 0 }], []).reason).toBe("there are no agents");
  });
});
