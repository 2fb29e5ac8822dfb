// TaskStatusBadge: a task's status as an icon, a word and a colour; a task being created or cancelled looks pending.
import type { LucideIcon } from "lucide-react";
import { Ban, CircleCheck, CircleX, Clock, LoaderCircle, UserRoundCheck } from "lucide-react";

import type { TaskStatus } from "@/lib/protocol/entities/tasks";
import type { PendingTaskAction } from "@/lib/query/hooks/use-tasks";
import { cn } from "@/lib/utils";
import { TASK_STATUS_LABELS } from "./agent-format";

const STATUS_STYLES: Record<TaskStatus, { icon: LucideIcon; className: string; spin?: boolean }> = {
  pending: { icon: Clock, className: "border-border bg-muted text-muted-foreground" },
  assigned: { icon: UserRoundCheck, className: "border-violet-600/30 bg-violet-500/10 text-violet-700 dark:border-violet-400/30 dark:text-violet-300" },
  running: {
    icon: LoaderCircle,
    spin: true,
    className: "border-sky-600/30 bg-sky-500/10 text-sky-700 dark:border-sky-400/30 dark:text-sky-300",
  },
  completed: { icon: CircleCheck, className: "border-success/30 bg-success/10 text-success" },
  failed: { icon: CircleX, className: "border-destructive/30 bg-destructive/10 text-destructive" },
  cancelled: { icon: Ban, className: "border-border bg-transparent text-muted-foreground" },
};

export function TaskStatusBadge({
  status,
  creating = false,
  action,
  className,
}: {
  status: TaskStatus;
  /** The task is being created (not on the server yet). */
  creating?: boolean;
  action?: PendingTaskAction;
  className?: string;
}) {
  if (creating || action) {
    return (
      <span data-status={creating ? "creating" : status} data-pending-action={action} className={cn(base, "border-dashed border-border text-muted-foreground", className)}>
        <LoaderCircle className="size-3 motion-safe:animate-spin" aria-hidden="true" />
        {creating ? "Creating…" : "Cancelling…"}
      </span>
    );
  }
  const style = STATUS_STYLES[status] ?? STATUS_STYLES.pending;
  const Icon = style.icon;
  return (
    <span data-status={status} className={cn(base, style.className, className)}>
      <Icon className={cn("size-3", style.spin && "motion-safe:animate-spin")} aria-hidden="true" />
      {TASK_STATUS_LABELS[status] ?? status}
    </span>
  );
}

const base = "inline-flex h-6 w-fit shrink-0 items-center gap-1.5 whitespace-nowrap rounded-full border px-2 text-xs font-medium";
