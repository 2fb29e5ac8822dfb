"use client";
// DagCard: one DAG: name, description, step count and operators, its last run, the Trigger / With
// params / Edit / Delete actions, and the live grid of its recent runs. Plus its skeleton.
import * as React from "react";
import { Braces, LoaderCircle, Pencil, Play, Trash2, Workflow } from "lucide-react";

import { RelativeTime } from "@/components/jobs/now-context";
import { Badge } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import { EmptyState } from "@/components/ui/empty-state";
import { QueryErrorAlert } from "@/components/ui/query-error";
import { Skeleton } from "@/components/ui/skeleton";
import { useDagRuns, useTriggerRun, type DagRow } from "@/lib/query/hooks/use-dags";
import { cn } from "@/lib/utils";
import { dagOperators, gridRuns, operatorLabel, RUN_STATUS_LABELS } from "./dag-format";
import { DagRunsGrid, DagRunsGridSkeleton } from "./dag-runs-grid";
import type { DeleteRequest } from "./delete-dag-dialog";

export function DagCard({
  dag,
  limit,
  onEdit,
  onTriggerWithParams,
  onDelete,
  onTriggered,
}: {
  dag: DagRow;
  /** Runs shown in the grid. */
  limit: number;
  onEdit: (dag: DagRow) => void;
  onTriggerWithParams: (dag: DagRow) => void;
  onDelete: (request: DeleteRequest) => void;
  /** Told when a run was triggered from the card (for the page's announcement). */
  onTriggered?: (dag: DagRow) => void;
}) {
  const runs = useDagRuns(dag.dag_id, limit);
  const { trigger } = useTriggerRun();
  const headingId = `dag-${dag.dag_id}-name`;
  const operators = dagOperators(dag);
  // The last run the server knows of (a run being triggered is not one yet).
  const newest = React.useMemo(() => gridRuns(runs.items.filter((r) => !r._pending), 1)[0], [runs.items]);
  const active = runs.items.some((r) => r.status === "queued" || r.status === "running");
  const saving = dag._action === "update";

  let body: React.ReactNode;
  if (runs.isPending) {
    body = (
      <div aria-busy="true">
        <span className="sr-only">Loading runs of {dag.name}…</span>
        <DagRunsGridSkeleton rows={Math.min(dag.steps.length, 6)} />
      </div>
    );
  } else if (runs.isError && runs.items.length === 0) {
    body = <QueryErrorAlert title={`Could not load the runs of ${dag.name}`} error={runs.error} onRetry={() => void runs.refetch()} busy={runs.isFetching} />;
  } else if (runs.items.length === 0) {
    body = (
      <EmptyState
        className="py-6"
        title="No runs yet"
        description="Trigger a run: each step's square fills in as it runs."
        data-testid="dag-runs-empty"
      />
    );
  } else {
    body = <DagRunsGrid dag={dag} runs={runs.items} limit={limit} />;
  }

  return (
    <article
      aria-labelledby={headingId}
      aria-busy={saving || undefined}
      data-testid="dag-card"
      data-dag-id={dag.dag_id}
      className={cn("grid gap-4 rounded-xl border bg-card p-4 text-card-foreground shadow-xs", saving && "border-dashed")}
    >
      <header className="flex flex-wrap items-start justify-between gap-3">
        <div className="flex min-w-0 flex-1 gap-3">
          <div className="flex size-9 shrink-0 items-center justify-center rounded-lg bg-muted text-muted-foreground">
            <Workflow className="size-5" aria-hidden="true" />
          </div>
          <div className="grid min-w-0 gap-1">
            <div className="flex flex-wrap items-baseline gap-x-2 gap-y-0.5">
              <h2 id={headingId} className="truncate font-semibold leading-tight">
                {dag.name}
              </h2>
              <code className="font-mono text-xs text-muted-foreground">{dag.dag_id}</code>
              {saving ? (
                <Badge variant="outline" className="border-dashed text-muted-foreground">
                  <LoaderCircle className="motion-safe:animate-spin" aria-hidden="true" />
                  Saving…
                </Badge>
              ) : null}
            </div>
            {dag.description ? <p className="text-sm text-muted-foreground">{dag.description}</p> : null}
            <div className="flex flex-wrap items-center gap-x-3 gap-y-1.5 text-xs text-muted-foreground">
              <span data-testid="dag-step-count">
                {dag.steps.length} {dag.steps.length === 1 ? "step" : "steps"}
              </span>
              <ul className="flex flex-wrap gap-1" aria-label="Operators">
                {operators.map((op) => (
                  <li key={op}>
                    <Badge variant="secondary" className="font-normal">
                      {operatorLabel(op)}
                    </Badge>
                  </li>
                ))}
              </ul>
              {newest ? (
                <span data-testid="dag-last-run">
                  Last run {RUN_STATUS_LABELS[newest.status]}
                  {newest.started_at || newest.created_at ? (
                    <>
                      , <RelativeTime iso={newest.started_at ?? newest.created_at} />
                    </>
                  ) : null}
                </span>
              ) : null}
            </div>
          </div>
        </div>
        <div className="flex flex-wrap items-center gap-2">
          <Button
            size="sm"
            onClick={() => {
              trigger({ dag });
              onTriggered?.(dag);
            }}
            aria-label={`Trigger ${dag.name}`}
            data-testid="dag-trigger"
          >
            <Play aria-hidden="true" />
            Trigger
          </Button>
          <Button size="sm" variant="outline" onClick={() => onTriggerWithParams(dag)} aria-label={`Trigger ${dag.name} with params`} data-testid="dag-trigger-params">
            <Braces aria-hidden="true" />
            With params…
          </Button>
          <Button size="sm" variant="outline" onClick={() => onEdit(dag)} disabled={saving} aria-label={`Edit ${dag.name}`} data-testid="dag-edit">
            <Pencil aria-hidden="true" />
            Edit
          </Button>
          <Button
            size="sm"
            variant="ghost"
            className="text-destructive hover:bg-destructive/10 hover:text-destructive"
            onClick={() => onDelete({ dag, active })}
            disabled={saving}
            aria-label={`Delete ${dag.name}`}
            data-testid="dag-delete"
          >
            <Trash2 aria-hidden="true" />
            Delete
          </Button>
        </div>
      </header>
      <section aria-label={`Recent runs of ${dag.name}`}>{body}</section>
    </article>
  );
}

/** A card's loading placeholder. */
export function DagCardSkeleton() {
  return (
    <div className="grid gap-4 rounded-xl border bg-card p-4" aria-hidden="true">
      <div className="flex items-start justify-between gap-3">
        <div className="flex gap-3">
          <Skeleton className="size-9 rounded-lg" />
          <div className="grid gap-1.5">
            <Skeleton className="h-4 w-40" />
            <Skeleton className="h-3 w-64" />
            <Skeleton className="h-3 w-48" />
          </div>
        </div>
        <div className="flex gap-2">
          <Skeleton className="h-8 w-20" />
          <Skeleton className="h-8 w-28" />
          <Skeleton className="h-8 w-16" />
        </div>
      </div>
      <DagRunsGridSkeleton />
    </div>
  );
}
