// JobStatusBadge: a job's status as a coloured badge with an icon; pending uploads and actions in flight look pending.
import type { LucideIcon } from "lucide-react";
import { Ban, CircleCheck, CircleX, Clock, LoaderCircle } from "lucide-react";

import { cn } from "@/lib/utils";
import type { JobStatus } from "@/lib/protocol/entities/jobs";
import type { PendingJobAction } from "@/lib/query/hooks/use-jobs";
import { JOB_STATUS_LABELS } from "./job-format";

const STATUS_STYLES: Record<JobStatus, { icon: LucideIcon; className: string; spin?: boolean }> = {
  queued: { icon: Clock, className: "border-border bg-muted text-muted-foreground" },
  processing: {
    icon: LoaderCircle,
    spin: true,
    className: "border-sky-600/30 bg-sky-500/10 text-sky-700 dark:border-sky-400/30 dark:text-sky-300",
  },
  completed: { icon: CircleCheck, className: "border-success/30 bg-success/10 text-success" },
  failed: { icon: CircleX, className: "border-destructive/30 bg-destructive/10 text-destructive" },
  cancelled: { icon: Ban, className: "border-border bg-transparent text-muted-foreground" },
};

const ACTION_LABELS: Record<PendingJobAction, string> = {
  retry: "Retrying…",
  cancel: "Cancelling…",
  delete: "Deleting…",
};

export function JobStatusBadge({
  status,
  uploading = false,
  action,
  className,
}: {
  status: JobStatus;
  /** A pending upload (not on the server yet). */
  uploading?: boolean;
  /** An action sent and not answered yet. */
  action?: PendingJobAction;
  className?: string;
}) {
  if (uploading) {
    return (
      <span data-status="uploading" className={cn(base, "border-dashed border-border text-muted-foreground", className)}>
        <LoaderCircle className="size-3 motion-safe:animate-spin" aria-hidden="true" />
        Uploading…
      </span>
    );
  }
  const style = STATUS_STYLES[status] ?? STATUS_STYLES.queued;
  const Icon = action ? LoaderCircle : style.icon;
  return (
    <span
      data-status={status}
      data-pending-action={action}
      className={cn(base, style.className, action && "border-dashed opacity-80", className)}
      title={action ? ACTION_LABELS[action] : undefined}
    >
      <Icon className={cn("size-3", (style.spin || action) && "motion-safe:animate-spin")} aria-hidden="true" />
      {JOB_STATUS_LABELS[status] ?? status}
      {action ? <span className="sr-only"> ({ACTION_LABELS[action]})</span> : null}
    </span>
  );
}

const base =
  "inline-flex h-6 w-fit shrink-0 items-center gap-1.5 whitespace-nowrap rounded-full border px-2 text-xs font-medium";
