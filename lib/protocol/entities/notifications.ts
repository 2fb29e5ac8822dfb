// Notifications (topics `user:{user_id}`, `announcements`): the Notification entity and its events' data.
import { z } from "zod";
import { entityIdSchema, entityVersionSchema, isoDateTimeSchema, topicIdSchema } from "./common";

export const NOTIFICATION_LEVELS = ["info", "success", "warning", "error"] as const;
export const notificationLevelSchema = z.enum(NOTIFICATION_LEVELS);
export type NotificationLevel = z.infer<typeof notificationLevelSchema>;

export const notificationSchema = z.object({
  id: entityIdSchema,
  user_id: topicIdSchema,
  title: z.string().min(1),
  message: z.string(),
  level: notificationLevelSchema,
  /** App-relative path or URL to open, or null. */
  link: z.string().nullable(),
  read_at: isoDateTimeSchema.nullable(),
  created_at: isoDateTimeSchema,
  version: entityVersionSchema,
});
export type Notification = z.infer<typeof notificationSchema>;

export const notificationEventSchema = notificationSchema;

/**
 * `notification_read`, pushed to every socket of the user so that every tab clears the badge.
 * `ids` lists the notifications that were marked read. `all: true` means "mark all read": every
 * notification of the user created at or before `read_at` is read, whatever `ids` holds (it may be
 * empty then). Clients set `read_at` on the matching notifications that are still unread.
 */
export const notificationReadSchema = z
  .object({
    user_id: topicIdSchema,
    ids: z.array(entityIdSchema),
    all: z.boolean().default(false),
    read_at: isoDateTimeSchema,
  })
  .refine((d) => d.all || d.ids.length > 0, { message: "ids must not be empty unless all is true", path: ["ids"] });
export type NotificationRead = z.infer<typeof notificationReadSchema>;

/** `system_announcement` (topic `announcements`): a message to everyone. */
export const systemAnnouncementSchema = z.object({
  message: z.string().min(1).max(2000),
  level: notificationLevelSchema,
});
export type SystemAnnouncement = z.infer<typeof systemAnnouncementSchema>;
