// Tests of the knowledge page's URL state: read, written back in a stable order, empty values left out.
import { describe, expect, it } from "vitest";
import { knowledgeStateFromSearch, knowledgeStateToSearch } from "./knowledge-url";

describe("knowledge URL state", () => {
  it("round-trips and leaves empty values out", () => {
    const state = knowledgeStateFromSearch(new URLSearchParams("tag=Finance&q=q3+revenue&item=k_1"));
    expect(state).toEqual({ q: "q3 revenue", tag: "finance", type: "", item: "k_1" });
    expect(knowledgeStateToSearch(state)).toBe("?q=q3+revenue&tag=finance&item=k_1");
    expect(knowledgeStateToSearch({ q: "  ", tag: "", type: "", item: null })).toBe("");
  });
});
