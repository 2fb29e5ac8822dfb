// JobProgress: a job's progress as a bar with its percentage (role="progressbar", moving with pushed events).
import type { JobStatus } from "@/lib/protocol/entities/jobs";
import { cn } from "@/lib/utils";

const BAR_COLORS: Record<JobStatus, string> = {
  queued: "bg-muted-foreground/40",
  processing: "bg-sky-600 dark:bg-sky-400",
  completed: "bg-success",
  failed: "bg-destructive",
  cancelled: "bg-muted-foreground/50",
};

export function JobProgress({
  value,
  status,
  label,
  pending = false,
  size = "sm",
  className,
}: {
  value: number;
  status: JobStatus;
  /** Accessible name, e.g. "Progress of report.pdf". */
  label: string;
  pending?: boolean;
  size?: "sm" | "lg";
  className?: string;
}) {
  const pct = Math.round(Math.min(100, Math.max(0, Number.isFinite(value) ? value : 0)));
  return (
    <div className={cn("flex min-w-0 items-center gap-2", className)}>
      <div
        role="progressbar"
        aria-label={label}
        aria-valuemin={0}
        aria-valuemax={100}
        aria-valuenow={pct}
        aria-valuetext={pending ? "Uploading" : `${pct}%`}
        className={cn("relative flex-1 overflow-hidden rounded-full bg-muted", size === "lg" ? "h-2" : "h-1.5")}
      >
        {pending ? (
          <div className="h-full w-full rounded-full bg-muted-foreground/25 motion-safe:animate-pulse" />
        ) : (
          <div
            className={cn("h-full rounded-full transition-[width] duration-500 ease-out", BAR_COLORS[status] ?? BAR_COLORS.queued)}
            style={{ width: `${pct}%` }}
          />
        )}
      </div>
      <span className={cn("w-9 shrink-0 text-right text-xs tabular-nums text-muted-foreground", size === "lg" && "w-10 text-sm")} aria-hidden="true">
        {pending ? "–" : `${pct}%`}
      </span>
    </div>
  );
}
