// The insight rules the analyzer runs, and analyzeHistory: every rule's drafts with confidence
// clamped to [0, 1] and rounded to 2 decimals.
import type { AnalysisHistory, InsightDraft } from "./history";
import { clamp, roundTo } from "./numbers";
import { failureRate, FAILURE_RATE_RULE } from "./failure-rate";
import { risingTags, RISING_TAGS_RULE } from "./rising-tags";
import { slowestAgent, SLOWEST_AGENT_RULE } from "./slowest-agent";
import { volumeChange, VOLUME_CHANGE_RULE } from "./volume-change";

export interface InsightRule {
  name: string;
  run: (h: AnalysisHistory) => InsightDraft[];
}

export const INSIGHT_RULES: readonly InsightRule[] = [
  { name: VOLUME_CHANGE_RULE, run: (h) => volumeChange(h) },
  { name: FAILURE_RATE_RULE, run: (h) => failureRate(h) },
  { name: SLOWEST_AGENT_RULE, run: (h) => slowestAgent(h) },
  { name: RISING_TAGS_RULE, run: (h) => risingTags(h) },
];

export function analyzeHistory(h: AnalysisHistory, rules: readonly InsightRule[] = INSIGHT_RULES): InsightDraft[] {
  return rules.flatMap((rule) => rule.run(h)).map((draft) => ({ ...draft, confidence: roundTo(clamp(draft.confidence, 0, 1), 2) }));
}
