"use client";
// DagRunHeader: the run's title (its DAG's name), status, run id, times and duration, progress with
// counts, trigger params, the run's error, and the Cancel button (optimistic) while it is queued or running.
import { Ban, TriangleAlert, Workflow } from "lucide-react";

import { Alert, AlertDescription, AlertTitle } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { Card, CardContent } from "@/components/ui/card";
import { Progress } from "@/components/ui/progress";
import { canCancelRun, isCancelling, isRunActive, type DagRunRow } from "@/lib/query/hooks/use-dag-run";
import { countsText, formatClock, formatStepDuration, paramEntries, runElapsedMs } from "./dag-run-format";
import { DagRunStatusBadge } from "./dag-run-status";

const PROGRESS_TONES = { queued: "muted", running: "info", success: "success", failed: "destructive", cancelled: "muted" } as const;

export function DagRunHeader({
  run,
  dagName,
  now,
  onCancel,
}: {
  run: DagRunRow;
  /** The DAG's name; null while its definition loads (the id shows instead). */
  dagName: string | null;
  now: number;
  onCancel: (run: DagRunRow) => void;
}) {
  const cancelling = isCancelling(run);
  const elapsed = runElapsedMs(run, now);
  const params = paramEntries(run.params);
  const name = dagName ?? run.dag_id;

  return (
    <div className="grid gap-6">
      <header className="flex flex-wrap items-start justify-between gap-4">
        <div className="flex min-w-0 items-start gap-3">
          <span className="mt-0.5 flex size-10 shrink-0 items-center justify-center rounded-lg border bg-muted/40">
            <Workflow className="size-5 text-muted-foreground" aria-hidden="true" />
          </span>
          <div className="grid min-w-0 gap-1.5">
            <h1 className="break-words text-2xl font-semibold tracking-tight" data-testid="dag-run-title">
              {name}
            </h1>
            <div className="flex flex-wrap items-center gap-x-3 gap-y-1 text-sm text-muted-foreground">
              <DagRunStatusBadge status={run.status} cancelling={cancelling} />
              <span>
                Run <code className="font-mono text-xs text-foreground">{run.run_id}</code>
              </span>
            </div>
          </div>
        </div>
        {isRunActive(run.status) ? (
          <Button variant="outline" size="sm" disabled={!canCancelRun(run)} onClick={() => onCancel(run)} data-testid="cancel-run">
            <Ban aria-hidden="true" />
            {cancelling ? "Cancelling…" : "Cancel run"}
          </Button>
        ) : null}
      </header>

      {run.error ? (
        <Alert variant={run.status === "failed" ? "destructive" : "warning"} data-testid="dag-run-error">
          <TriangleAlert aria-hidden="true" />
          <AlertTitle>{run.status === "cancelled" ? "Why the run stopped" : "Why the run failed"}</AlertTitle>
          <AlertDescription>
            <p className="whitespace-pre-wrap break-words">{run.error}</p>
          </AlertDescription>
        </Alert>
      ) : null}

      <Card className="gap-4 py-5">
        <CardContent className="grid gap-5">
          <div className="grid gap-2">
            <div className="flex flex-wrap items-baseline justify-between gap-2 text-sm">
              <span className="font-medium">Progress</span>
              <span className="text-muted-foreground" aria-live="polite" data-testid="dag-run-counts">
                {countsText(run)}
              </span>
            </div>
            <div className="flex items-center gap-3">
              <Progress
                value={run.completion_percentage / 100}
                label={`Progress of run ${run.run_id}`}
                tone={PROGRESS_TONES[run.status] ?? "muted"}
                size="md"
              />
              <span className="w-10 shrink-0 text-right text-sm tabular-nums text-muted-foreground" aria-hidden="true">
                {Math.round(run.completion_percentage)}%
              </span>
            </div>
          </div>
          <dl className="grid gap-x-8 gap-y-3 text-sm sm:grid-cols-3">
            <Fact label="Started" iso={run.started_at} now={now} empty={run.status === "queued" ? "Waiting to start" : "–"} />
            <Fact label="Ended" iso={run.ended_at} now={now} empty={isRunActive(run.status) ? "Still running" : "–"} />
            <div className="grid gap-0.5">
              <dt className="text-xs text-muted-foreground">Duration</dt>
              <dd className="tabular-nums" data-testid="dag-run-duration">
                {elapsed === null ? <span className="text-muted-foreground">–</span> : formatStepDuration(elapsed)}
              </dd>
            </div>
          </dl>
          {params.length > 0 ? (
            <div className="grid gap-2 border-t pt-4">
              <h2 className="text-xs font-medium text-muted-foreground">Trigger params</h2>
              <dl className="grid gap-x-6 gap-y-1.5 text-sm sm:grid-cols-[max-content_1fr]" data-testid="dag-run-params">
                {params.map(([key, value]) => (
                  <div key={key} className="contents">
                    <dt className="font-mono text-xs leading-5 text-muted-foreground">{key}</dt>
                    <dd className="min-w-0 whitespace-pre-wrap break-words font-mono text-xs leading-5">{value}</dd>
                  </div>
                ))}
              </dl>
            </div>
          ) : null}
        </CardContent>
      </Card>
    </div>
  );
}

function Fact({ label, iso, now, empty }: { label: string; iso: string | null; now: number; empty: string }) {
  return (
    <div className="grid gap-0.5">
      <dt className="text-xs text-muted-foreground">{label}</dt>
      <dd>
        {iso ? (
          <time dateTime={iso} title={new Date(iso).toLocaleString()}>
            {formatClock(iso, now)}
          </time>
        ) : (
          <span className="text-muted-foreground">{empty}</span>
        )}
      </dd>
    </div>
  );
}
