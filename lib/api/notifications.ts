// REST shapes of the notification routes, shared by the routes and the bell.
import { z } from "zod";
import type { Notification } from "@/lib/protocol/entities/notifications";

export const listNotificationsQuery = z.object({
  unread: z.enum(["true", "false"]).transform((v) => v === "true").optional(),
  cursor: z.string().max(200).optional(),
  limit: z.coerce.number().int().min(1).max(100).default(30),
});

export interface NotificationsPage {
  items: Notification[];
  next_cursor: string | null;
  unread_count: number;
}

export const broadcastBody = z.object({
  message: z.string().trim().min(1, "is required").max(2000),
  level: z.enum(["info", "success", "warning", "error"]).default("info"),
});
