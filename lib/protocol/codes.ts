// Stable machine codes of the wire protocol: error codes of `error` messages and WebSocket close codes.
export const ERROR_CODES = [
  "bad_message",
  "unknown_type",
  "forbidden_topic",
  "unauthenticated",
  "rate_limited",
  "too_many_subscriptions",
  "internal",
] as const;

export type ErrorCode = (typeof ERROR_CODES)[number];

export const CLOSE_CODES = {
  normal: 1000,
  goingAway: 1001,
  unsupportedData: 1003,
  policyViolation: 1008,
  messageTooBig: 1009,
  serverError: 1011,
  tryAgainLater: 1013,
  slowConsumer: 4000,
} as const;

export type CloseCode = (typeof CLOSE_CODES)[keyof typeof CLOSE_CODES];

/** Largest inbound frame the hub accepts (bytes); larger frames close the socket with 1009. */
export const MAX_INBOUND_BYTES = 64 * 1024;
/** A client that hears nothing for this long reconnects. */
export const CLIENT_SILENCE_MS = 45_000;
/** The server sends a heartbeat after this long without any other message. */
export const HEARTBEAT_MS = 15_000;
/** The server pings every socket this often and drops one that missed two pongs. */
export const PING_INTERVAL_MS = 30_000;
