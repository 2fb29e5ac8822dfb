// slowest-agent: per task type, an agent whose mean duration is far above its peers' median.
import { describe, expect, it } from "vitest";
import { slowestAgent } from "./slowest-agent";
import { HOUR, attempt, attempts, history } from "./testing";

describe("slowestAgent", () => {
  it("names the slow agent with its mean and the peers' median", () => {
    const h = history({
      attempts: [
        ...attempts("Summariser", "summarization", [2_000, 3_000, 4_000, 3_000]),
        ...attempts("Quick", "summarization", [1_000, 1_000, 1_000]),
        ...attempts("Steady", "summarization", [1_200, 1_200, 1_200]),
      ],
    });
    const [draft, ...rest] = slowestAgent(h);
    expect(rest).toEqual([]);
    expect(draft).toMatchObject({
      title: "Summariser is the slowest at summarization",
      description:
        "Summariser took 3.0 s on average over 4 completed attempts at summarization in the last day: " +
        "2.7× the 1.1 s median of the mean durations of 2 other agents.",
      type: "performance",
      metadata: { agent_id: "summariser", agent_name: "Summariser", task_type: "summarization", mean_ms: 3_000, peers_median_ms: 1_100, attempts: 4 },
      fingerprint: "slowest-agent:summarization/summariser:slower",
    });
    // sampleCertainty(min(4, 6)) × min(1, 2.73 / 3).
    expect(draft?.confidence).toBeCloseTo((1 - 1 / Math.sqrt(5)) * (3_000 / 1_100 / 3), 10);
  });

  it("reports at most one agent per task type, one per task type that has one", () => {
    const h = history({
      attempts: [
        ...attempts("A", "summarization", [5_000, 5_000, 5_000]),
        ...attempts("B", "summarization", [4_000, 4_000, 4_000]),
        ...attempts("C", "summarization", [1_000, 1_000, 1_000]),
        ...attempts("A", "extraction", [100, 100, 100]),
        ...attempts("B", "extraction", [900, 900, 900]),
      ],
    });
    expect(slowestAgent(h).map((d) => d.metadata)).toEqual([
      { agent_id: "b", agent_name: "B", task_type: "extraction", mean_ms: 900, peers_median_ms: 100, attempts: 3 },
      { agent_id: "a", agent_name: "A", task_type: "summarization", mean_ms: 5_000, peers_median_ms: 2_500, attempts: 3 },
    ]);
  });

  it("fires at exactly 1.5× the peers' median, not below", () => {
    const peers = [...attempts("B", "t", [1_000, 1_000, 1_000]), ...attempts("C", "t", [1_000, 1_000, 1_000])];
    expect(slowestAgent(history({ attempts: [...attempts("A", "t", [1_500, 1_500, 1_500]), ...peers] }))).toHaveLength(1);
    expect(slowestAgent(history({ attempts: [...attempts("A", "t", [1_499, 1_500, 1_500]), ...peers] }))).toEqual([]);
  });

  it("compares against the median of the peers' means, not their mean", () => {
    // Peers 1 s, 1 s and 10 s: median 1 s (mean would be 4 s), so 3 s is slow.
    const h = history({
      attempts: [
        ...attempts("A", "t", [3_000, 3_000, 3_000]),
        ...attempts("B", "t", [1_000, 1_000, 1_000]),
        ...attempts("C", "t", [1_000, 1_000, 1_000]),
        ...attempts("D", "t", [10_000, 10_000, 10_000]),
      ],
    });
    expect(slowestAgent(h)[0]?.metadata).toMatchObject({ agent_id: "d", peers_median_ms: 1_000 });
  });

  it("needs 3 completed attempts per agent and 2 such agents", () => {
    const twoAttempts = [...attempts("A", "t", [9_000, 9_000]), ...attempts("B", "t", [1_000, 1_000, 1_000]), ...attempts("C", "t", [1_000, 1_000, 1_000])];
    expect(slowestAgent(history({ attempts: twoAttempts }))).toEqual([]);
    expect(slowestAgent(history({ attempts: attempts("A", "t", [9_000, 9_000, 9_000]) }))).toEqual([]);
    expect(slowestAgent(history({ attempts: [...attempts("A", "t", [9_000, 9_000, 9_000]), ...attempts("B", "t", [1_000, 1_000])] }))).toEqual([]);
  });

  it("ignores failed attempts", () => {
    const h = history({
      attempts: [
        ...attempts("A", "t", [1_000, 1_000, 1_000]),
        ...attempts("A", "t", [60_000, 60_000, 60_000], { outcome: "failed" }),
        ...attempts("B", "t", [1_000, 1_000, 1_000]),
      ],
    });
    expect(slowestAgent(h)).toEqual([]);
  });

  it("stays quiet when agents are alike, and on an empty history", () => {
    const h = history({ attempts: [...attempts("A", "t", [1_200, 1_200, 1_200]), ...attempts("B", "t", [1_000, 1_000, 1_000])] });
    expect(slowestAgent(h)).toEqual([]);
    expect(slowestAgent(history())).toEqual([]);
  });

  it("counts attempts that ended inside the window only: exactly 24 h ago is outside", () => {
    const peers = [...attempts("B", "t", [1_000, 1_000, 1_000]), ...attempts("C", "t", [1_000, 1_000, 1_000])];
    const slowAt = (endedAgo: number) => attempts("A", "t", [5_000, 5_000, 5_000], { ended_at: new Date(history().now.getTime() - endedAgo) });
    expect(slowestAgent(history({ attempts: [...slowAt(24 * HOUR), ...peers] }))).toEqual([]);
    expect(slowestAgent(history({ attempts: [...slowAt(24 * HOUR - 1), ...peers] }))).toHaveLength(1);
    expect(slowestAgent(history({ attempts: [...slowAt(0), ...peers] }))).toHaveLength(1);
  });

  it("uses the agent's name from its latest attempt", () => {
    const h = history({
      attempts: [
        attempt("Old name", "t", 5_000, { agent_id: "a", ended_at: new Date(history().now.getTime() - 3 * HOUR) }),
        attempt("New name", "t", 5_000, { agent_id: "a", ended_at: new Date(history().now.getTime() - HOUR) }),
        attempt("Old name", "t", 5_000, { agent_id: "a", ended_at: new Date(history().now.getTime() - 2 * HOUR) }),
        ...attempts("B", "t", [1_000, 1_000, 1_000]),
      ],
    });
    expect(slowestAgent(h)[0]?.metadata.agent_name).toBe("New name");
  });

  it("accepts other thresholds", () => {
    const h = history({ attempts: [...attempts("A", "t", [1_200, 1_200]), ...attempts("B", "t", [1_000, 1_000])] });
    expect(slowestAgent(h, { minAttempts: 2, minRatio: 1.2 })).toHaveLength(1);
  });
});
