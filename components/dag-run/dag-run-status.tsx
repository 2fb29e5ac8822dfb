// Status visuals of runs and steps (icon, text and colour together, never colour alone): badges, and the
// classes the graph nodes, timeline bars and table share.
import type { LucideIcon } from "lucide-react";
import { Ban, CircleAlert, CircleCheck, CircleDashed, CircleSlash, CircleX, Clock, LoaderCircle, RotateCcw } from "lucide-react";

import type { DagRunStatus, StepStatus } from "@/lib/protocol/entities/dags";
import { cn } from "@/lib/utils";
import { RUN_STATUS_LABELS, stepStatusText } from "./dag-run-format";

interface StatusStyle {
  icon: LucideIcon;
  /** Spins (under motion-safe) while work is going on. */
  spin?: boolean;
  /** Badge: border, background and text. */
  badge: string;
  /** Graph node: border and fill. */
  node: string;
  /** Status text on a node or in the table. */
  text: string;
  /** Timeline bar fill. */
  bar: string;
}

const RUNNING: Omit<StatusStyle, "icon"> = {
  spin: true,
  badge: "border-sky-600/30 bg-sky-500/10 text-sky-700 dark:border-sky-400/30 dark:text-sky-300",
  node: "border-sky-600 bg-sky-50 dark:border-sky-400 dark:bg-sky-950/60",
  text: "text-sky-700 dark:text-sky-300",
  bar: "bg-sky-600 dark:bg-sky-400",
};
const SUCCESS: Omit<StatusStyle, "icon"> = {
  badge: "border-success/30 bg-success/10 text-success",
  node: "border-success bg-success/10",
  text: "text-success",
  bar: "bg-success",
};
const FAILED: Omit<StatusStyle, "icon"> = {
  badge: "border-destructive/30 bg-destructive/10 text-destructive",
  node: "border-destructive bg-destructive/10",
  text: "text-destructive",
  bar: "bg-destructive",
};
const MUTED: Omit<StatusStyle, "icon"> = {
  badge: "border-border bg-muted text-muted-foreground",
  node: "border-dashed border-muted-foreground/50 bg-card",
  text: "text-muted-foreground",
  bar: "bg-muted-foreground/40",
};

export const RUN_STATUS_STYLES: Record<DagRunStatus, StatusStyle> = {
  queued: { ...MUTED, icon: Clock },
  running: { ...RUNNING, icon: LoaderCircle },
  success: { ...SUCCESS, icon: CircleCheck },
  failed: { ...FAILED, icon: CircleX },
  cancelled: { ...MUTED, icon: Ban, badge: "border-border bg-transparent text-muted-foreground" },
};

export const STEP_STATUS_STYLES: Record<StepStatus, StatusStyle> = {
  pending: { ...MUTED, icon: CircleDashed },
  running: { ...RUNNING, icon: LoaderCircle },
  success: { ...SUCCESS, icon: CircleCheck },
  failed: { ...FAILED, icon: CircleX },
  skipped: { ...MUTED, icon: CircleSlash, badge: "border-dashed border-border bg-transparent text-muted-foreground", bar: "bg-muted-foreground/25" },
  upstream_failed: {
    icon: CircleAlert,
    badge: "border-warning/40 bg-warning/10 text-warning",
    node: "border-dashed border-warning bg-warning/10",
    text: "text-warning",
    bar: "bg-warning/60",
  },
};

/** The style of a step, with "waiting to retry" (pending after a failure) drawn as a retry. */
export function stepStyle(step: { status: StepStatus; retry_count: number }): StatusStyle {
  const style = STEP_STATUS_STYLES[step.status] ?? STEP_STATUS_STYLES.pending;
  return step.status === "pending" && step.retry_count > 0 ? { ...style, icon: RotateCcw } : style;
}

export function DagRunStatusBadge({
  status,
  cancelling = false,
  className,
}: {
  status: DagRunStatus;
  /** A cancel was sent and not confirmed yet. */
  cancelling?: boolean;
  className?: string;
}) {
  const style = RUN_STATUS_STYLES[status] ?? RUN_STATUS_STYLES.queued;
  const Icon = cancelling ? LoaderCircle : style.icon;
  return (
    <span
      data-testid="dag-run-status"
      data-status={status}
      data-pending-action={cancelling ? "cancel" : undefined}
      className={cn(base, style.badge, cancelling && "border-dashed opacity-90", className)}
    >
      <Icon className={cn("size-3", (style.spin || cancelling) && "motion-safe:animate-spin")} aria-hidden="true" />
      {cancelling ? "Cancelling…" : (RUN_STATUS_LABELS[status] ?? status)}
    </span>
  );
}

export function StepStatusBadge({ step, className }: { step: { status: StepStatus; retry_count: number }; className?: string }) {
  const style = stepStyle(step);
  const Icon = style.icon;
  return (
    <span data-status={step.status} className={cn(base, style.badge, className)}>
      <Icon className={cn("size-3", style.spin && "motion-safe:animate-spin")} aria-hidden="true" />
      {stepStatusText(step)}
    </span>
  );
}

const base = "inline-flex h-6 w-fit shrink-0 items-center gap-1.5 whitespace-nowrap rounded-full border px-2 text-xs font-medium";
