// Client-to-server messages: subscribe, unsubscribe, ping and auth.
import { z } from "zod";

/** How many patterns one subscribe may carry, and how many one socket may hold. */
export const MAX_TOPICS_PER_REQUEST = 100;
export const MAX_SUBSCRIPTIONS_PER_SOCKET = 500;

const ref = z.string().min(1).max(64).optional();
const patternList = z.array(z.string().min(1).max(200)).min(1).max(MAX_TOPICS_PER_REQUEST);

export const subscribeCommand = z.object({
  type: z.literal("subscribe"),
  ref,
  topics: patternList,
  since: z.string().min(1).max(64).optional(),
});

export const unsubscribeCommand = z.object({
  type: z.literal("unsubscribe"),
  ref,
  topics: patternList,
});

export const pingCommand = z.object({ type: z.literal("ping"), ref });

export const authCommand = z.object({ type: z.literal("auth"), ref, token: z.string().min(1).max(512) });

export const clientMessage = z.discriminatedUnion("type", [
  subscribeCommand,
  unsubscribeCommand,
  pingCommand,
  authCommand,
]);

export const CLIENT_MESSAGE_TYPES = ["subscribe", "unsubscribe", "ping", "auth"] as const;

export type SubscribeCommand = z.infer<typeof subscribeCommand>;
export type UnsubscribeCommand = z.infer<typeof unsubscribeCommand>;
export type PingCommand = z.infer<typeof pingCommand>;
export type AuthCommand = z.infer<typeof authCommand>;
export type ClientMessage = z.infer<typeof clientMessage>;
