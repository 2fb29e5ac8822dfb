"use client";
// RecentJobs: the overview's latest activity: the ten newest jobs, live on the `jobs` topic.
import { RetryButton } from "@/components/ui/query-error";
import Link from "next/link";
import { ArrowRight, FileText } from "lucide-react";

import { JobProgress } from "@/components/jobs/job-progress";
import { JobStatusBadge } from "@/components/jobs/job-status-badge";
import { stepLabel } from "@/components/jobs/job-steps";
import { RelativeTime } from "@/components/jobs/now-context";
import { Button } from "@/components/ui/button";
import { Skeleton } from "@/components/ui/skeleton";
import { isApiError } from "@/lib/query/fetchers";
import { useJobsList } from "@/lib/query/hooks/use-jobs";
import { topics } from "@/lib/protocol/topics";
import { useTopic } from "@/lib/realtime/hooks";
import { cn } from "@/lib/utils";

export const RECENT_JOBS = 10;

export function RecentJobs() {
  useTopic(topics.jobs());
  const list = useJobsList({}, { limit: RECENT_JOBS });
  const jobs = list.items.slice(0, RECENT_JOBS);

  if (list.isPending) {
    return (
      <ul className="divide-y" aria-busy="true">
        <li className="sr-only" role="status">
          Loading recent jobs…
        </li>
        {Array.from({ length: 6 }, (_, i) => (
          <li key={i} className="flex items-center gap-3 py-3">
            <Skeleton className="size-4" />
            <Skeleton className="h-4 flex-1" />
            <Skeleton className="h-5 w-20 rounded-full" />
          </li>
        ))}
      </ul>
    );
  }
  if (list.isError && jobs.length === 0) {
    return (
      <div className="grid justify-items-start gap-2 py-4 text-sm" role="alert" data-testid="recent-jobs-error">
        <p>Could not load recent jobs: {isApiError(list.error) ? list.error.message : "the server could not be reached"}.</p>
        <RetryButton onRetry={() => void list.refetch()} busy={list.isFetching} />
      </div>
    );
  }
  if (jobs.length === 0) {
    return (
      <div className="grid justify-items-center gap-2 rounded-lg border border-dashed px-4 py-10 text-center" data-testid="recent-jobs-empty">
        <p className="text-sm font-medium">No jobs yet</p>
        <p className="text-xs text-muted-foreground">Upload files on the Jobs page; they show up here as they are processed.</p>
        <Button asChild variant="outline" size="sm" className="mt-1">
          <Link href="/jobs">
            Go to Jobs
            <ArrowRight aria-hidden="true" />
          </Link>
        </Button>
      </div>
    );
  }
  return (
    <ul className="-mx-2 grid" data-testid="recent-jobs">
      {jobs.map((job) => {
        const name = job.filename ?? job.job_id;
        const pending = job._pending === true;
        return (
          <li key={pending ? `pending:${job.client_mutation_id}` : job.job_id}>
            <div className={cn("relative flex items-center gap-3 rounded-md px-2 py-2.5 hover:bg-accent/40", pending && "text-muted-foreground")}>
              <FileText className="size-4 shrink-0 text-muted-foreground" aria-hidden="true" />
              <div className="grid min-w-0 flex-1 gap-1">
                {pending ? (
                  <span className="truncate text-sm">{name}</span>
                ) : (
                  <Link
                    href={`/jobs/${encodeURIComponent(job.job_id)}`}
                    className="truncate rounded-sm text-sm font-medium outline-none after:absolute after:inset-0 after:rounded-md focus-visible:after:ring-[3px] focus-visible:after:ring-ring/50"
                  >
                    {name}
                  </Link>
                )}
                {job.status === "processing" ? (
                  <div className="flex items-center gap-2 text-xs text-muted-foreground">
                    <JobProgress value={job.progress} status={job.status} label={`Progress of ${name}`} className="w-32" />
                    <span className="truncate">{stepLabel(job.current_step)}</span>
                  </div>
                ) : (
                  <RelativeTime iso={job.created_at} className="text-xs text-muted-foreground" />
                )}
              </div>
              <JobStatusBadge status={job.status} uploading={pending} action={job._action} />
            </div>
          </li>
        );
      })}
    </ul>
  );
}
