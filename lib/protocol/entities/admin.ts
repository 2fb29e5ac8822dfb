// Admin console (topic `admin`, admins only): live connections, topic figures, users, API keys and the audit log.
import { z } from "zod";
import { entityIdSchema, entityVersionSchema, isoDateTimeSchema, jsonObjectSchema, nonNegativeIntSchema, nonNegativeSchema } from "./common";

export const ROLES = ["user", "admin"] as const;
export const roleSchema = z.enum(ROLES);
export type Role = z.infer<typeof roleSchema>;

/** `browser`: signed in with the session cookie; `program`: an API key (or no principal yet). */
export const CONNECTION_KINDS = ["browser", "program"] as const;
export const connectionKindSchema = z.enum(CONNECTION_KINDS);

/**
 * One open WebSocket as the admin console shows it. `version` grows by one with every change of
 * the figures (counters, topics, buffer, last seen), per connection.
 */
export const adminConnectionSchema = z.object({
  client_id: entityIdSchema,
  /** The server process that holds the socket (unique per process; several in a cluster). */
  instance_id: entityIdSchema,
  kind: connectionKindSchema,
  /** The signed-in user (null for an API key or a socket still authenticating). */
  user_id: entityIdSchema.nullable(),
  /** The user's email, or `api-key:<name>` for a key; null while authenticating. */
  email: z.string().nullable(),
  role: roleSchema.nullable(),
  /** The API key the socket authenticated with (null for a browser). */
  api_key_id: entityIdSchema.nullable(),
  api_key_name: z.string().nullable(),
  user_agent: z.string().nullable(),
  address: z.string(),
  /** The topic patterns the socket holds. */
  topics: z.array(z.string()),
  connected_at: isoDateTimeSchema,
  messages_in: nonNegativeIntSchema,
  messages_out: nonNegativeIntSchema,
  /** Bytes waiting in the socket's send buffer. */
  buffer_bytes: nonNegativeIntSchema,
  /** Last message received from the client (or the connection time). */
  last_seen_at: isoDateTimeSchema,
  /** `resync` messages this socket was sent (it asked to resume from an id the server no longer held). */
  resyncs_served: nonNegativeIntSchema,
  version: entityVersionSchema,
});
export type AdminConnection = z.infer<typeof adminConnectionSchema>;

/** `admin_connection_opened` (durable): a socket authenticated. */
export const adminConnectionOpenedSchema = adminConnectionSchema;
/**
 * `admin_connection_updated` (ephemeral): the figures of one socket changed; at most every 2 s per
 * socket, only when something changed. Apply it only to a connection you already hold (an update
 * may arrive after `admin_connection_closed`, or as the latest value of a long-gone socket).
 */
export const adminConnectionUpdatedSchema = adminConnectionSchema;
/** `admin_connection_closed` (durable): a socket closed (`code` null when the server could not tell). */
export const adminConnectionClosedSchema = z.object({
  client_id: entityIdSchema,
  instance_id: entityIdSchema,
  user_id: entityIdSchema.nullable(),
  api_key_id: entityIdSchema.nullable(),
  closed_at: isoDateTimeSchema,
  code: z.number().int().nullable(),
  reason: z.string(),
});
export type AdminConnectionClosed = z.infer<typeof adminConnectionClosedSchema>;

/** Subscribers of one topic pattern (exact topic, `family:*` or `*`). */
export const topicSubscribersSchema = z.object({ pattern: z.string(), subscribers: nonNegativeIntSchema });
/** Events published on one topic over the last minute: the per-second average and the 60 one-second counts, oldest first. */
export const topicRateSchema = z.object({
  topic: z.string(),
  per_second: nonNegativeSchema,
  last_minute: nonNegativeIntSchema,
  buckets: z.array(nonNegativeIntSchema).max(60),
});
export type TopicRate = z.infer<typeof topicRateSchema>;

/** The bus's replay log: how many durable events it holds, of how many, and the oldest id still replayable. */
export const replayLogSchema = z.object({
  size: nonNegativeIntSchema,
  capacity: nonNegativeIntSchema,
  oldest_id: z.string().nullable(),
  newest_id: z.string().nullable(),
  epoch: z.string(),
});

/** `admin_topics_update` (ephemeral, every 2 s): the topic figures of the cluster, reported by its leader (`instance_id`). */
export const adminTopicsUpdateSchema = z.object({
  instance_id: entityIdSchema,
  /** Live server instances the figures cover (1 without a cluster). */
  instances: z.number().int().min(1).optional(),
  at: isoDateTimeSchema,
  connections: nonNegativeIntSchema,
  subscriptions: nonNegativeIntSchema,
  subscribers: z.array(topicSubscribersSchema),
  /** Topics that carried events in the last minute, busiest first. */
  rates: z.array(topicRateSchema),
  replay_log: replayLogSchema,
  /** `resync` messages sent since the process started. */
  resyncs_served: nonNegativeIntSchema,
});
export type AdminTopicsSnapshot = z.infer<typeof adminTopicsUpdateSchema>;

/** A user account as the admin console lists it. `open_sockets` and `last_seen_at` are of this instance's hub and sign-ins. */
export const adminUserSchema = z.object({
  id: entityIdSchema,
  email: z.string(),
  role: roleSchema,
  disabled: z.boolean(),
  disabled_at: isoDateTimeSchema.nullable(),
  created_at: isoDateTimeSchema,
  last_seen_at: isoDateTimeSchema.nullable(),
  open_sockets: nonNegativeIntSchema,
  version: entityVersionSchema,
});
export type AdminUser = z.infer<typeof adminUserSchema>;

export const USER_CHANGES = ["created", "role_changed", "disabled", "enabled"] as const;
/** `admin_user_changed` (durable): the whole user after the change, and which change it was. */
export const adminUserChangedSchema = adminUserSchema.extend({ change: z.enum(USER_CHANGES) });
export type AdminUserChanged = z.infer<typeof adminUserChangedSchema>;

/** An API key without its secret; `prefix` is its first characters, to recognise it. */
export const apiKeySchema = z.object({
  id: entityIdSchema,
  name: z.string(),
  prefix: z.string(),
  created_at: isoDateTimeSchema,
  created_by: entityIdSchema.nullable(),
  revoked_at: isoDateTimeSchema.nullable(),
  /** Recorded at most once a minute per key. */
  last_used_at: isoDateTimeSchema.nullable(),
  /** 1 when created, 2 once revoked. */
  version: entityVersionSchema,
});
export type ApiKey = z.infer<typeof apiKeySchema>;

export const API_KEY_CHANGES = ["created", "revoked"] as const;
/** `api_key_changed` (durable): the key after the change (never its secret). */
export const apiKeyChangedSchema = apiKeySchema.extend({ change: z.enum(API_KEY_CHANGES) });
export type ApiKeyChanged = z.infer<typeof apiKeyChangedSchema>;

export const AUDIT_ACTIONS = [
  "connection_disconnected",
  "user_disconnected",
  "broadcast_sent",
  "user_created",
  "user_role_changed",
  "user_disabled",
  "user_enabled",
  "api_key_created",
  "api_key_revoked",
] as const;
export const auditActionSchema = z.enum(AUDIT_ACTIONS);
export type AuditAction = z.infer<typeof auditActionSchema>;

export const AUDIT_TARGET_TYPES = ["connection", "user", "api_key", "broadcast"] as const;

/** One admin action: who (`actor_*`), what (`action`), on what (`target_*`), details and when. */
export const auditEntrySchema = z.object({
  id: entityIdSchema,
  actor_id: entityIdSchema.nullable(),
  actor_email: z.string(),
  action: auditActionSchema,
  target_type: z.enum(AUDIT_TARGET_TYPES),
  /** A client id, user id or key id; null for a broadcast to everyone. */
  target_id: z.string().nullable(),
  /** Human-readable target: an email, a key name, `everyone`, `role admin`. */
  target_label: z.string().nullable(),
  details: jsonObjectSchema,
  created_at: isoDateTimeSchema,
});
export type AuditEntry = z.infer<typeof auditEntrySchema>;

/** `audit_entry` (durable): an admin action was recorded. */
export const auditEntryEventSchema = auditEntrySchema;
