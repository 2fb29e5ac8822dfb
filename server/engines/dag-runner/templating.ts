// Step params templating: `{{params.name}}` in any string is replaced by the run's trigger param
// (a missing param becomes an empty string); a string that is only a placeholder takes the param's value as is.
import type { JsonObject, JsonValue } from "@/lib/protocol/entities/common";

const WHOLE = /^\{\{\s*params\.([A-Za-z0-9_]+)\s*\}\}$/;
const ANY = /\{\{\s*params\.([A-Za-z0-9_]+)\s*\}\}/g;

export function fillParams(value: JsonValue, params: JsonObject): JsonValue {
  if (typeof value === "string") {
    const whole = WHOLE.exec(value);
    if (whole) return params[whole[1]!] ?? "";
    return value.replace(ANY, (_, name: string) => {
      const v = params[name];
      return v === undefined || v === null ? "" : typeof v === "string" ? v : JSON.stringify(v);
    });
  }
  if (Array.isArray(value)) return value.map((v) => fillParams(v, params));
  if (value && typeof value === "object") return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, fillParams(v, params)]));
  return value;
}
