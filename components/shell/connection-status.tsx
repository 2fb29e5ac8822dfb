"use client";
// ConnectionStatus: the header's live-link indicator (dot + label) with a "last event … ago" tooltip.
import * as React from "react";

import { Tooltip, TooltipContent, TooltipTrigger } from "@/components/ui/tooltip";
import type { ConnectionStatus } from "@/lib/realtime/client";
import { useConnectionStatus } from "@/lib/realtime/hooks";
import { cn, formatRelativeTime } from "@/lib/utils";
import { useNow } from "./use-now";

export type ConnectionState = ConnectionStatus;

export const CONNECTION_LABELS: Record<ConnectionState, string> = {
  live: "Live",
  connecting: "Connecting…",
  reconnecting: "Reconnecting…",
  offline: "Offline",
};

const DOT_CLASSES: Record<ConnectionState, string> = {
  live: "bg-success",
  connecting: "bg-warning motion-safe:animate-pulse",
  reconnecting: "bg-warning motion-safe:animate-pulse",
  offline: "bg-destructive",
};

const TEXT_CLASSES: Record<ConnectionState, string> = {
  live: "text-success",
  connecting: "text-warning",
  reconnecting: "text-warning",
  offline: "text-destructive",
};

/** The indicator wired to the realtime client. */
export function ConnectionStatus({ className }: { className?: string }) {
  const { status, lastEventAt } = useConnectionStatus();
  return <ConnectionStatusView status={status} lastEventAt={lastEventAt} className={className} />;
}

/** The indicator for a given state (no realtime dependency; also used on the overview page). */
export function ConnectionStatusView({
  status,
  lastEventAt,
  className,
}: {
  status: ConnectionState;
  lastEventAt: number | null;
  className?: string;
}) {
  const [open, setOpen] = React.useState(false);
  // Tick only while the tooltip is open, so the label stays current without re-rendering the header.
  const now = useNow(1000, open);
  const label = CONNECTION_LABELS[status];
  const detail = lastEventAt == null ? "No events yet" : `Last event ${formatRelativeTime(lastEventAt, now)}`;

  return (
    <Tooltip open={open} onOpenChange={setOpen}>
      <TooltipTrigger asChild>
        <button
          type="button"
          data-testid="connection-status"
          data-status={status}
          aria-label={`Realtime connection: ${label}`}
          className={cn(
            "inline-flex h-8 items-center gap-2 rounded-full border px-3 text-xs font-medium outline-none focus-visible:ring-[3px] focus-visible:ring-ring/50",
            TEXT_CLASSES[status],
            className,
          )}
        >
          <span aria-hidden="true" className={cn("size-2 rounded-full", DOT_CLASSES[status])} />
          <span aria-live="polite">{label}</span>
        </button>
      </TooltipTrigger>
      <TooltipContent side="bottom">{detail}</TooltipContent>
    </Tooltip>
  );
}
