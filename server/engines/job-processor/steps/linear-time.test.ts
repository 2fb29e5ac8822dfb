// Hostile inputs that made earlier regexes quadratic (18 s to minutes at this size) must stay linear (about 0.2 s; the limit allows for a loaded machine).
import { describe, expect, it } from "vitest";
import { csvToText } from "./csv-to-text";
import { htmlToText } from "./html-to-text";
import { extractInsights } from "./insight-extraction";
import { markdownToText } from "./markdown-to-text";
import { splitSentences } from "./sentences";
import { summarize } from "./summarization";

const SIZE = 100_000;
const PATTERNS = ["<a ", '<a "', "[", "[[a](", "**a ", "~~a ", "`a``", "a\n", "x \n", "a,\n", "the\n", "A. ", "!", "a@", "1", "www.", " \t"];
const STEPS: [string, (text: string) => unknown][] = [
  ["htmlToText", htmlToText],
  ["markdownToText", markdownToText],
  ["splitSentences", splitSentences],
  ["summarize", summarize],
  ["extractInsights", extractInsights],
  ["csvToText", csvToText],
];

describe("linear time on hostile input", () => {
  for (const [name, step] of STEPS) {
    it(`${name} handles ${SIZE.toLocaleString("en-US")} characters of repeated markup quickly`, { timeout: 60_000 }, () => {
      for (const pattern of PATTERNS) {
        const text = pattern.repeat(Math.ceil(SIZE / pattern.length));
        const started = performance.now();
        try {
          step(text);
        } catch {
          // csvToText may reject some of these as invalid CSV; only the time matters here
        }
        expect(performance.now() - started, `${name} on ${JSON.stringify(pattern)}`).toBeLessThan(10_000);
      }
    });
  }
});
