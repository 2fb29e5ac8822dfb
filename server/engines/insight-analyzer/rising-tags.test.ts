// rising-tags: tags on knowledge items of the current hour against the hour before.
import { describe, expect, it } from "vitest";
import { risingTags } from "./rising-tags";
import { HOUR, MINUTE, history, item, items } from "./testing";

const CURRENT = 30 * MINUTE;
const PREVIOUS = 90 * MINUTE;

function tagged(tag: string, current: number, previous: number) {
  return [...items(current, [tag], CURRENT), ...items(previous, [tag], PREVIOUS)];
}

describe("risingTags", () => {
  it("reports a tag seen far more often than in the previous period", () => {
    const [draft, ...rest] = risingTags(history({ knowledge: [...tagged("finance", 6, 2), ...tagged("steady", 4, 4)] }));
    expect(rest).toEqual([]);
    expect(draft).toEqual({
      title: 'Rising topic: "finance"',
      description: '"finance" is on 6 knowledge items created in the last hour, against 2 in the hour before.',
      type: "trend",
      confidence: 1 - 1 / Math.sqrt(9),
      metadata: { tag: "finance", current: 6, previous: 2 },
      fingerprint: "rising-tags:finance:up",
    });
  });

  it("reports a tag absent from the previous period as new", () => {
    const [draft] = risingTags(history({ knowledge: tagged("rust", 3, 0) }));
    expect(draft?.title).toBe('New topic: "rust"');
    expect(draft?.metadata).toEqual({ tag: "rust", current: 3, previous: 0 });
  });

  it("fires at exactly twice the previous count, not below", () => {
    expect(risingTags(history({ knowledge: tagged("a", 6, 3) }))).toHaveLength(1);
    expect(risingTags(history({ knowledge: tagged("a", 5, 3) }))).toEqual([]);
  });

  it("needs 3 current items", () => {
    expect(risingTags(history({ knowledge: tagged("a", 2, 0) }))).toEqual([]);
  });

  it("reports at most 3 tags: the largest rise first, then the larger count, then by name", () => {
    // Rises: big 8; wide 5 (7 vs 2); also 5 and mid 5 (5 vs 0); small 3.
    const knowledge = [...tagged("small", 3, 0), ...tagged("big", 10, 2), ...tagged("mid", 5, 0), ...tagged("wide", 7, 2), ...tagged("also", 5, 0)];
    expect(risingTags(history({ knowledge })).map((d) => d.metadata.tag)).toEqual(["big", "wide", "also"]);
    expect(risingTags(history({ knowledge }), { maxInsights: 5 }).map((d) => d.metadata.tag)).toEqual(["big", "wide", "also", "mid", "small"]);
  });

  it("counts a tag once per item", () => {
    const knowledge = [item(["x", "x", "x"], CURRENT), item(["x"], CURRENT)];
    expect(risingTags(history({ knowledge }))).toEqual([]);
  });

  it("puts an item created exactly one period ago in the previous period", () => {
    // 4 items at now (current) and n at exactly now - 1 h (previous): 4 vs 2 fires at exactly 2×, 4 vs 3 does not.
    const atEdge = (n: number) => [...items(4, ["t"], 0), ...items(n, ["t"], HOUR)];
    expect(risingTags(history({ knowledge: atEdge(2) }))[0]?.metadata).toEqual({ tag: "t", current: 4, previous: 2 });
    expect(risingTags(history({ knowledge: atEdge(3) }))).toEqual([]);
    // Exactly two periods ago counts for neither period.
    expect(risingTags(history({ knowledge: [...items(3, ["t"], CURRENT), ...items(9, ["t"], 2 * HOUR)] }))[0]?.metadata.previous).toBe(0);
  });

  it("stays quiet when tags are steady, and on an empty history", () => {
    expect(risingTags(history({ knowledge: tagged("a", 5, 4) }))).toEqual([]);
    expect(risingTags(history({ knowledge: [item([], CURRENT)] }))).toEqual([]);
    expect(risingTags(history())).toEqual([]);
  });
});
