// analyzeHistory: every rule's drafts, valid as insights, with confidence clamped and rounded.
import { describe, expect, it } from "vitest";
import { insightSchema } from "@/lib/protocol/entities/insights";
import type { InsightDraft } from "./history";
import { analyzeHistory, INSIGHT_RULES } from "./rules";
import { HOUR, MINUTE, attempts, history, items, jobs } from "./testing";

const draftFields = insightSchema.pick({ title: true, description: true, type: true, confidence: true, metadata: true });

function draft(confidence: number): InsightDraft {
  return { title: "t", description: "", type: "trend", confidence, metadata: {}, fingerprint: "test:x:up" };
}

describe("analyzeHistory", () => {
  it("runs the four rules, each under its name", () => {
    expect(INSIGHT_RULES.map((r) => r.name)).toEqual(["volume-change", "failure-rate", "slowest-agent", "rising-tags"]);
  });

  it("returns every rule's findings as valid insight fields with distinct fingerprints", () => {
    const h = history({
      jobs: [...jobs(6, "failed", 30 * MINUTE), ...jobs(4, "completed", 30 * MINUTE), ...jobs(2, "completed", 90 * MINUTE), ...jobs(20, "completed", 6 * HOUR)],
      attempts: [...attempts("Summariser", "summarization", [9_000, 9_000, 9_000]), ...attempts("Quick", "summarization", [1_000, 1_000, 1_000])],
      knowledge: items(4, ["finance"], 10 * MINUTE),
    });
    const drafts = analyzeHistory(h);
    expect(drafts.map((d) => d.fingerprint)).toEqual([
      "volume-change:jobs:up",
      "failure-rate:jobs:up",
      "slowest-agent:summarization/summariser:slower",
      "rising-tags:finance:up",
    ]);
    for (const d of drafts) {
      expect(() => draftFields.parse(d)).not.toThrow();
      expect(Math.round(d.confidence * 100) / 100).toBe(d.confidence);
    }
  });

  it("finds nothing in an empty or a quiet history", () => {
    expect(analyzeHistory(history())).toEqual([]);
    const quiet = history({ jobs: [...jobs(5, "completed", 30 * MINUTE), ...jobs(5, "completed", 90 * MINUTE)], knowledge: items(2, ["a"], 10 * MINUTE) });
    expect(analyzeHistory(quiet)).toEqual([]);
  });

  it("clamps confidence to [0, 1] and rounds it to 2 decimals", () => {
    const rules = [{ name: "fake", run: () => [draft(1.7), draft(-0.2), draft(0.456), draft(Number.NaN)] }];
    expect(analyzeHistory(history(), rules).map((d) => d.confidence)).toEqual([1, 0, 0.46, 0]);
  });
});
