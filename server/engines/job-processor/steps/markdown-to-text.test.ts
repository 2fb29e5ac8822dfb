import { describe, expect, it } from "vitest";
import { inlineToText, markdownToText } from "./markdown-to-text";

describe("markdownToText", () => {
  it("strips headings, emphasis, links, images, lists and quotes to prose", () => {
    const md = [
      "# Release notes #",
      "",
      "This release is **much** faster and *easier* to __use__, see [the guide](https://example.com/guide_(v2)).",
      "![Architecture diagram](img/arch.png)",
      "",
      "> Quoted **advice**.",
      "",
      "- First item",
      "* [x] Done task",
      "1. Numbered ~~old~~ new",
      "",
      "Setext heading",
      "==============",
      "",
      "---",
      "Read the [docs][1] or <https://example.org>.",
      "",
      "[1]: https://example.com/docs",
    ].join("\n");
    expect(markdownToText(md)).toBe(
      [
        "Release notes",
        "",
        "This release is much faster and easier to use, see the guide.",
        "Architecture diagram",
        "",
        "Quoted advice.",
        "",
        "First item",
        "Done task",
        "Numbered old new",
        "",
        "Setext heading",
        "",
        "Read the docs or https://example.org.",
      ].join("\n"),
    );
  });

  it("keeps code blocks as text without their fences, untouched inside", () => {
    const md = "Before\n\n```ts\nconst a = **b**; // [x](y)\n```\n\n~~~\nplain\n~~~\nAfter `inline *code*`";
    expect(markdownToText(md)).toBe("Before\n\nconst a = **b**; // [x](y)\n\nplain\nAfter inline *code*");
  });

  it("turns a table into `column: value` lines", () => {
    const md = "| Name | Role |\n|:-----|-----:|\n| Ann | Lead |\n| Bob |  |\n\nAfter table";
    expect(markdownToText(md)).toBe("Name: Ann; Role: Lead\nName: Bob\n\nAfter table");
  });

  it("leaves intraword underscores, arithmetic stars, escapes and comments right", () => {
    expect(inlineToText("snake_case_name and 2 * 3 * 4")).toBe("snake_case_name and 2 * 3 * 4");
    expect(inlineToText("\\*not emphasis\\* and \\[not a link\\](x)")).toBe("*not emphasis* and [not a link](x)");
    expect(inlineToText("Tom &amp; Jerry <br/> <span class=\"x\">here</span>")).toBe("Tom & Jerry  here");
    expect(markdownToText("Visible<!-- hidden\ncomment -->text")).toBe("Visibletext");
  });
});
