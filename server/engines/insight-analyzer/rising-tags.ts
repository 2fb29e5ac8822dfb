// Rule "rising-tags": tags that knowledge items created in the current period carry much more often
// than items created in the period before.
//
// A tag counts once per item (repeats on one item are ignored; tags are compared exactly as stored).
// A tag fires a trend when it is on at least `minCurrent` (3) current items and current >= 2 ×
// previous (a tag absent from the previous period always passes the second test). At most
// `maxInsights` (3), strongest first: the largest rise (current - previous), then the larger current
// count, then the tag in alphabetical order. Confidence: clamp(1 - 1/sqrt(current + previous + 1),
// 0.3, 0.95).
import { evidenceConfidence } from "./confidence";
import { fingerprint, type AnalysisHistory, type HistoryItem, type InsightDraft } from "./history";
import { currentPeriod, previousPeriod, spanContains, type TimeSpan } from "./periods";
import { countOf, spanInWords } from "./wording";

export const RISING_TAGS_RULE = "rising-tags";

export interface RisingTagsOptions {
  /** Current items a tag must be on. */
  minCurrent: number;
  /** How many times its previous count the current count must be. */
  minGrowth: number;
  /** Most insights per run. */
  maxInsights: number;
}

export const RISING_TAGS_DEFAULTS: RisingTagsOptions = { minCurrent: 3, minGrowth: 2, maxInsights: 3 };

export function risingTags(history: AnalysisHistory, options: Partial<RisingTagsOptions> = {}): InsightDraft[] {
  const { minCurrent, minGrowth, maxInsights } = { ...RISING_TAGS_DEFAULTS, ...options };
  const currentCounts = tagCounts(history.knowledge, currentPeriod(history));
  const previousCounts = tagCounts(history.knowledge, previousPeriod(history));
  const period = spanInWords(history.periodMs);

  return [...currentCounts]
    .map(([tag, current]) => ({ tag, current, previous: previousCounts.get(tag) ?? 0 }))
    .filter((t) => t.current >= minCurrent && t.current >= minGrowth * t.previous)
    .sort((a, b) => b.current - b.previous - (a.current - a.previous) || b.current - a.current || a.tag.localeCompare(b.tag))
    .slice(0, Math.max(0, maxInsights))
    .map(({ tag, current, previous }) => ({
      title: previous === 0 ? `New topic: "${tag}"` : `Rising topic: "${tag}"`,
      description: `"${tag}" is on ${countOf(current, "knowledge item")} created in the last ${period}, against ${previous} in the ${period} before.`,
      type: "trend" as const,
      confidence: evidenceConfidence(current + previous),
      metadata: { tag, current, previous },
      fingerprint: fingerprint(RISING_TAGS_RULE, tag, "up"),
    }));
}

/** How many items created within the span carry each tag. */
function tagCounts(items: readonly HistoryItem[], span: TimeSpan): Map<string, number> {
  const counts = new Map<string, number>();
  for (const item of items) {
    if (!spanContains(span, item.created_at)) continue;
    for (const tag of new Set(item.tags)) counts.set(tag, (counts.get(tag) ?? 0) + 1);
  }
  return counts;
}
