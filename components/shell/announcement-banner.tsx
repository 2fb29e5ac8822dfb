"use client";
// AnnouncementBanner: the latest system announcement (topic `announcements`) as a dismissible bar under the header, coloured by level.
import * as React from "react";
import { X } from "lucide-react";

import { LEVEL_LABELS, NotificationLevelIcon } from "@/components/notifications/level-icon";
import type { NotificationLevel } from "@/lib/protocol/entities/notifications";
import { topics } from "@/lib/protocol/topics";
import { useAnnouncements } from "@/lib/query/hooks/use-notifications";
import { useTopic } from "@/lib/realtime/hooks";
import { cn } from "@/lib/utils";

const LEVEL_STYLES: Record<NotificationLevel, string> = {
  info: "border-sky-600/25 bg-sky-50 text-sky-950 dark:border-sky-400/25 dark:bg-sky-950/60 dark:text-sky-50",
  success: "border-success/30 bg-green-50 text-green-950 dark:bg-green-950/60 dark:text-green-50",
  warning: "border-warning/30 bg-amber-50 text-amber-950 dark:bg-amber-950/60 dark:text-amber-50",
  error: "border-destructive/30 bg-red-50 text-red-950 dark:bg-red-950/60 dark:text-red-50",
};

export function AnnouncementBanner() {
  useTopic(topics.announcements());
  const { data: announcements = [] } = useAnnouncements();
  const [dismissed, setDismissed] = React.useState<ReadonlySet<string>>(() => new Set());
  const latest = announcements.find((a) => !dismissed.has(a.id));

  return (
    // The live region stays mounted so that a new announcement is read out when it appears.
    <div role="status" aria-live="polite" data-testid="announcement-region">
      {latest ? (
        <div
          data-testid="announcement-banner"
          data-level={latest.data.level}
          className={cn("flex items-start gap-3 border-b px-4 py-2.5 text-sm md:px-6", LEVEL_STYLES[latest.data.level] ?? LEVEL_STYLES.info)}
        >
          <NotificationLevelIcon level={latest.data.level} className="mt-0.5 text-current" />
          <p className="min-w-0 flex-1 break-words">
            <span className="sr-only">{LEVEL_LABELS[latest.data.level]} announcement: </span>
            {latest.data.message}
          </p>
          <button
            type="button"
            onClick={() => setDismissed((prev) => new Set(prev).add(latest.id))}
            aria-label="Dismiss announcement"
            className="-my-1 -mr-1 rounded-md p-1 opacity-70 outline-none transition-opacity hover:opacity-100 focus-visible:opacity-100 focus-visible:ring-[3px] focus-visible:ring-ring/50"
          >
            <X className="size-4" aria-hidden="true" />
          </button>
        </div>
      ) : null}
    </div>
  );
}
