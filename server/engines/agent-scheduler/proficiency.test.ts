import { describe, expect, it } from "vitest";
import { evidenceOf, median, recomputeProficiency } from "./proficiency";

describe("proficiency learning", () => {
  it("rises toward 1 for an agent that always succeeds at the peers' speed", () => {
    const next = recomputeProficiency(0.6, 0.5, { completed: 10, failed: 0, meanMs: 100, peersMedianMs: 100 });
    expect(next).toBe(0.8); // 0.6 + 0.5 * (1 - 0.6)
  });

  it("falls for an agent that fails half of the time and is twice as slow as its peers", () => {
    const history = { completed: 5, failed: 5, meanMs: 200, peersMedianMs: 100 };
    expect(evidenceOf(history)).toBeCloseTo(0.75 * 0.5 + 0.25 * 0.5);
    expect(recomputeProficiency(0.9, 0.2, history)).toBe(0.82); // 0.9 + 0.2 * (0.5 - 0.9)
  });

  it("is unchanged with fewer than three finished attempts", () => {
    expect(recomputeProficiency(0.42, 1, { completed: 1, failed: 1, meanMs: 10, peersMedianMs: 10 })).toBe(0.42);
  });

  it("stays within [0, 1] whatever the learning rate", () => {
    expect(recomputeProficiency(0.1, 1, { completed: 0, failed: 9, meanMs: null, peersMedianMs: 50 })).toBe(0);
    expect(recomputeProficiency(0.99, 1, { completed: 9, failed: 0, meanMs: 10, peersMedianMs: 50 })).toBe(1);
  });

  it("takes the median of odd and even samples", () => {
    expect(median([3, 1, 2])).toBe(2);
    expect(median([4, 1, 2, 3])).toBe(2.5);
    expect(median([])).toBeNull();
  });
});
