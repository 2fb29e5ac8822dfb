"use client";
// JobDetail: one job, live on `jobs:{id}`: header, progress and step timeline, error, results, facts and
// optimistic actions; deleted, not-found, loading and error states.
import * as React from "react";
import Link from "next/link";
import { useRouter } from "next/navigation";
import { ArrowLeft, FileText, FileX, Trash2, TriangleAlert } from "lucide-react";

import { Alert, AlertDescription, AlertTitle } from "@/components/ui/alert";
import { QueryErrorAlert } from "@/components/ui/query-error";
import { Card, CardContent, CardHeader } from "@/components/ui/card";
import { isApiError } from "@/lib/query/fetchers";
import { useJob, type JobRow } from "@/lib/query/hooks/use-jobs";
import { topics } from "@/lib/protocol/topics";
import { useTopic } from "@/lib/realtime/hooks";
import { JobActionButtons, JobActionsProvider } from "./job-actions";
import { JobDetailSkeleton } from "./job-detail-skeleton";
import { durationOrEta, formatElapsed, jobElapsedMs, jobTypeLabel } from "./job-format";
import { JobProgress } from "./job-progress";
import { JobResults } from "./job-results";
import { JobStatusBadge } from "./job-status-badge";
import { deriveSteps, JOB_STEPS, observeStepTimings, reachedStepIndex, stepLabel, type StepTimings } from "./job-steps";
import { NowProvider, RelativeTime, useNowTick } from "./now-context";
import { StepTimeline } from "./step-timeline";
import { GoneState } from "@/components/ui/gone-state";

const BACK = { href: "/jobs", label: "Back to jobs" };

export function JobDetail({ jobId }: { jobId: string }) {
  const router = useRouter();
  useTopic(topics.job(jobId));
  const query = useJob(jobId);

  let body: React.ReactNode;
  if (query.isPending) {
    body = <JobDetailSkeleton />;
  } else if (query.isError && !query.data) {
    body =
      isApiError(query.error) && query.error.status === 404 ? (
        <GoneState back={BACK}
          icon={FileX}
          title="Job not found"
          description={
            <>
              There is no job with the id <code className="font-mono text-xs">{jobId}</code>. It may have been deleted, or the link is wrong.
            </>
          }
          testId="job-not-found"
        />
      ) : (
        <QueryErrorAlert title="Could not load this job" error={query.error} onRetry={() => void query.refetch()} busy={query.isFetching} testId="job-error" />
      );
  } else if (query.data?._deleted) {
    body = (
      <GoneState back={BACK}
        icon={Trash2}
        title="This job was deleted"
        description={<>{query.data.filename ?? "The job"} was deleted, together with its results.</>}
        testId="job-deleted"
      />
    );
  } else if (query.data) {
    body = <JobView key={jobId} job={query.data} />;
  }

  return (
    <JobActionsProvider onDeleting={() => router.push("/jobs")}>
      <NowProvider>
        <div className="grid gap-6">
          <Link
            href="/jobs"
            className="inline-flex w-fit items-center gap-1.5 rounded-md text-sm text-muted-foreground outline-none hover:text-foreground focus-visible:ring-[3px] focus-visible:ring-ring/50"
          >
            <ArrowLeft className="size-4" aria-hidden="true" />
            Jobs
          </Link>
          {body}
        </div>
      </NowProvider>
    </JobActionsProvider>
  );
}

function JobView({ job }: { job: JobRow }) {
  const now = useNowTick();
  const [timings, setTimings] = React.useState<StepTimings>({});
  const seen = React.useRef<JobRow | null>(null);
  React.useEffect(() => {
    const before = seen.current;
    seen.current = job;
    setTimings((prev) => observeStepTimings(prev, before, job));
  }, [job]);
  const steps = deriveSteps(job, timings, now);
  const reached = reachedStepIndex(job);
  const eta = durationOrEta(job, now);
  const name = job.filename ?? job.job_id;
  const elapsed = jobElapsedMs(job, now);

  return (
    <div className="grid gap-6" data-testid="job-detail" data-status={job.status}>
      <header className="flex flex-wrap items-start justify-between gap-4">
        <div className="flex min-w-0 items-start gap-3">
          <span className="mt-0.5 flex size-10 shrink-0 items-center justify-center rounded-lg border bg-muted/40">
            <FileText className="size-5 text-muted-foreground" aria-hidden="true" />
          </span>
          <div className="grid min-w-0 gap-1.5">
            <h1 className="break-all text-2xl font-semibold tracking-tight">{name}</h1>
            <div className="flex flex-wrap items-center gap-x-3 gap-y-1 text-sm text-muted-foreground">
              <JobStatusBadge status={job.status} action={job._action} />
              <span>{jobTypeLabel(job.type)}</span>
              <span aria-hidden="true">·</span>
              <span>
                Created <RelativeTime iso={job.created_at} />
              </span>
              <span aria-hidden="true">·</span>
              <code className="font-mono text-xs">{job.job_id}</code>
            </div>
          </div>
        </div>
        <JobActionButtons job={job} />
      </header>

      {job.status === "failed" ? <FailureAlert job={job} /> : null}

      <section aria-labelledby="job-progress-heading">
        <Card className="gap-5">
          <CardHeader className="flex flex-wrap items-center justify-between gap-2">
            <h2 id="job-progress-heading" className="text-base font-semibold leading-none">
              Progress
            </h2>
            <p className="text-sm text-muted-foreground" aria-live="polite">
              {job.status === "processing"
                ? `Step ${Math.max(reached, 0) + 1} of ${JOB_STEPS.length}: ${stepLabel(job.current_step ?? JOB_STEPS[Math.max(reached, 0)]!.id)}`
                : job.status === "queued"
                  ? "Waiting for a worker"
                  : job.status === "completed"
                    ? `Completed in ${formatElapsed(elapsed)}`
                    : job.status === "failed"
                      ? `Failed after ${formatElapsed(elapsed)}`
                      : "Cancelled"}
            </p>
          </CardHeader>
          <CardContent className="grid gap-6">
            <div className="grid gap-2">
              <JobProgress value={job.progress} status={job.status} label={`Progress of ${name}`} size="lg" />
              {job.status === "processing" ? <p className="text-xs text-muted-foreground">{eta.text}</p> : null}
            </div>
            <StepTimeline steps={steps} />
          </CardContent>
        </Card>
      </section>

      <section aria-labelledby="job-results-heading" className="grid gap-4">
        <h2 id="job-results-heading" className="text-base font-semibold">
          Results
        </h2>
        {job.result ? (
          <JobResults result={job.result} />
        ) : (
          <p className="rounded-lg border border-dashed px-4 py-8 text-center text-sm text-muted-foreground" data-testid="job-no-results">
            {job.status === "failed" || job.status === "cancelled"
              ? "No results: the job did not complete."
              : "Results appear here as soon as processing completes."}
          </p>
        )}
      </section>

      <section aria-labelledby="job-facts-heading" className="grid gap-4">
        <h2 id="job-facts-heading" className="text-base font-semibold">
          Details
        </h2>
        <dl className="grid gap-x-8 gap-y-3 rounded-lg border p-4 text-sm sm:grid-cols-2 lg:grid-cols-3">
          <Fact label="Job id" value={<code className="font-mono text-xs">{job.job_id}</code>} />
          <Fact label="Type" value={jobTypeLabel(job.type)} />
          <Fact label="Attempts" value={`${job.retry_count + 1}${job.retry_count > 0 ? ` (retried ${job.retry_count}×)` : ""}`} />
          <Fact label="Created" value={<Timestamp iso={job.created_at} />} />
          <Fact label="Started" value={<Timestamp iso={job.started_at} />} />
          {job.status === "completed" ? <Fact label="Completed" value={<Timestamp iso={job.completed_at} />} /> : null}
          {job.status === "failed" ? <Fact label="Failed" value={<Timestamp iso={job.failed_at} />} /> : null}
          {job.status === "processing" ? <Fact label="Estimated completion" value={<Timestamp iso={job.estimated_completion} />} /> : null}
          {job.run_id ? <Fact label="Run" value={<code className="font-mono text-xs">{job.run_id}</code>} /> : null}
        </dl>
      </section>
    </div>
  );
}

function FailureAlert({ job }: { job: JobRow }) {
  return (
    <Alert variant="destructive" data-testid="job-failure">
      <TriangleAlert aria-hidden="true" />
      <AlertTitle>Processing failed</AlertTitle>
      <AlertDescription>
        <p className="break-words">{job.error ?? "The job failed without an error message."}</p>
        <p className="text-xs text-muted-foreground">
          {job.retry_count === 0 ? "First attempt." : `Retried ${job.retry_count} ${job.retry_count === 1 ? "time" : "times"}.`}
          {job.can_retry ? "" : " This job cannot be retried."}
        </p>
      </AlertDescription>
    </Alert>
  );
}

function Fact({ label, value }: { label: string; value: React.ReactNode }) {
  return (
    <div className="grid gap-0.5">
      <dt className="text-xs text-muted-foreground">{label}</dt>
      <dd className="min-w-0 truncate">{value}</dd>
    </div>
  );
}

function Timestamp({ iso }: { iso: string | null }) {
  if (!iso) return <span className="text-muted-foreground">–</span>;
  return (
    <span>
      {new Date(iso).toLocaleString()} <span className="text-muted-foreground">(<RelativeTime iso={iso} />)</span>
    </span>
  );
}

