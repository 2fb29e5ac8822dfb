// Notifications service: per-user messages (a job finished, a run failed...), read marks that every
// tab of the user hears about (`notification_read`), and system announcements for everyone.
import type { Notification } from "@/lib/protocol/entities/notifications";
import { topics } from "@/lib/protocol/topics";
import type { Bus } from "../bus/bus";
import { newId } from "../ids";
import type { Repositories } from "../storage/repositories";
import type { NotificationRow } from "../storage/repositories/notifications";
import { decodeCursor, pageOf } from "./cursor";
import { ServiceError } from "./errors";

export type NotificationLevel = Notification["level"];

export function createNotificationsService(deps: { repos: Repositories; bus: Bus; now?: () => Date }) {
  const { repos, bus } = deps;
  const now = deps.now ?? (() => new Date());

  return {
    async notify(userId: string, input: { title: string; message: string; level: NotificationLevel; link?: string | null }): Promise<Notification> {
      const row = await repos.notifications.insert({
        id: newId("ntf"),
        user_id: userId,
        title: input.title,
        message: input.message,
        level: input.level,
        link: input.link ?? null,
        created_at: now(),
      });
      const notification = toNotification(row);
      await bus.publish({ type: "notification", topic: topics.user(userId), data: notification, ephemeral: false });
      return notification;
    },

    async list(userId: string, query: { unread?: boolean; cursor?: string; limit: number }) {
      const rows = await repos.notifications.list(userId, { unreadOnly: query.unread, after: decodeCursor(query.cursor), limit: query.limit + 1 });
      const page = pageOf(rows, query.limit, toNotification, (r) => ({ created_at: r.created_at, id: r.id }));
      return { ...page, unread_count: await repos.notifications.unreadCount(userId) };
    },

    async markRead(userId: string, id: string): Promise<Notification> {
      const at = now();
      const row = await repos.notifications.markRead(userId, id, at);
      if (!row) {
        const existing = await repos.notifications.findForUser(userId, id);
        if (!existing) throw new ServiceError("not_found", "no such notification");
        return toNotification(existing); // already read: nothing changes, nothing to tell
      }
      await bus.publish({ type: "notification_read", topic: topics.user(userId), data: { user_id: userId, ids: [id], all: false, read_at: at.toISOString() }, ephemeral: false });
      return toNotification(row);
    },

    async markAllRead(userId: string): Promise<{ read_at: string; count: number }> {
      const at = now();
      const ids = await repos.notifications.markAllRead(userId, at);
      if (ids.length > 0) {
        await bus.publish({ type: "notification_read", topic: topics.user(userId), data: { user_id: userId, ids, all: true, read_at: at.toISOString() }, ephemeral: false });
      }
      return { read_at: at.toISOString(), count: ids.length };
    },

    /** A banner for everyone connected; resolves with the event as published. */
    async announce(message: string, level: NotificationLevel) {
      return bus.publish({ type: "system_announcement", topic: topics.announcements(), data: { message, level }, ephemeral: false });
    },
  };
}

export type NotificationsService = ReturnType<typeof createNotificationsService>;


export function toNotification(row: NotificationRow): Notification {
  return {
    id: row.id,
    user_id: row.user_id,
    title: row.title,
    message: row.message,
    level: row.level,
    link: row.link,
    read_at: row.read_at?.toISOString() ?? null,
    created_at: row.created_at.toISOString(),
    version: row.version,
  };
}
