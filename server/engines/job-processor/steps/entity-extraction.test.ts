import { describe, expect, it } from "vitest";
import { cleanName, extractEntities, extractEntitiesAsync } from "./entity-extraction";
import { findOrganizations } from "./organization-heuristics";

const TEXT =
  "Marie Curie worked at the University of Paris with Pierre Curie in France. " +
  "Acme Corp's office in Berlin employs Dr. John Smith, who met Angela Merkel in Germany. " +
  "Globex Inc. and Initech LLC signed a deal with the Massachusetts Institute of Technology and the Gates Foundation in New York City. " +
  "Siemens AG and Bosch GmbH opened a lab in Munich. Tim Cook visited Tokyo, Japan. " +
  "Yesterday Acme Corp hired graduates of Stanford University. Marie Curie returned to BERLIN.";

describe("extractEntities", () => {
  it("finds the people, organisations and places in order of first mention, deduplicated", () => {
    expect(extractEntities(TEXT)).toEqual([
      { text: "Marie Curie", type: "person" },
      { text: "University of Paris", type: "organization" },
      { text: "Pierre Curie", type: "person" },
      { text: "France", type: "place" },
      { text: "Acme Corp", type: "organization" },
      { text: "Berlin", type: "place" },
      { text: "John Smith", type: "person" },
      { text: "Angela Merkel", type: "person" },
      { text: "Germany", type: "place" },
      { text: "Globex Inc.", type: "organization" },
      { text: "Initech LLC", type: "organization" },
      { text: "Massachusetts Institute of Technology", type: "organization" },
      { text: "Gates Foundation", type: "organization" },
      { text: "New York City", type: "place" },
      { text: "Siemens AG", type: "organization" },
      { text: "Bosch GmbH", type: "organization" },
      { text: "Munich", type: "place" },
      { text: "Tim Cook", type: "person" },
      { text: "Tokyo", type: "place" },
      { text: "Japan", type: "place" },
      { text: "Stanford University", type: "organization" },
    ]);
  });

  it("keeps a possessive surname that compromise leaves out", () => {
    expect(extractEntities("Marie Curie's lab was near Tim Cook’s office, in Berlin's centre.")).toEqual([
      { text: "Marie Curie", type: "person" },
      { text: "Tim Cook", type: "person" },
      { text: "Berlin", type: "place" },
    ]);
  });

  it("returns nothing for text without names, and caps the list", () => {
    expect(extractEntities("the quick brown fox jumps over the lazy dog.")).toEqual([]);
    expect(extractEntities("")).toEqual([]);
    const many = Array.from({ length: 30 }, (_, i) => `Company${String.fromCharCode(65 + (i % 26))}${i} Inc. hired staff.`).join(" ");
    expect(extractEntities(many, { limit: 10 })).toHaveLength(10);
    expect(extractEntities(`${many} ${many.replace(/Inc/g, "GmbH")}`)).toHaveLength(50);
  });

  it("reads long texts in pieces with the same result, and the async variant agrees", async () => {
    const long = `${"Filler words go here without any names at all. ".repeat(240)}${TEXT}`;
    expect(long.length).toBeGreaterThan(10_000);
    const sync = extractEntities(long);
    expect(sync).toEqual(extractEntities(TEXT));
    expect(await extractEntitiesAsync(long)).toEqual(sync);
  });

  it("reads only the first maxChars characters", () => {
    expect(extractEntities("Angela Merkel spoke. Later Tim Cook spoke.", { maxChars: 20 })).toEqual([{ text: "Angela Merkel", type: "person" }]);
  });

  it("stops when the signal aborts", async () => {
    const controller = new AbortController();
    controller.abort(new Error("cancelled"));
    await expect(extractEntitiesAsync(TEXT, { signal: controller.signal })).rejects.toThrow("cancelled");
  });
});

describe("cleanName", () => {
  it("trims punctuation, possessives, articles and honorifics", () => {
    expect(cleanName("Acme Corp's office,", "organization")).toBe("Acme Corp");
    expect(cleanName("Acme Corp\u2019s", "organization")).toBe("Acme Corp");
    expect(cleanName("the  Gates\nFoundation.", "organization")).toBe("Gates Foundation");
    expect(cleanName("Dr. Jane Doe\u2014", "person")).toBe("Jane Doe");
    expect(cleanName("(Prof. Ada Lovelace)", "person")).toBe("Ada Lovelace");
    expect(cleanName("James'", "person")).toBe("James");
    expect(cleanName("McDonald's Corporation", "organization")).toBe("McDonald's Corporation");
  });

  it("keeps a period that belongs to the name and refuses non-names", () => {
    expect(cleanName("Globex Inc.", "organization")).toBe("Globex Inc.");
    expect(cleanName("the U.S.", "place")).toBe("U.S.");
    expect(cleanName("Munich.", "place")).toBe("Munich");
    expect(cleanName("It", "person")).toBe("");
    expect(cleanName("42,", "place")).toBe("");
  });
});

describe("findOrganizations", () => {
  const names = (text: string) => findOrganizations(text).map((s) => s.text);

  it("finds names ending in a legal suffix or around an institution word", () => {
    expect(names("We met Bosch GmbH, Globex Inc. and the Acme Widget Company at Stanford University.")).toEqual([
      "Bosch GmbH",
      "Globex Inc",
      "Acme Widget Company",
      "Stanford University",
    ]);
    expect(names("She studied at the University of Science and Technology of China.")).toEqual(["University of Science and Technology of China"]);
  });

  it("does not run into a second name, a previous sentence or a possessive", () => {
    expect(names("Massachusetts Institute of Technology and the Gates Foundation")).toEqual(["Massachusetts Institute of Technology", "Gates Foundation"]);
    expect(names("Harvard University and Yale University")).toEqual(["Harvard University", "Yale University"]);
    expect(names("It moved to Berlin. Siemens AG stayed.")).toEqual(["Siemens AG"]);
    expect(names("Acme Corp's office")).toEqual(["Acme Corp"]);
  });

  it("needs a name beside the suffix or institution word", () => {
    expect(names("The University said no. A company can be an LLC.")).toEqual([]);
  });

  it("drops leading words the caller marks as noise", () => {
    const spans = findOrganizations("Yesterday Acme Corp grew.", (t) => t.word === "Yesterday");
    expect(spans).toEqual([{ text: "Acme Corp", start: 10, end: 19 }]);
  });
});
