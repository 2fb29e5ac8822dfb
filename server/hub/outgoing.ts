// What the hub sends: events serialized once for every recipient, and control messages.
import type { ParsedTopic } from "@/lib/protocol/topics";
import type { ErrorCode } from "@/lib/protocol/codes";
import type { BusEvent } from "../bus/bus";
import type { EventId } from "../bus/event-id";

/** A bus event ready to fan out: parsed once, serialized once. */
export interface PreparedEvent {
  event: BusEvent;
  parsed: ParsedTopic;
  /** Parsed id of a durable event; null for ephemeral ones. */
  id: EventId | null;
  payload: Buffer;
}

export function serializeEvent(event: BusEvent): Buffer {
  return Buffer.from(JSON.stringify(event));
}

export function controlFrame(type: string, data: Record<string, unknown>): string {
  return JSON.stringify({ type, ts: new Date().toISOString(), data });
}

export function errorFrame(code: ErrorCode, message: string, ref?: string, details?: unknown): string {
  return controlFrame("error", { ...(ref === undefined ? {} : { ref }), code, message, ...(details === undefined ? {} : { details }) });
}
