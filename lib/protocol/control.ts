// Server-to-client control messages (envelopes with `type`, `ts` and `data`, but no topic and no id)
// and the envelope every event travels in.
import { z } from "zod";
import { ERROR_CODES } from "./codes";

export const sessionUser = z.object({
  id: z.string(),
  email: z.string(),
  role: z.enum(["user", "admin"]),
});
export type SessionUser = z.infer<typeof sessionUser>;

export const connectedMessage = z.object({
  type: z.literal("connected"),
  ts: z.string(),
  data: z.object({
    client_id: z.string(),
    user: sessionUser.nullable(),
    epoch: z.string(),
    server_time: z.string(),
    heartbeat_ms: z.number().int().positive(),
  }),
});

export const subscribedMessage = z.object({
  type: z.literal("subscribed"),
  ts: z.string(),
  data: z.object({ ref: z.string().optional(), topics: z.array(z.string()), replayed: z.number().int().min(0) }),
});

export const unsubscribedMessage = z.object({
  type: z.literal("unsubscribed"),
  ts: z.string(),
  data: z.object({ ref: z.string().optional(), topics: z.array(z.string()) }),
});

export const resyncMessage = z.object({
  type: z.literal("resync"),
  ts: z.string(),
  data: z.object({ topics: z.array(z.string()), reason: z.string() }),
});

export const pongMessage = z.object({ type: z.literal("pong"), ts: z.string(), data: z.object({ ref: z.string().optional() }) });

export const heartbeatMessage = z.object({ type: z.literal("heartbeat"), ts: z.string(), data: z.object({ ts: z.string() }) });

export const errorMessage = z.object({
  type: z.literal("error"),
  ts: z.string(),
  data: z.object({
    ref: z.string().optional(),
    code: z.enum(ERROR_CODES),
    message: z.string(),
    details: z.unknown().optional(),
  }),
});

export const controlMessage = z.discriminatedUnion("type", [
  connectedMessage,
  subscribedMessage,
  unsubscribedMessage,
  resyncMessage,
  pongMessage,
  heartbeatMessage,
  errorMessage,
]);

export const CONTROL_TYPES = ["connected", "subscribed", "unsubscribed", "resync", "pong", "heartbeat", "error"] as const;
export type ControlType = (typeof CONTROL_TYPES)[number];
export type ControlMessage = z.infer<typeof controlMessage>;
export type ConnectedMessage = z.infer<typeof connectedMessage>;
export type ErrorMessage = z.infer<typeof errorMessage>;

/** An event as it travels on the wire. `id` only on durable events. */
export const eventEnvelope = z.object({
  type: z.string().min(1),
  topic: z.string().min(1),
  id: z.string().optional(),
  ts: z.string(),
  data: z.unknown(),
});
export type EventEnvelope<TData = unknown> = { type: string; topic: string; id?: string; ts: string; data: TData };

export function isControlType(type: string): type is ControlType {
  return (CONTROL_TYPES as readonly string[]).includes(type);
}
