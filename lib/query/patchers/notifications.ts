// Notifications patchers: new notifications enter the lists and bump the unread count; notification_read
// marks them read in every tab; announcements feed their own key.
import type { QueryClient } from "@tanstack/react-query";
import type { Notification, NotificationRead } from "@/lib/protocol/entities/notifications";
import { isRecord } from "../collections";
import { touchEntities, upsertEntity } from "../entity-cache";
import { notificationsDomain, type AnyEntity } from "../entity-domains";
import { queryKeys } from "../keys";
import { getVersionStore } from "../version-store";
import { feedEntry, prependToFeed, updateIfLoaded, type PatcherMap } from "./types";

/** The unread count query holds a number or `{count}`; both are kept in their shape. */
export type UnreadCount = number | { count: number };

export function adjustUnreadCount(qc: QueryClient, change: (n: number) => number): void {
  updateIfLoaded<UnreadCount>(qc, queryKeys.notifications.unreadCount(), (old) => {
    if (typeof old === "number") return Math.max(0, change(old));
    if (isRecord(old) && typeof old.count === "number") return { ...old, count: Math.max(0, change(old.count)) };
    return old;
  });
}

/** Which notifications a `notification_read` marks read (only unread ones change). */
export function isMarkedRead(read: NotificationRead, n: Pick<Notification, "id" | "read_at" | "created_at">): boolean {
  if (n.read_at != null) return false;
  if (read.all) return Date.parse(n.created_at) <= Date.parse(read.read_at);
  return read.ids.includes(n.id);
}

function applyRead(qc: QueryClient, read: NotificationRead): void {
  const store = getVersionStore(qc);
  const known = store.changedSince(notificationsDomain.name, 0) as Notification[];
  const countQuery = qc.getQueryCache().find({ queryKey: queryKeys.notifications.unreadCount(), exact: true });
  if (countQuery?.state.data !== undefined) {
    if (read.all) {
      const stillUnread = known.filter((n) => n.read_at == null && !isMarkedRead(read, n)).length;
      adjustUnreadCount(qc, () => stillUnread);
    } else {
      let decrement = 0;
      let unknown = false;
      for (const id of new Set(read.ids)) {
        const held = store.get(notificationsDomain.name, id);
        if (!held || held.entity === null) unknown = true;
        else if ((held.entity as Notification).read_at == null) decrement += 1;
      }
      if (decrement > 0) adjustUnreadCount(qc, (n) => n - decrement);
      // Notifications this tab never saw: only the server knows whether they were unread.
      if (unknown) void qc.invalidateQueries({ queryKey: queryKeys.notifications.unreadCount(), exact: true });
    }
  }
  // Copies in the store that no list holds are marked too, so a later fetch cannot undo the read.
  for (const n of known) {
    if (isMarkedRead(read, n)) store.touch(notificationsDomain.name, n.id, { ...n, read_at: read.read_at });
  }
  touchEntities(
    qc,
    notificationsDomain,
    (e: AnyEntity) => isMarkedRead(read, e as unknown as Notification),
    (e: AnyEntity) => ({ ...e, read_at: read.read_at }),
  );
}

export const notificationPatchers: PatcherMap = {
  notification: (qc, e) => {
    const isNew = getVersionStore(qc).get(notificationsDomain.name, e.data.id) === undefined;
    const result = upsertEntity(qc, notificationsDomain, e.data);
    if (result === "applied" && isNew && e.data.read_at == null) adjustUnreadCount(qc, (n) => n + 1);
  },
  notification_read: (qc, e) => applyRead(qc, e.data),
  system_announcement: (qc, e) => prependToFeed(qc, queryKeys.announcements(), [feedEntry(e)]),
};
