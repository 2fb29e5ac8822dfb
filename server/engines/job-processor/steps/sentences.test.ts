import { describe, expect, it } from "vitest";
import { splitSentences } from "./sentences";

describe("splitSentences", () => {
  it("splits on sentence punctuation followed by a capital", () => {
    expect(splitSentences("One fish. Two fish! Red fish? Blue fish.")).toEqual(["One fish.", "Two fish!", "Red fish?", "Blue fish."]);
  });

  it("does not split after titles, Latin abbreviations, initials or inside decimals", () => {
    expect(splitSentences("Dr. Smith paid $3.50 for 2.5 kg, e.g. Apples and i.e. Pears. J. K. Rowling wrote it. Mr. Brown agreed.")).toEqual([
      "Dr. Smith paid $3.50 for 2.5 kg, e.g. Apples and i.e. Pears.",
      "J. K. Rowling wrote it.",
      "Mr. Brown agreed.",
    ]);
  });

  it("reads U.S.-style acronyms and company abbreviations by the word that follows", () => {
    expect(splitSentences("The U.S. economy grew. Exports to the U.S. Army fell. He moved to the U.S. The move was hard.")).toEqual([
      "The U.S. economy grew.",
      "Exports to the U.S. Army fell.",
      "He moved to the U.S.",
      "The move was hard.",
    ]);
    expect(splitSentences("She joined Acme Inc. It was small. Apples, pears, etc. are fruit.")).toEqual([
      "She joined Acme Inc.",
      "It was small.",
      "Apples, pears, etc. are fruit.",
    ]);
  });

  it("treats ellipses as an end only before a capital", () => {
    expect(splitSentences("Wait... what was that? Nothing\u2026 Let it go.")).toEqual(["Wait... what was that?", "Nothing\u2026", "Let it go."]);
  });

  it("keeps closing quotes and brackets with their sentence", () => {
    expect(splitSentences('He said "Stop." Then he left. (It was late.) Nobody minded.')).toEqual([
      'He said "Stop."',
      "Then he left.",
      "(It was late.)",
      "Nobody minded.",
    ]);
  });

  it("makes each line without end punctuation a sentence, but rejoins hard-wrapped prose", () => {
    expect(splitSentences("Headline one\nHeadline two\n\nThis paragraph is wrapped\nacross lines and continues with\nMarie Curie as its subject.\n- a list item")).toEqual([
      "Headline one",
      "Headline two",
      "This paragraph is wrapped across lines and continues with Marie Curie as its subject.",
      "- a list item",
    ]);
  });

  it("keeps `key: value` lines apart and drops fragments without letters or digits", () => {
    expect(splitSentences("name: Ann; city: Rome\nname: bob; city: Oslo\n---\n***")).toEqual(["name: Ann; city: Rome", "name: bob; city: Oslo"]);
    expect(splitSentences("   \n\n ")).toEqual([]);
  });
});
