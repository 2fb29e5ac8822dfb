// Alert rule operators and field paths: compiled once per rule so that each event costs a few property reads.
import type { AlertOp } from "@/lib/protocol/entities/alerts";

export type Comparator = (value: number) => boolean;

/** The test `value <op> threshold`. */
export function comparator(op: AlertOp, threshold: number): Comparator {
  switch (op) {
    case "gt":
      return (v) => v > threshold;
    case "gte":
      return (v) => v >= threshold;
    case "lt":
      return (v) => v < threshold;
    case "lte":
      return (v) => v <= threshold;
    case "eq":
      return (v) => v === threshold;
    case "ne":
      return (v) => v !== threshold;
  }
}

export type FieldReader = (data: unknown) => number | undefined;

/** Reads a dot path (`cpu.usage`, `items.0.price`) as a finite number; undefined when absent or not a number. */
export function fieldReader(path: string): FieldReader {
  const parts = path.split(".");
  if (parts.length === 1) {
    const key = parts[0]!;
    return (data) => asNumber(isObject(data) ? (data as Record<string, unknown>)[key] : undefined);
  }
  return (data) => {
    let v: unknown = data;
    for (const part of parts) {
      if (!isObject(v)) return undefined;
      v = (v as Record<string, unknown>)[part];
    }
    return asNumber(v);
  };
}

function isObject(v: unknown): v is object {
  return typeof v === "object" && v !== null;
}

function asNumber(v: unknown): number | undefined {
  if (typeof v === "number") return Number.isFinite(v) ? v : undefined;
  if (typeof v === "boolean") return v ? 1 : 0;
  return undefined;
}
