// AgentStatusBadge: an agent's status as an icon, a word and a colour; a card being added or acted on looks pending.
import type { LucideIcon } from "lucide-react";
import { CircleAlert, CircleCheck, LoaderCircle, Pause, PowerOff } from "lucide-react";

import type { AgentStatus } from "@/lib/protocol/entities/agents";
import type { PendingAgentAction } from "@/lib/query/hooks/use-agents";
import { cn } from "@/lib/utils";
import { AGENT_STATUS_LABELS } from "./agent-format";

const STATUS_STYLES: Record<AgentStatus, { icon: LucideIcon; className: string; spin?: boolean }> = {
  idle: { icon: CircleCheck, className: "border-success/30 bg-success/10 text-success" },
  working: {
    icon: LoaderCircle,
    spin: true,
    className: "border-sky-600/30 bg-sky-500/10 text-sky-700 dark:border-sky-400/30 dark:text-sky-300",
  },
  paused: { icon: Pause, className: "border-warning/40 bg-warning/10 text-warning" },
  error: { icon: CircleAlert, className: "border-destructive/30 bg-destructive/10 text-destructive" },
  offline: { icon: PowerOff, className: "border-dashed border-border bg-transparent text-muted-foreground" },
};

export const AGENT_ACTION_LABELS: Record<PendingAgentAction, string> = {
  pause: "Pausing…",
  resume: "Resuming…",
  remove: "Removing…",
};

export function AgentStatusBadge({
  status,
  adding = false,
  action,
  className,
}: {
  status: AgentStatus;
  /** The agent is being added (not on the server yet). */
  adding?: boolean;
  /** An action sent and not answered yet: its words replace the status. */
  action?: PendingAgentAction;
  className?: string;
}) {
  if (adding || action) {
    return (
      <span
        data-status={adding ? "adding" : status}
        data-pending-action={action}
        className={cn(base, "border-dashed border-border text-muted-foreground", className)}
      >
        <LoaderCircle className="size-3 motion-safe:animate-spin" aria-hidden="true" />
        {adding ? "Adding…" : AGENT_ACTION_LABELS[action!]}
      </span>
    );
  }
  const style = STATUS_STYLES[status] ?? STATUS_STYLES.offline;
  const Icon = style.icon;
  return (
    <span data-status={status} className={cn(base, style.className, className)}>
      <Icon className={cn("size-3", style.spin && "motion-safe:animate-spin")} aria-hidden="true" />
      {AGENT_STATUS_LABELS[status] ?? status}
    </span>
  );
}

const base = "inline-flex h-6 w-fit shrink-0 items-center gap-1.5 whitespace-nowrap rounded-full border px-2 text-xs font-medium";
