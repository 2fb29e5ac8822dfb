"use client";
// SweepStatus: the alert evaluator's last sweep (when, how many events it evaluated), live from `temporal_job_status`.
import { Skeleton } from "@/components/ui/skeleton";
import { useAlertSweep } from "@/lib/query/hooks/use-alerts";
import { formatNumber } from "@/lib/utils";

export function SweepStatus({ rules }: { rules: number }) {
  const sweep = useAlertSweep();
  if (sweep.isPending) return <Skeleton className="h-5 w-64" />;
  if (sweep.isError && !sweep.data) return <p className="text-sm text-destructive">Could not load the evaluator's status.</p>;
  const s = sweep.data;
  return (
    <p className="text-sm text-muted-foreground" data-testid="alert-sweep" aria-live="polite">
      {s?.at && s.status ? (
        <>
          Last sweep at <time dateTime={s.at}>{new Date(s.at).toLocaleTimeString()}</time>: {formatNumber(s.status.touched_events)} matching event
          {s.status.touched_events === 1 ? "" : "s"} evaluated since the one before, {formatNumber(rules)} rule{rules === 1 ? "" : "s"}.
        </>
      ) : (
        "The evaluator has not swept yet; it sweeps every few seconds."
      )}
    </p>
  );
}
