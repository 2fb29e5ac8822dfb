// Tests of parseSnippet: hits from <mark>, entities decoded, no other markup ever read.
import { describe, expect, it } from "vitest";
import { parseSnippet } from "./knowledge-snippet";

describe("parseSnippet", () => {
  it("splits on the mark tags and decodes the escaped text", () => {
    expect(parseSnippet("Q3 &lt;draft&gt; <mark>revenue</mark> rose &amp; <mark>costs</mark> fell &#39;a lot&#x27;")).toEqual([
      { text: "Q3 <draft> ", hit: false },
      { text: "revenue", hit: true },
      { text: " rose & ", hit: false },
      { text: "costs", hit: true },
      { text: " fell 'a lot'", hit: false },
    ]);
  });

  it("keeps anything else as text", () => {
    expect(parseSnippet('<img src=x onerror="alert(1)"><mark>x</mark>')).toEqual([
      { text: '<img src=x onerror="alert(1)">', hit: false },
      { text: "x", hit: true },
    ]);
    expect(parseSnippet("")).toEqual([]);
  });
});
