"use client";
// DagRunDetail: one DAG run, live on `dag-runs:{run_id}`: header with progress and Cancel, the step
// graph, the timeline and the steps table; loading, "no such run", deleted and error states.
import * as React from "react";
import Link from "next/link";
import { ArrowLeft, SearchX, Trash2 } from "lucide-react";

import { useNow } from "@/components/shell/use-now";
import { Alert, AlertDescription } from "@/components/ui/alert";
import { Card, CardContent } from "@/components/ui/card";
import { QueryErrorAlert } from "@/components/ui/query-error";
import { Skeleton } from "@/components/ui/skeleton";
import { topics } from "@/lib/protocol/topics";
import { isApiError } from "@/lib/query/fetchers";
import { isRunActive, useCancelRun, useDagRun, type DagRunRow } from "@/lib/query/hooks/use-dag-run";
import { useDag } from "@/lib/query/hooks/use-dags";
import { useTopic } from "@/lib/realtime/hooks";
import { DagGraph } from "./dag-graph";
import { DagRunHeader } from "./dag-run-header";
import { DagRunSkeleton } from "./dag-run-skeleton";
import { buildRunSteps } from "./run-steps";
import { RunStepsTable, stepRowId } from "./run-steps-table";
import { RunTimeline } from "./run-timeline";
import { GoneState } from "@/components/ui/gone-state";

const BACK = { href: "/dags", label: "Back to DAGs" };

export function DagRunDetail({ runId }: { runId: string }) {
  // Subscribe first, then fetch: versions make the order harmless.
  useTopic(topics.dagRun(runId));
  const query = useDagRun(runId);
  const cancel = useCancelRun();

  let body: React.ReactNode;
  if (query.isPending) {
    body = <DagRunSkeleton />;
  } else if (query.isError && !query.data) {
    body =
      isApiError(query.error) && query.error.status === 404 ? (
        <GoneState back={BACK}
          icon={SearchX}
          title="No such run"
          description={
            <>
              There is no DAG run with the id <code className="font-mono text-xs">{runId}</code>. The link may be wrong, or its DAG was deleted.
            </>
          }
          testId="dag-run-not-found"
        />
      ) : (
        <QueryErrorAlert title="Could not load this run" error={query.error} onRetry={() => void query.refetch()} busy={query.isFetching} testId="dag-run-error-state" />
      );
  } else if (query.data?._deleted) {
    body = <GoneState back={BACK} icon={Trash2} title="This run was deleted" description="The run and its steps were removed, with their DAG." testId="dag-run-deleted" />;
  } else if (query.data) {
    body = <DagRunView key={runId} run={query.data} onCancel={(run) => cancel.mutate(run)} />;
  }

  return (
    <div className="grid gap-6">
      <Link
        href="/dags"
        className="inline-flex w-fit items-center gap-1.5 rounded-md text-sm text-muted-foreground outline-none hover:text-foreground focus-visible:ring-[3px] focus-visible:ring-ring/50"
      >
        <ArrowLeft className="size-4" aria-hidden="true" />
        DAGs
      </Link>
      {body}
    </div>
  );
}

function DagRunView({ run, onCancel }: { run: DagRunRow; onCancel: (run: DagRunRow) => void }) {
  const dag = useDag(run.dag_id);
  // One clock for the page, ticking only while the run can still change.
  const now = useNow(1000, isRunActive(run.status));
  const definition = dag.data && !dag.data._deleted ? dag.data : null;
  const steps = React.useMemo(() => buildRunSteps(run.steps, definition), [run.steps, definition]);
  const definitionSettled = definition !== null || dag.isError || dag.data?._deleted === true;

  const [highlighted, setHighlighted] = React.useState<string | null>(null);
  React.useEffect(() => {
    if (highlighted === null) return;
    const timer = window.setTimeout(() => setHighlighted(null), 2500);
    return () => window.clearTimeout(timer);
  }, [highlighted]);
  const showStep = React.useCallback((stepId: string) => {
    setHighlighted(stepId);
    const row = document.getElementById(stepRowId(stepId));
    if (!row) return;
    const reduce = window.matchMedia?.("(prefers-reduced-motion: reduce)").matches ?? false;
    row.scrollIntoView?.({ block: "center", behavior: reduce ? "auto" : "smooth" });
    row.focus({ preventScroll: true });
  }, []);

  return (
    <div className="grid gap-8" data-testid="dag-run-detail" data-status={run.status}>
      <DagRunHeader run={run} dagName={definition?.name ?? null} now={now} onCancel={onCancel} />

      <section aria-labelledby="dag-run-graph-heading" className="grid gap-3">
        <div className="flex flex-wrap items-baseline justify-between gap-2">
          <h2 id="dag-run-graph-heading" className="text-base font-semibold">
            Graph
          </h2>
          <p className="text-xs text-muted-foreground">Tab to a step and press Enter, or click it, to see its details below.</p>
        </div>
        {!definitionSettled ? (
          <Skeleton className="h-64 w-full rounded-lg" data-testid="dag-graph-loading" />
        ) : steps.length === 0 ? (
          <p className="rounded-lg border border-dashed px-4 py-10 text-center text-sm text-muted-foreground">This run has no steps yet.</p>
        ) : (
          <>
            {definition === null ? (
              <Alert variant="warning" data-testid="dag-definition-missing">
                <AlertDescription>
                  The definition of <code className="font-mono text-xs">{run.dag_id}</code> could not be loaded
                  {isApiError(dag.error) && dag.error.status !== 404 ? ` (${dag.error.message})` : ""}, so operators and dependencies are not shown.
                </AlertDescription>
              </Alert>
            ) : null}
            <DagGraph steps={steps} now={now} onShowStep={showStep} />
          </>
        )}
      </section>

      <section aria-labelledby="dag-run-timeline-heading" className="grid gap-3">
        <h2 id="dag-run-timeline-heading" className="text-base font-semibold">
          Timeline
        </h2>
        <Card className="py-5">
          <CardContent>
            <RunTimeline run={run} steps={steps} now={now} />
          </CardContent>
        </Card>
      </section>

      <section aria-labelledby="dag-run-steps-heading" className="grid gap-3">
        <h2 id="dag-run-steps-heading" className="text-base font-semibold">
          Steps
        </h2>
        {steps.length === 0 ? (
          <p className="rounded-lg border border-dashed px-4 py-10 text-center text-sm text-muted-foreground">This run has no steps yet.</p>
        ) : (
          <RunStepsTable steps={steps} now={now} highlighted={highlighted} />
        )}
      </section>
    </div>
  );
}

