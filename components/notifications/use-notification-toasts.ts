"use client";
// useNotificationToasts: a sonner toast for each notification pushed live to this tab (not for ones it
// fetched); a burst becomes one summary toast.
import * as React from "react";
import { useQueryClient } from "@tanstack/react-query";
import { useRouter } from "next/navigation";
import { toast } from "sonner";

import type { Notification } from "@/lib/protocol/entities/notifications";
import { notificationsDomain } from "@/lib/query/entity-domains";
import { getVersionStore } from "@/lib/query/version-store";
import type { RealtimeEvent } from "@/lib/realtime/client";
import { isAppPath, safeNotificationHref } from "./notification-link";

/** More than this many in one burst: one "N new notifications" toast instead. */
const BURST = 3;
const COLLECT_MS = 150;
/** Notifications created this long before the page loaded are not news (allows for clock skew). */
const OLD_MS = 5 * 60_000;
const PAGE_LOADED_AT = typeof performance !== "undefined" ? performance.timeOrigin : Date.now();

/** Returns the `onEvent` to give `useTopic("user:{id}", onEvent)`. */
export function useNotificationToasts(): (event: RealtimeEvent) => void {
  const qc = useQueryClient();
  const router = useRouter();
  const queue = React.useRef<Notification[]>([]);
  const timer = React.useRef<ReturnType<typeof setTimeout> | null>(null);

  React.useEffect(
    () => () => {
      if (timer.current) clearTimeout(timer.current);
    },
    [],
  );

  return React.useCallback(
    (event: RealtimeEvent) => {
      if (event.type !== "notification") return;
      const n = event.data;
      // The patchers have not applied this event yet: a copy in the store came from a fetch (or an
      // earlier delivery), so the user has seen it in the list already.
      if (n.read_at != null || getVersionStore(qc).get(notificationsDomain.name, n.id) !== undefined) return;
      // Nor for anything from well before this page was loaded (a replay of old news).
      if (Date.parse(n.created_at) < PAGE_LOADED_AT - OLD_MS) return;
      queue.current.push(n);
      timer.current ??= setTimeout(() => {
        timer.current = null;
        const batch = queue.current;
        queue.current = [];
        if (batch.length > BURST) {
          toast.info(`${batch.length} new notifications`, { description: "Open the bell in the header to read them.", richColors: false });
          return;
        }
        for (const item of batch) {
          showToast(item, (href) => (isAppPath(href) ? router.push(href) : window.location.assign(href)));
        }
      }, COLLECT_MS);
    },
    [qc, router],
  );
}

function showToast(n: Notification, go: (href: string) => void): void {
  const show = { info: toast.info, success: toast.success, warning: toast.warning, error: toast.error }[n.level] ?? toast;
  const link = safeNotificationHref(n.link);
  show(n.title, {
    id: `notification-${n.id}`,
    description: n.message || undefined,
    action: link ? { label: "Open", onClick: () => go(link) } : undefined,
    // sonner's "rich" colours fall below WCAG AA contrast; the level icon carries the meaning.
    richColors: false,
  });
}
