// Colours of step and run statuses in the runs grid (never the only cue: every cell has a label),
// and the grid's legend.
import type { DagRunStatus, StepStatus } from "@/lib/protocol/entities/dags";
import { cn } from "@/lib/utils";
import { RUN_STATUS_LABELS, STEP_STATUS_LABELS } from "./dag-format";

/** Background (and border) of a step cell per status; pending is an empty outlined square. */
export const STEP_STATUS_CLASSES: Record<StepStatus, string> = {
  pending: "border border-zinc-400 bg-transparent dark:border-zinc-500",
  running: "bg-sky-500 dark:bg-sky-400 motion-safe:animate-pulse",
  success: "bg-emerald-600 dark:bg-emerald-500",
  failed: "bg-red-600 dark:bg-red-500",
  skipped: "bg-pink-400 dark:bg-pink-300",
  upstream_failed: "bg-orange-500 dark:bg-orange-400",
};

/** Background of a run's header bar per status. */
export const RUN_STATUS_CLASSES: Record<DagRunStatus, string> = {
  queued: "border border-zinc-400 bg-zinc-200 dark:border-zinc-500 dark:bg-zinc-700",
  running: "bg-sky-500 dark:bg-sky-400",
  success: "bg-emerald-600 dark:bg-emerald-500",
  failed: "bg-red-600 dark:bg-red-500",
  cancelled: "bg-zinc-500 dark:bg-zinc-400",
};

const LEGEND_STEPS: StepStatus[] = ["pending", "running", "success", "failed", "skipped", "upstream_failed"];
const LEGEND_RUNS: DagRunStatus[] = ["queued", "cancelled"];

/** What the colours mean (step statuses, and the run statuses that have their own colour). */
export function StatusLegend({ className }: { className?: string }) {
  return (
    <div className={cn("flex flex-wrap items-center gap-x-4 gap-y-1.5 text-xs text-muted-foreground", className)} data-testid="dag-status-legend">
      <span className="font-medium text-foreground">Legend</span>
      <ul className="flex flex-wrap items-center gap-x-4 gap-y-1.5" aria-label="Step statuses">
        {LEGEND_STEPS.map((status) => (
          <li key={status} className="flex items-center gap-1.5">
            <span className={cn("inline-block size-3 rounded-[3px]", STEP_STATUS_CLASSES[status], "motion-safe:animate-none")} aria-hidden="true" />
            {STEP_STATUS_LABELS[status]}
          </li>
        ))}
      </ul>
      <ul className="flex flex-wrap items-center gap-x-4 gap-y-1.5" aria-label="Run statuses">
        {LEGEND_RUNS.map((status) => (
          <li key={status} className="flex items-center gap-1.5">
            <span className={cn("inline-block h-3 w-2 rounded-[2px]", RUN_STATUS_CLASSES[status])} aria-hidden="true" />
            run {RUN_STATUS_LABELS[status]}
          </li>
        ))}
      </ul>
    </div>
  );
}
