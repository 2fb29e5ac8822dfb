// REST shapes of the admin console's routes (admins only): connections, topics, broadcast, users, API keys, audit.
import { z } from "zod";
import type { AdminConnection, AdminTopicsSnapshot, AdminUser, ApiKey, AuditEntry } from "@/lib/protocol/entities/admin";
import { ROLES } from "@/lib/protocol/entities/admin";
import { NOTIFICATION_LEVELS } from "@/lib/protocol/entities/notifications";
import type { Page } from "./jobs";

export type { AdminConnection, AdminTopicsSnapshot, AdminUser, ApiKey, AuditEntry } from "@/lib/protocol/entities/admin";
/** POST /api/admin/users {email, password, role} and POST /api/admin/api-keys {name}: bodies shared with sign-in's module. */
export { createApiKeyBody, createUserBody, type CreateApiKeyBody, type CreateUserBody } from "./auth";

/** GET /api/admin/connections: every open socket of this instance. */
export interface AdminConnectionsResponse {
  instance_id: string;
  at: string;
  items: AdminConnection[];
}

/** POST /api/admin/connections/{client_id}/disconnect (404 when no such open socket) and POST /api/admin/users/{id}/disconnect. */
export interface DisconnectResponse {
  /** How many sockets were closed (1008 "disconnected by an admin"). */
  closed: number;
}

/** GET /api/admin/topics: the same figures as the `admin_topics_update` event. */
export type AdminTopicsResponse = AdminTopicsSnapshot;

export const broadcastTargetSchema = z.discriminatedUnion(
  "kind",
  [
    z.object({ kind: z.literal("everyone") }),
    z.object({ kind: z.literal("user"), user_id: z.string().min(1, "is required").max(256) }),
    z.object({ kind: z.literal("role"), role: z.enum(ROLES, { message: `one of ${ROLES.join(", ")}` }) }),
  ],
  { message: "kind must be everyone, user or role" },
);
export type BroadcastTarget = z.infer<typeof broadcastTargetSchema>;

/**
 * POST /api/admin/broadcast. `everyone` (the default) publishes `system_announcement` on
 * `announcements`; `user` and `role` store a notification (titled `title`, default "Message from an
 * administrator") for each user, pushed on `user:{id}`.
 */
export const adminBroadcastBody = z.object({
  message: z.string().trim().min(1, "is required").max(2000, "at most 2000 characters"),
  level: z.enum(NOTIFICATION_LEVELS).default("info"),
  title: z.string().trim().min(1).max(200).optional(),
  target: broadcastTargetSchema.default({ kind: "everyone" }),
});
export type AdminBroadcastBody = z.input<typeof adminBroadcastBody>;

export interface AdminBroadcastResponse {
  target: BroadcastTarget;
  /** Open sockets that will receive it: every authenticated socket for `everyone`, else the target users' sockets. */
  delivered_sockets: number;
  /** Users notified (0 for `everyone`). */
  users: number;
  /** The event id of the announcement (everyone), else null. */
  id: string | null;
  /** The stored notifications' ids (user/role). */
  notification_ids: string[];
  /** Same as delivered_sockets (kept for the original `{id, connections}` answer). */
  connections: number;
}

export type AdminUsersPage = Page<AdminUser>;

/** PATCH /api/admin/users/{id}: change role and/or disable/enable. An admin cannot demote or disable themselves (403). */
export const updateUserBody = z
  .object({
    role: z.enum(ROLES, { message: `one of ${ROLES.join(", ")}` }).optional(),
    disabled: z.boolean({ message: "true or false" }).optional(),
  })
  .refine((b) => b.role !== undefined || b.disabled !== undefined, { message: "nothing to change: send role or disabled" });
export type UpdateUserBody = z.infer<typeof updateUserBody>;

/** PATCH answer: the user after the change and how many of their sockets were closed (disable). */
export type UpdateUserResponse = AdminUser & { closed_connections: number };

export type ApiKeysPage = Page<ApiKey>;
/** POST /api/admin/api-keys (201): the key with its secret, shown this once. */
export type CreatedApiKey = ApiKey & { key: string };
/** DELETE /api/admin/api-keys/{id}: the revoked key and how many sockets it had open (closed with 1008). */
export type RevokedApiKey = ApiKey & { closed_connections: number };

/** GET /api/admin/audit?cursor=&limit=: newest first. */
export const listAuditQuery = z.object({
  cursor: z.string().max(200).optional(),
  limit: z.coerce.number().int().min(1).max(200).default(50),
});
export type AuditPage = Page<AuditEntry>;
