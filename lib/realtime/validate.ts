// Validation of every inbound frame: control messages by their schemas, events by the protocol's catalog.
import { controlMessage, eventEnvelope, isControlType, type ControlMessage, type EventEnvelope } from "@/lib/protocol/control";

export type EventValidation<E extends EventEnvelope = EventEnvelope> =
  | { ok: true; event: E }
  | { ok: false; error: string };

export type EventValidator<E extends EventEnvelope = EventEnvelope> = (msg: unknown) => EventValidation<E>;

export type ParsedFrame<E extends EventEnvelope = EventEnvelope> =
  | { kind: "control"; message: ControlMessage }
  | { kind: "event"; event: E }
  | { kind: "invalid"; error: string };

/** Envelope-only validation (type, topic, id, ts, data); the catalog check lives in `validateEnvelope`. */
export const validateEnvelopeShape: EventValidator = (msg) => {
  const parsed = eventEnvelope.safeParse(msg);
  return parsed.success
    ? { ok: true, event: parsed.data as EventEnvelope }
    : { ok: false, error: parsed.error.issues.map((i) => `${i.path.join(".") || "(root)"}: ${i.message}`).join("; ") };
};

/** Parses one text frame; never throws. */
export function parseFrame<E extends EventEnvelope>(raw: unknown, validateEvent: EventValidator<E>): ParsedFrame<E> {
  if (typeof raw !== "string") return { kind: "invalid", error: "binary frame" };
  let msg: unknown;
  try {
    msg = JSON.parse(raw);
  } catch {
    return { kind: "invalid", error: "frame is not JSON" };
  }
  if (typeof msg !== "object" || msg === null || Array.isArray(msg)) {
    return { kind: "invalid", error: "frame is not a JSON object" };
  }
  const type = (msg as { type?: unknown }).type;
  if (typeof type !== "string") return { kind: "invalid", error: "frame has no type" };
  if (isControlType(type)) {
    const parsed = controlMessage.safeParse(msg);
    return parsed.success
      ? { kind: "control", message: parsed.data }
      : { kind: "invalid", error: `bad ${type}: ${parsed.error.issues.map((i) => `${i.path.join(".")}: ${i.message}`).join("; ")}` };
  }
  let result: EventValidation<E>;
  try {
    result = validateEvent(msg);
  } catch (err) {
    return { kind: "invalid", error: `validator threw: ${err instanceof Error ? err.message : String(err)}` };
  }
  return result.ok ? { kind: "event", event: result.event } : { kind: "invalid", error: result.error };
}
