// Tests of the topic grammar: parseTopic, parsePattern, patternMatches, with fast-check properties.
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import {
  TOPIC_FAMILIES,
  isTopic,
  parsePattern,
  parseTopic,
  patternMatches,
  patternToString,
  topicSchema,
  topics,
  type TopicFamily,
  type TopicPattern,
} from "./topics";

const FAMILIES = Object.keys(TOPIC_FAMILIES) as TopicFamily[];
const PARAM_CHARS = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789_.-".split("");

const paramArb = fc.string({ unit: fc.constantFrom(...PARAM_CHARS), minLength: 1, maxLength: 40 });

/** Any topic of one family: bare and with a parameter, as the family allows. */
function topicOfFamilyArb(family: TopicFamily): fc.Arbitrary<string> {
  const rules = TOPIC_FAMILIES[family];
  const options: fc.Arbitrary<string>[] = [];
  if (rules.bare) options.push(fc.constant(family));
  if (rules.param) options.push(family === "system" ? fc.constant("system:alerts") : paramArb.map((p) => `${family}:${p}`));
  return fc.oneof(...options);
}

/** Any topic of the protocol. */
const topicArb: fc.Arbitrary<string> = fc.constantFrom(...FAMILIES).chain(topicOfFamilyArb);

function pattern(text: string): TopicPattern {
  const p = parsePattern(text);
  if (!p) throw new Error(`bad pattern in test: ${text}`);
  return p;
}

describe("parseTopic", () => {
  it.each([
    ["jobs", { family: "jobs", param: null }],
    ["jobs:job_8f2k", { family: "jobs", param: "job_8f2k" }],
    ["runs:run_1", { family: "runs", param: "run_1" }],
    ["tasks", { family: "tasks", param: null }],
    ["tasks:t-1.2", { family: "tasks", param: "t-1.2" }],
    ["agents:agent_1", { family: "agents", param: "agent_1" }],
    ["knowledge", { family: "knowledge", param: null }],
    ["insights", { family: "insights", param: null }],
    ["metrics", { family: "metrics", param: null }],
    ["dags", { family: "dags", param: null }],
    ["dags:dag_etl", { family: "dags", param: "dag_etl" }],
    ["dag-runs:dr_1", { family: "dag-runs", param: "dr_1" }],
    ["market:AAPL", { family: "market", param: "AAPL" }],
    ["market:BRK.B", { family: "market", param: "BRK.B" }],
    ["news:AAPL", { family: "news", param: "AAPL" }],
    ["system", { family: "system", param: null }],
    ["system:alerts", { family: "system", param: "alerts" }],
    ["alerts", { family: "alerts", param: null }],
    ["user:u_1", { family: "user", param: "u_1" }],
    ["announcements", { family: "announcements", param: null }],
    ["admin", { family: "admin", param: null }],
  ])("parses %s", (topic, expected) => {
    expect(parseTopic(topic)).toEqual(expected);
    expect(isTopic(topic)).toBe(true);
    expect(topicSchema.safeParse(topic).success).toBe(true);
  });

  it.each([
    ["", "empty"],
    ["runs", "family that needs a parameter"],
    ["dag-runs", "family that needs a parameter"],
    ["market", "family that needs a parameter"],
    ["news", "family that needs a parameter"],
    ["user", "family that needs a parameter"],
    ["knowledge:x", "family that takes no parameter"],
    ["metrics:cpu", "family that takes no parameter"],
    ["admin:x", "family that takes no parameter"],
    ["announcements:x", "family that takes no parameter"],
    ["alerts:x", "family that takes no parameter"],
    ["system:cpu", "system takes only alerts"],
    ["jobs:", "empty parameter"],
    ["jobs:a b", "space"],
    ["jobs:a/b", "slash"],
    ["jobs:a:b", "second colon"],
    ["jobs:*", "wildcard is not a topic"],
    ["jobs:é", "non-ASCII"],
    ["JOBS", "upper-case family"],
    [" jobs", "leading space"],
    ["widgets", "unknown family"],
    ["widgets:1", "unknown family"],
    ["__proto__", "prototype key"],
    ["toString", "prototype key"],
    ["constructor:x", "prototype key"],
    [`jobs:${"a".repeat(129)}`, "parameter too long"],
    ["*", "a pattern, not a topic"],
  ])("refuses %j (%s)", (topic) => {
    expect(parseTopic(topic)).toBeNull();
    expect(isTopic(topic)).toBe(false);
    expect(topicSchema.safeParse(topic).success).toBe(false);
  });

  it("topic helpers build topics that parse", () => {
    expect(topics.job("job_1")).toBe("jobs:job_1");
    expect(topics.dagRun("dr_1")).toBe("dag-runs:dr_1");
    expect(topics.systemAlerts()).toBe("system:alerts");
    for (const [name, build] of Object.entries(topics)) {
      const topic = (build as (id: string) => string)("x_1");
      expect(isTopic(topic), name).toBe(true);
    }
  });
});

describe("parsePattern", () => {
  it.each([
    ["*", { kind: "all" }],
    ["jobs:*", { kind: "prefix", family: "jobs" }],
    ["runs:*", { kind: "prefix", family: "runs" }],
    ["dag-runs:*", { kind: "prefix", family: "dag-runs" }],
    ["market:*", { kind: "prefix", family: "market" }],
    ["system:*", { kind: "prefix", family: "system" }],
    ["user:*", { kind: "prefix", family: "user" }],
    ["jobs", { kind: "exact", topic: "jobs" }],
    ["market:AAPL", { kind: "exact", topic: "market:AAPL" }],
    ["system:alerts", { kind: "exact", topic: "system:alerts" }],
  ])("parses %s", (text, expected) => {
    expect(parsePattern(text)).toEqual(expected);
    expect(patternToString(pattern(text))).toBe(text);
  });

  it.each([
    "",
    "**",
    "*:*",
    "jobs*",
    "jobs:a*",
    "jobs:**",
    "knowledge:*",
    "admin:*",
    "announcements:*",
    "widgets:*",
    "runs",
    "market",
    ":*",
    " *",
    "__proto__:*",
    "system:cpu",
  ])("refuses %j", (text) => {
    expect(parsePattern(text)).toBeNull();
  });
});

describe("patternMatches", () => {
  it.each([
    ["*", "jobs", true],
    ["*", "market:AAPL", true],
    ["jobs", "jobs", true],
    ["jobs", "jobs:job_1", false],
    ["jobs:job_1", "jobs:job_1", true],
    ["jobs:job_1", "jobs:job_2", false],
    ["jobs:*", "jobs:job_1", true],
    ["jobs:*", "jobs", false],
    ["jobs:*", "runs:r1", false],
    ["dags:*", "dag-runs:dr_1", false],
    ["dag-runs:*", "dag-runs:dr_1", true],
    ["dag-runs:*", "dags:d1", false],
    ["market:*", "market:AAPL", true],
    ["market:*", "news:AAPL", false],
    ["system:*", "system:alerts", true],
    ["system:*", "system", false],
    ["user:*", "user:u_1", true],
  ])("%s covers %s: %s", (p, topic, expected) => {
    expect(patternMatches(pattern(p), topic)).toBe(expected);
  });
});

describe("properties", () => {
  it("every generated topic parses back to its family and parameter", () => {
    fc.assert(
      fc.property(topicArb, (topic) => {
        const parsed = parseTopic(topic);
        expect(parsed).not.toBeNull();
        const rebuilt = parsed!.param === null ? parsed!.family : `${parsed!.family}:${parsed!.param}`;
        expect(rebuilt).toBe(topic);
      }),
    );
  });

  it("`*` matches every topic, an exact pattern only itself", () => {
    fc.assert(
      fc.property(topicArb, topicArb, (a, b) => {
        expect(patternMatches(pattern("*"), a)).toBe(true);
        expect(patternMatches(pattern(a), a)).toBe(true);
        expect(patternMatches(pattern(a), b)).toBe(a === b);
      }),
    );
  });

  it("`family:*` matches a topic iff the topic is of that family and has a parameter", () => {
    const prefixFamilies = FAMILIES.filter((f) => TOPIC_FAMILIES[f].param);
    fc.assert(
      fc.property(
        fc.constantFrom(...prefixFamilies).chain((family) => fc.tuple(fc.constant(family), fc.oneof(topicOfFamilyArb(family), topicArb))),
        ([family, topic]) => {
        const parsed = parseTopic(topic)!;
        const expected = parsed.family === family && parsed.param !== null;
        expect(patternMatches(pattern(`${family}:*`), topic)).toBe(expected);
        },
      ),
      { numRuns: 500 },
    );
  });

  it("parseTopic and parsePattern never throw, and whatever parses round-trips", () => {
    fc.assert(
      fc.property(fc.oneof(fc.string(), fc.tuple(topicArb, fc.string()).map(([t, tail]) => t + tail)), (text) => {
        const topic = parseTopic(text);
        if (topic) expect(topic.param === null ? topic.family : `${topic.family}:${topic.param}`).toBe(text);
        const p = parsePattern(text);
        if (p) expect(patternToString(p)).toBe(text);
      }),
    );
  });
});
