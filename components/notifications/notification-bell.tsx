"use client";
// NotificationBell: the header's bell: unread badge, a popover with the newest notifications, "Mark all
// read", optimistic read marks, live on `user:{id}` (other tabs clear via the pushed notification_read),
// and a toast per notification pushed live.
import { RetryButton } from "@/components/ui/query-error";
import * as React from "react";
import Link from "next/link";
import { useRouter } from "next/navigation";
import { Popover as PopoverPrimitive } from "radix-ui";
import { Bell, BellOff, CheckCheck, LoaderCircle } from "lucide-react";

import { useMe } from "@/components/shell/use-me";
import { RelativeTime, NowProvider } from "@/components/jobs/now-context";
import { Button } from "@/components/ui/button";
import { Skeleton } from "@/components/ui/skeleton";
import type { Notification } from "@/lib/protocol/entities/notifications";
import { topics } from "@/lib/protocol/topics";
import {
  unreadBadgeText,
  useMarkAllNotificationsRead,
  useMarkNotificationRead,
  useNotificationsList,
  useUnreadCount,
} from "@/lib/query/hooks/use-notifications";
import { useTopic } from "@/lib/realtime/hooks";
import { cn } from "@/lib/utils";
import { LEVEL_LABELS, NotificationLevelIcon } from "./level-icon";
import { isAppPath, safeNotificationHref } from "./notification-link";
import { useNotificationToasts } from "./use-notification-toasts";

export function NotificationBell() {
  const me = useMe();
  const userId = me.data?.id;
  const [open, setOpen] = React.useState(false);
  const onEvent = useNotificationToasts();
  useTopic(userId ? topics.user(userId) : null, onEvent);

  const count = useUnreadCount({ enabled: !!userId });
  const unread = count.data ?? 0;
  const badge = unreadBadgeText(unread);
  const label = unread > 0 ? `Notifications, ${unread} unread` : "Notifications";

  return (
    <PopoverPrimitive.Root open={open} onOpenChange={setOpen}>
      <PopoverPrimitive.Trigger asChild>
        <Button variant="ghost" size="icon" aria-label={label} className="relative" data-testid="notification-bell" data-unread={unread}>
          <Bell aria-hidden="true" />
          {badge ? (
            <span
              aria-hidden="true"
              data-testid="notification-badge"
              className="absolute right-1 top-1 flex h-4 min-w-4 items-center justify-center rounded-full bg-destructive px-1 text-[10px] font-semibold leading-none text-white tabular-nums ring-2 ring-background dark:text-destructive-foreground"
            >
              {badge}
            </span>
          ) : null}
        </Button>
      </PopoverPrimitive.Trigger>
      <PopoverPrimitive.Portal>
        <PopoverPrimitive.Content
          align="end"
          sideOffset={6}
          collisionPadding={8}
          aria-label="Notifications"
          data-testid="notification-panel"
          className="z-50 flex max-h-[min(32rem,var(--radix-popover-content-available-height))] w-[min(24rem,calc(100vw-1rem))] origin-(--radix-popover-content-transform-origin) flex-col overflow-hidden rounded-xl border bg-popover text-popover-foreground shadow-lg outline-none motion-safe:data-[state=open]:animate-pop-in motion-safe:data-[state=closed]:animate-fade-out"
        >
          {userId ? <NotificationPanel userId={userId} unread={unread} onNavigate={() => setOpen(false)} /> : null}
        </PopoverPrimitive.Content>
      </PopoverPrimitive.Portal>
    </PopoverPrimitive.Root>
  );
}

function NotificationPanel({ userId, unread, onNavigate }: { userId: string; unread: number; onNavigate: () => void }) {
  const list = useNotificationsList();
  const markAll = useMarkAllNotificationsRead();
  const hasUnread = unread > 0 || list.items.some((n) => n.read_at == null);

  return (
    <NowProvider intervalMs={15_000}>
      <div className="flex items-center justify-between gap-2 border-b px-4 py-2.5">
        <h2 className="text-sm font-semibold">Notifications</h2>
        <Button
          variant="ghost"
          size="sm"
          className="h-7 px-2 text-xs"
          disabled={!hasUnread}
          onClick={() => markAll.mutate({ userId })}
          data-testid="mark-all-read"
        >
          <CheckCheck aria-hidden="true" />
          Mark all read
        </Button>
      </div>
      <div className="min-h-0 flex-1 overflow-y-auto">
        {list.isPending ? (
          <ul aria-busy="true" className="divide-y">
            <li className="sr-only" role="status">
              Loading notifications…
            </li>
            {Array.from({ length: 4 }, (_, i) => (
              <li key={i} className="flex gap-3 px-4 py-3">
                <Skeleton className="size-4 rounded-full" />
                <div className="grid flex-1 gap-2">
                  <Skeleton className="h-4 w-3/5" />
                  <Skeleton className="h-3 w-full" />
                </div>
              </li>
            ))}
          </ul>
        ) : list.isError && list.items.length === 0 ? (
          <div className="grid justify-items-center gap-2 px-4 py-8 text-center text-sm" role="alert">
            <p>Could not load notifications.</p>
            <RetryButton onRetry={() => void list.refetch()} busy={list.isFetching} />
          </div>
        ) : list.items.length === 0 ? (
          <div className="grid justify-items-center gap-2 px-4 py-10 text-center" data-testid="notifications-empty">
            <span className="flex size-10 items-center justify-center rounded-full bg-muted text-muted-foreground">
              <BellOff className="size-5" aria-hidden="true" />
            </span>
            <p className="text-sm font-medium">You&apos;re all caught up</p>
            <p className="text-xs text-muted-foreground">Job results and failures will show up here.</p>
          </div>
        ) : (
          <ul className="divide-y" data-testid="notification-list">
            {list.items.map((n) => (
              <NotificationItem key={n.id} notification={n} onNavigate={onNavigate} />
            ))}
          </ul>
        )}
      </div>
      {list.hasNextPage ? (
        <div className="border-t p-1.5">
          <Button variant="ghost" size="sm" className="w-full text-xs" onClick={() => void list.fetchNextPage()} disabled={list.isFetchingNextPage}>
            {list.isFetchingNextPage ? <LoaderCircle className="motion-safe:animate-spin" aria-hidden="true" /> : null}
            {list.isFetchingNextPage ? "Loading…" : "Show older"}
          </Button>
        </div>
      ) : null}
    </NowProvider>
  );
}

function NotificationItem({ notification: n, onNavigate }: { notification: Notification; onNavigate: () => void }) {
  const router = useRouter();
  const markRead = useMarkNotificationRead();
  const unread = n.read_at == null;
  const href = safeNotificationHref(n.link);

  const onActivate = (event: React.MouseEvent) => {
    if (unread) markRead.mutate(n);
    if (!href) return;
    onNavigate();
    if (!isAppPath(href)) return; // a plain link to another site
    event.preventDefault();
    router.push(href);
  };

  const content = (
    <>
      <NotificationLevelIcon level={n.level} className="mt-0.5" />
      <span className="grid min-w-0 flex-1 gap-0.5">
        <span className="flex items-baseline justify-between gap-2">
          <span className={cn("truncate text-sm", unread ? "font-semibold" : "font-medium text-foreground/90")}>{n.title}</span>
          <RelativeTime iso={n.created_at} className="shrink-0 text-xs text-muted-foreground" />
        </span>
        {n.message ? <span className="line-clamp-2 text-xs text-muted-foreground">{n.message}</span> : null}
        <span className="sr-only">
          {LEVEL_LABELS[n.level]}
          {unread ? ", unread" : ""}
        </span>
      </span>
      <span aria-hidden="true" className={cn("mt-1.5 size-2 shrink-0 rounded-full", unread ? "bg-sky-500" : "bg-transparent")} />
    </>
  );
  const className = cn(
    "flex w-full gap-3 px-4 py-3 text-left outline-none transition-colors hover:bg-accent/60 focus-visible:bg-accent focus-visible:shadow-[inset_0_0_0_2px_var(--ring)]",
    unread && "bg-accent/30",
  );

  return (
    <li data-testid="notification-item" data-unread={unread || undefined}>
      {href ? (
        isAppPath(href) ? (
          <Link href={href} onClick={onActivate} className={className}>
            {content}
          </Link>
        ) : (
          <a href={href} onClick={onActivate} className={className} target="_blank" rel="noreferrer noopener">
            {content}
          </a>
        )
      ) : (
        <button type="button" onClick={onActivate} className={className} aria-disabled={!unread || undefined}>
          {content}
        </button>
      )}
    </li>
  );
}
