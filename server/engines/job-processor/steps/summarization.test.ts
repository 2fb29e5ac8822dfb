import { describe, expect, it } from "vitest";
import { summarize } from "./summarization";

// Term frequencies: solar 4, power 2, panels 2, every other content term 1. Sentence scores (sums):
// s1 8, s2 9, s3 14, s4 8, s5 2, s6 3 -> the top three are s3, s2 and s1 (s1 beats s4 on the tie).
const PARAGRAPH = [
  "Solar power is growing quickly.",
  "Solar panels convert sunlight into electricity.",
  "Dr. Lee said the cost of solar panels fell by 3.5 percent last year.",
  "Many use solar power, e.g. in California.",
  "The weather was nice.",
  "Critics worry about storage.",
].join(" ");

describe("summarize", () => {
  it("keeps the three best sentences in their original order (abbreviations and decimals intact)", () => {
    expect(summarize(PARAGRAPH)).toBe(
      "Solar power is growing quickly. Solar panels convert sunlight into electricity. Dr. Lee said the cost of solar panels fell by 3.5 percent last year.",
    );
  });

  it("honours maxSentences", () => {
    expect(summarize(PARAGRAPH, { maxSentences: 1 })).toBe("Dr. Lee said the cost of solar panels fell by 3.5 percent last year.");
    expect(summarize(PARAGRAPH, { maxSentences: 2 })).toBe(
      "Solar panels convert sunlight into electricity. Dr. Lee said the cost of solar panels fell by 3.5 percent last year.",
    );
  });

  it("gives ties to the earlier sentence", () => {
    const text = "Alpha beta. Gamma delta. Epsilon zeta. Eta theta. Iota kappa. Lambda mu. Nu xi.";
    expect(summarize(text)).toBe("Alpha beta. Gamma delta. Epsilon zeta.");
  });

  it("returns a text of at most maxSentences sentences whole, trimmed", () => {
    expect(summarize("  Only one sentence here.  ")).toBe("Only one sentence here.");
    expect(summarize("First point.\nSecond point.\n\nThird point.")).toBe("First point. Second point. Third point.");
    expect(summarize("")).toBe("");
  });

  it("keeps at most half the sentences of a short text", () => {
    const text = "Cats sleep a lot. Cats and dogs play. Dogs bark at cats. Birds sing.";
    expect(summarize(text)).toBe("Cats and dogs play. Dogs bark at cats.");
  });

  it("summarises line-separated text without periods", () => {
    // server 4, disk 3: lines score 5, 9, 8, 2, 9, 3 ("one", "at" and "after" are stopwords).
    const text = "Server restarted\nDisk usage high on server one\nServer one disk replaced\nLunch at noon\nServer healthy after disk swap\nNew coffee machine";
    expect(summarize(text)).toBe("Disk usage high on server one Server one disk replaced Server healthy after disk swap");
  });

  it("rejects a nonsensical maxSentences", () => {
    expect(() => summarize("a. b.", { maxSentences: 0 })).toThrow(RangeError);
    expect(() => summarize("a. b.", { maxSentences: 1.5 })).toThrow(RangeError);
  });
});
