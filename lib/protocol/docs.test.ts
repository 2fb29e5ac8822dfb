// Keeps docs/protocol.md in step with the catalog: every event type and every data field is documented.
import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { z } from "zod";
import { EVENT_CATALOG, EVENT_TYPES } from "./events";
import { CLOSE_CODES, ERROR_CODES } from "./codes";
import { alertRuleSchema } from "./entities/alerts";

const doc = readFileSync(fileURLToPath(new URL("../../docs/protocol.md", import.meta.url)), "utf8");

function fieldsOf(schema: z.ZodType): string[] {
  if (schema instanceof z.ZodArray) return fieldsOf(schema.element as z.ZodType);
  if (schema instanceof z.ZodObject) return Object.keys(schema.shape);
  return [];
}

describe("docs/protocol.md", () => {
  it.each(EVENT_TYPES.map((t) => [t]))("documents %s and its fields", (type) => {
    expect(doc).toContain(`\`${type}\``);
    for (const field of fieldsOf(EVENT_CATALOG[type].schema)) {
      expect(doc, `${type}.${field}`).toMatch(new RegExp(`\\b${field}\\b`));
    }
  });

  it("documents alert rules, error codes and close codes", () => {
    for (const field of fieldsOf(alertRuleSchema)) expect(doc).toMatch(new RegExp(`\\b${field}\\b`));
    for (const code of ERROR_CODES) expect(doc).toContain(`\`${code}\``);
    for (const code of Object.values(CLOSE_CODES)) expect(doc).toContain(`| ${code} |`);
  });
});
