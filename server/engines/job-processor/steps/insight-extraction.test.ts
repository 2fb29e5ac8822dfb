import { describe, expect, it } from "vitest";
import { countMentions, extractInsights } from "./insight-extraction";

describe("extractInsights", () => {
  it("states the size, reading time, language and top terms of a known English text", () => {
    const text =
      "The network team replaced the core switch on Monday. The switch had failed twice in March. " +
      "After the replacement the network was stable, and the team closed the incident.";
    expect(extractInsights(text)).toEqual([
      "29 words, 3 sentences, 170 characters",
      "Reading time: under a minute",
      "Language: English (likely)",
      "Top terms: network (2), team (2), switch (2), replaced (1), core (1)",
    ]);
  });

  it("guesses French and leaves French function words out of the top terms", () => {
    const text =
      "Le réseau de la ville est tombé en panne lundi. Les techniciens du réseau ont remplacé le commutateur, " +
      "et le réseau fonctionne de nouveau pour les habitants de la ville.";
    const insights = extractInsights(text);
    expect(insights).toContain("Language: French (likely)");
    expect(insights).toContain("Top terms: réseau (3), ville (2), tombé (1), panne (1), lundi (1)");
  });

  it("counts with thousands separators and plural forms, and estimates reading time at 200 words a minute", () => {
    const text = `${"Word ".repeat(1_233)}end.`;
    const [size, reading] = extractInsights(text);
    expect(size).toBe(`1,234 words, 1 sentence, ${(1_233 * 5 + 4).toLocaleString("en-US")} characters`);
    expect(reading).toBe("Reading time: about 6 minutes");
    expect(extractInsights("Hi.")[0]).toBe("1 word, 1 sentence, 3 characters");
    expect(extractInsights(`${"go ".repeat(300)}`)[1]).toBe("Reading time: about 2 minutes");
  });

  it("reports links, email addresses, dates and numbers when present", () => {
    const text =
      "Write to ops@example.com or jane.doe@mail.example.org, and see https://status.example.com/incidents?id=7 or www.example.net. " +
      "The outage on 2024-03-05 and the one on March 7, 2024 cost $1,234.50; 12 servers and 15% of users were affected.";
    expect(extractInsights(text).slice(4)).toEqual(["Links: 2", "Email addresses: 2", "Dates: 2", "Numbers: 3"]);
  });

  it("says 'Language: unknown' when unsure and has nothing to say about empty text", () => {
    expect(extractInsights("Zyx qwv")).toContain("Language: unknown");
    expect(extractInsights("  \n ")).toEqual([]);
  });
});

describe("countMentions", () => {
  it("does not count the digits of dates, links and addresses as numbers", () => {
    expect(countMentions("See http://x.io/2024/01 on 05/01/2024, 1 March 2024 or Jan. 3rd; mail a1@b2.io.")).toEqual({
      links: 1,
      emails: 1,
      dates: 3,
      numbers: 0,
    });
  });

  it("counts integers, decimals, grouped numbers and percentages, but not words with digits", () => {
    expect(countMentions("7 cats, 3.5 kg, 10,000 people, -4 degrees, 99% sure, COVID19 and 3D are not numbers.")).toEqual({
      links: 0,
      emails: 0,
      dates: 0,
      numbers: 5,
    });
  });
});
