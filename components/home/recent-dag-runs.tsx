"use client";
// RecentDagRuns: the overview's latest DAG runs, their status changing live on the `dags` topic; each links to its run page.
import Link from "next/link";
import { Workflow } from "lucide-react";

import { DagRunStatusBadge } from "@/components/dag-run/dag-run-status";
import { countsText } from "@/components/dag-run/dag-run-format";
import { RelativeTime } from "@/components/jobs/now-context";
import { Progress } from "@/components/ui/progress";
import { RetryButton, describeError } from "@/components/ui/query-error";
import { Skeleton } from "@/components/ui/skeleton";
import { topics } from "@/lib/protocol/topics";
import { isCancelling, useLatestDagRuns, type DagRunRow } from "@/lib/query/hooks/use-dag-run";
import { useDag } from "@/lib/query/hooks/use-dags";
import { useTopic } from "@/lib/realtime/hooks";

export const RECENT_DAG_RUNS = 5;

export function RecentDagRuns() {
  useTopic(topics.dags());
  const list = useLatestDagRuns(RECENT_DAG_RUNS);
  // Runs being triggered elsewhere (pending, with a made-up id) have no page yet.
  const runs = list.items.filter((r) => r._pending !== true).slice(0, RECENT_DAG_RUNS);

  return (
    <section aria-labelledby="recent-dag-runs-heading" className="mt-4 grid gap-1 border-t pt-4">
      <h4 id="recent-dag-runs-heading" className="text-sm font-medium">
        DAG runs
      </h4>
      {list.isPending ? (
        <ul className="divide-y" aria-busy="true">
          <li className="sr-only" role="status">
            Loading recent DAG runs…
          </li>
          {Array.from({ length: 3 }, (_, i) => (
            <li key={i} className="flex items-center gap-3 py-3">
              <Skeleton className="size-4" />
              <Skeleton className="h-4 flex-1" />
              <Skeleton className="h-5 w-20 rounded-full" />
            </li>
          ))}
        </ul>
      ) : list.isError && runs.length === 0 ? (
        <div className="grid justify-items-start gap-2 py-3 text-sm" role="alert" data-testid="recent-dag-runs-error">
          <p>Could not load recent DAG runs: {describeError(list.error)}</p>
          <RetryButton onRetry={() => void list.refetch()} busy={list.isFetching} />
        </div>
      ) : runs.length === 0 ? (
        <p className="py-3 text-xs text-muted-foreground" data-testid="recent-dag-runs-empty">
          No DAG runs yet. Runs you start on the{" "}
          <Link href="/dags" className="underline underline-offset-2 hover:text-foreground">
            DAGs
          </Link>{" "}
          page show up here as they change.
        </p>
      ) : (
        <ul className="-mx-2 grid" data-testid="recent-dag-runs">
          {runs.map((run) => (
            <RecentDagRun key={run.run_id} run={run} />
          ))}
        </ul>
      )}
    </section>
  );
}

function RecentDagRun({ run }: { run: DagRunRow }) {
  const dag = useDag(run.dag_id);
  const name = dag.data && !dag.data._deleted ? dag.data.name : run.dag_id;
  const when = run.ended_at ?? run.started_at ?? run.created_at;
  return (
    <li data-run-id={run.run_id} data-status={run.status}>
      <div className="relative flex items-center gap-3 rounded-md px-2 py-2.5 hover:bg-accent/40">
        <Workflow className="size-4 shrink-0 text-muted-foreground" aria-hidden="true" />
        <div className="grid min-w-0 flex-1 gap-1">
          <Link
            href={`/dags/${encodeURIComponent(run.dag_id)}/runs/${encodeURIComponent(run.run_id)}`}
            className="truncate rounded-sm text-sm font-medium outline-none after:absolute after:inset-0 after:rounded-md focus-visible:after:ring-[3px] focus-visible:after:ring-ring/50"
          >
            {name}
            <span className="sr-only"> run {run.run_id}</span>
          </Link>
          {run.status === "running" ? (
            <div className="flex items-center gap-2 text-xs text-muted-foreground">
              <Progress value={run.completion_percentage / 100} label={`Progress of ${name}`} tone="info" className="w-24" />
              <span className="truncate">{countsText(run)}</span>
            </div>
          ) : when ? (
            <RelativeTime iso={when} className="text-xs text-muted-foreground" />
          ) : null}
        </div>
        <DagRunStatusBadge status={run.status} cancelling={isCancelling(run)} />
      </div>
    </li>
  );
}
