"use client";
// Notification hooks: the signed-in user's list and unread count (patched by the `user:{id}` topic),
// optimistic "mark read" / "mark all read", and the push-fed system announcements.
import { useMutation, useQuery, useQueryClient, type QueryClient } from "@tanstack/react-query";
import { toast } from "sonner";

import type { NotificationsPage } from "@/lib/api/notifications";
import type { Notification, NotificationRead } from "@/lib/protocol/entities/notifications";
import type { SystemAnnouncement } from "@/lib/protocol/entities/notifications";
import type { CatalogEvent } from "@/lib/protocol/events";
import { touchEntities } from "../entity-cache";
import { notificationsDomain, type AnyEntity } from "../entity-domains";
import { apiFetch, isApiError } from "../fetchers";
import { queryKeys } from "../keys";
import { versionSeq } from "../merge-fetched";
import { adjustUnreadCount, applyEvent, type FeedEntry, type UnreadCount } from "../patchers";
import { getVersionStore } from "../version-store";
import { useEntityList } from "./use-entity-query";

/** How many notifications the bell loads per page. */
export const NOTIFICATIONS_PAGE_SIZE = 30;

/** The bell's list: every notification of the user, newest first (pushed ones enter at the top). */
export function useNotificationsList(options: { enabled?: boolean } = {}) {
  const params = { limit: NOTIFICATIONS_PAGE_SIZE };
  return useEntityList<Notification>(
    queryKeys.notifications.list(params),
    ({ cursor, signal }) =>
      apiFetch<NotificationsPage>("/api/notifications", { query: { limit: NOTIFICATIONS_PAGE_SIZE, cursor: cursor ?? undefined }, signal }),
    options,
  );
}

/**
 * The unread count (a number under `queryKeys.notifications.unreadCount()`, the key and shape the
 * notification patchers update: +1 per new unread notification, down on `notification_read`).
 */
export function useUnreadCount(options: { enabled?: boolean } = {}) {
  const qc = useQueryClient();
  return useQuery<UnreadCount, unknown, number>({
    queryKey: queryKeys.notifications.unreadCount(),
    queryFn: async ({ signal }) => {
      const since = versionSeq(qc);
      const page = await apiFetch<NotificationsPage>("/api/notifications", { query: { unread: "true", limit: 1 }, signal });
      return reconcileUnreadCount(page, getVersionStore(qc).changedSince(notificationsDomain.name, since) as Notification[]);
    },
    select: (data) => (typeof data === "number" ? data : data.count),
    enabled: options.enabled,
  });
}

/**
 * The fetched unread count plus the unread notifications that reached this tab while the fetch was
 * in flight and that the answer cannot include: any newer than the newest unread one it returned
 * (had the server counted one, it would be the newest).
 */
export function reconcileUnreadCount(page: Pick<NotificationsPage, "unread_count" | "items">, changedDuringFetch: readonly Notification[]): number {
  const newest = page.items[0] ? Date.parse(page.items[0].created_at) : Number.NEGATIVE_INFINITY;
  const missed = changedDuringFetch.filter((n) => n.read_at == null && Date.parse(n.created_at) > newest && n.id !== page.items[0]?.id);
  return page.unread_count + missed.length;
}

/** "9+" past nine, nothing at zero. */
export function unreadBadgeText(count: number | undefined): string | null {
  if (!count || count <= 0) return null;
  return count > 9 ? "9+" : String(count);
}

/** Marks one notification read: the list and the count change at once; other tabs follow the pushed `notification_read`. */
export function useMarkNotificationRead() {
  const qc = useQueryClient();
  return useMutation<Notification, unknown, Notification, { readAt: string; ids: string[] } | undefined>({
    mutationFn: (n) => apiFetch<Notification>(`/api/notifications/${encodeURIComponent(n.id)}/read`, { method: "POST" }),
    onMutate: async (n) => {
      if (n.read_at != null) return undefined;
      await qc.cancelQueries({ queryKey: queryKeys.notifications.unreadCount(), exact: true });
      const readAt = new Date().toISOString();
      applyLocalRead(qc, { user_id: n.user_id, ids: [n.id], all: false, read_at: readAt });
      return { readAt, ids: [n.id] };
    },
    onError: (error, n, context) => {
      if (context) revertRead(qc, context.ids, context.readAt);
      toast.error("Could not mark the notification read", { description: reasonOf(error), richColors: false });
    },
  });
}

/** Marks every notification read: the list empties its unread marks and the count drops to 0 at once. */
export function useMarkAllNotificationsRead() {
  const qc = useQueryClient();
  return useMutation<{ read_at: string; count: number }, unknown, { userId: string }, { readAt: string; ids: string[]; count: number | undefined }>({
    mutationFn: () => apiFetch<{ read_at: string; count: number }>("/api/notifications/read-all", { method: "POST" }),
    onMutate: async ({ userId }) => {
      await qc.cancelQueries({ queryKey: queryKeys.notifications.unreadCount(), exact: true });
      const known = getVersionStore(qc).changedSince(notificationsDomain.name, 0) as Notification[];
      // "All" means created at or before read_at: never earlier than the newest one shown, whatever this clock says.
      const newest = Math.max(Date.now(), ...known.map((n) => Date.parse(n.created_at)).filter(Number.isFinite));
      const readAt = new Date(newest).toISOString();
      const ids = known.filter((n) => n.read_at == null).map((n) => n.id);
      const count = currentCount(qc);
      applyLocalRead(qc, { user_id: userId, ids: [], all: true, read_at: readAt });
      return { readAt, ids, count };
    },
    onError: (error, _vars, context) => {
      if (context) {
        revertRead(qc, context.ids, context.readAt);
        if (context.count !== undefined) qc.setQueryData(queryKeys.notifications.unreadCount(), context.count);
      }
      toast.error("Could not mark all notifications read", { description: reasonOf(error), richColors: false });
    },
  });
}

/**
 * The latest system announcements (newest first), fed only by pushes (`system_announcement` on
 * `announcements`): the query holds what was pushed, and a refetch (resync) keeps it.
 */
export function useAnnouncements() {
  const qc = useQueryClient();
  return useQuery<FeedEntry<SystemAnnouncement>[]>({
    queryKey: queryKeys.announcements(),
    queryFn: () => qc.getQueryData<FeedEntry<SystemAnnouncement>[]>(queryKeys.announcements()) ?? [],
    initialData: [],
    staleTime: Number.POSITIVE_INFINITY,
    gcTime: Number.POSITIVE_INFINITY,
  });
}

// ---- helpers ----

/** Applies a read as if the server had pushed it (the patcher updates lists, store and count). */
function applyLocalRead(qc: QueryClient, read: NotificationRead): void {
  const event = {
    type: "notification_read",
    topic: `user:${read.user_id}`,
    ts: read.read_at,
    data: read,
  } as CatalogEvent;
  applyEvent(qc, event);
}

/** Undoes a local read of `ids` (only copies still showing that read) and restores the count. */
function revertRead(qc: QueryClient, ids: readonly string[], readAt: string): void {
  const store = getVersionStore(qc);
  const wanted = new Set(ids);
  let restored = 0;
  for (const id of wanted) {
    const held = store.get(notificationsDomain.name, id);
    const entity = held?.entity as Notification | null | undefined;
    if (!entity || entity.read_at !== readAt) continue;
    store.touch(notificationsDomain.name, id, { ...entity, read_at: null });
    restored += 1;
  }
  touchEntities(
    qc,
    notificationsDomain,
    (e: AnyEntity) => wanted.has(String(e.id)) && e.read_at === readAt,
    (e: AnyEntity) => ({ ...e, read_at: null }),
  );
  if (restored > 0) adjustUnreadCount(qc, (n) => n + restored);
}

function currentCount(qc: QueryClient): number | undefined {
  const data = qc.getQueryData<UnreadCount>(queryKeys.notifications.unreadCount());
  if (typeof data === "number") return data;
  return data?.count;
}

function reasonOf(error: unknown): string {
  return isApiError(error) ? error.message : "The server could not be reached.";
}
