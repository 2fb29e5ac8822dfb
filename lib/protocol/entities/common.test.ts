// Tests of the shared building blocks: ISO times, versions, and ids that must fit in topics.
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { isTopic } from "../topics";
import { entityVersionSchema, isoDateTimeSchema, jsonValueSchema, tickerSchema, topicIdSchema } from "./common";

describe("isoDateTimeSchema", () => {
  it("accepts what Date#toISOString writes, for any date", () => {
    fc.assert(
      fc.property(fc.date({ min: new Date("1970-01-01T00:00:00Z"), max: new Date("9999-12-31T23:59:59Z"), noInvalidDate: true }), (d) => {
        expect(isoDateTimeSchema.safeParse(d.toISOString()).success).toBe(true);
      }),
    );
  });

  it.each(["2026-11-22T10:00:00Z", "2026-11-22T10:00:00.123456Z", "2026-11-22T12:00:00+02:00"])("accepts %s", (t) => {
    expect(isoDateTimeSchema.safeParse(t).success).toBe(true);
  });

  it.each(["2026-11-22", "10:00:00", "2026-11-22 10:00:00", "yesterday", "", "2026-13-01T00:00:00Z"])("refuses %j", (t) => {
    expect(isoDateTimeSchema.safeParse(t).success).toBe(false);
  });

  it("refuses numbers and Date objects (JSON carries strings)", () => {
    expect(isoDateTimeSchema.safeParse(Date.now()).success).toBe(false);
    expect(isoDateTimeSchema.safeParse(new Date()).success).toBe(false);
  });
});

describe("entityVersionSchema", () => {
  it.each([[1, true], [7, true], [0, false], [-1, false], [1.5, false], ["2", false]])("%j -> %s", (v, ok) => {
    expect(entityVersionSchema.safeParse(v).success).toBe(ok);
  });
});

describe("topicIdSchema", () => {
  it("accepts exactly the ids that make a valid topic parameter", () => {
    fc.assert(
      fc.property(fc.oneof(fc.string({ maxLength: 140 }), fc.stringMatching(/^[A-Za-z0-9_.-]{1,130}$/)), (id) => {
        expect(topicIdSchema.safeParse(id).success).toBe(isTopic(`jobs:${id}`));
      }),
    );
  });
});

describe("tickerSchema", () => {
  it.each([["AAPL", true], ["BRK.B", true], ["BTC-USD", true], ["aapl", false], ["", false], ["A B", false], [".A", false]])("%j -> %s", (t, ok) => {
    expect(tickerSchema.safeParse(t).success).toBe(ok);
  });

  it("every ticker it accepts is a market topic parameter", () => {
    fc.assert(
      fc.property(fc.stringMatching(/^[A-Z0-9][A-Z0-9.-]{0,15}$/), (t) => {
        expect(tickerSchema.safeParse(t).success).toBe(true);
        expect(isTopic(`market:${t}`)).toBe(true);
      }),
    );
  });
});

describe("jsonValueSchema", () => {
  it("accepts JSON values and refuses what JSON cannot carry", () => {
    expect(jsonValueSchema.safeParse({ a: [1, "x", null, { b: true }] }).success).toBe(true);
    expect(jsonValueSchema.safeParse(undefined).success).toBe(false);
    expect(jsonValueSchema.safeParse({ f: () => 1 }).success).toBe(false);
  });
});
