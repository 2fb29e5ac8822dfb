"use client";
// Overview: the home page: live job counts by status, jobs per minute over the last hour, the latest
// activity, and lower down this instance's health and this tab's live connection.
import Link from "next/link";
import { ArrowRight, RefreshCw, Upload } from "lucide-react";

import { NowProvider } from "@/components/jobs/now-context";
import { PageHeader } from "@/components/shell/page-header";
import { QueryErrorAlert } from "@/components/ui/query-error";
import { Button } from "@/components/ui/button";
import { Card, CardAction, CardContent, CardDescription, CardHeader, CardTitle } from "@/components/ui/card";
import { Skeleton } from "@/components/ui/skeleton";
import { useJobStats } from "@/lib/query/hooks/use-job-stats";
import { HealthCards } from "./health-cards";
import { HealthStatusBadge } from "./health-status-badge";
import { HiveStatusCard } from "./hive-status-card";
import { JobStatusCards, JobStatusCardsSkeleton } from "./job-status-cards";
import { JobsPerMinuteChart } from "./jobs-per-minute-chart";
import { LiveConnectionCard } from "./live-connection-card";
import { RecentDagRuns } from "./recent-dag-runs";
import { RecentJobs } from "./recent-jobs";
import { useHealth } from "./use-health";

export function Overview() {
  const stats = useJobStats();
  const health = useHealth();

  return (
    <NowProvider intervalMs={5_000}>
      <div className="grid gap-10">
        <PageHeader
          title="Overview"
          description="Jobs across this Switchboard instance, live."
          actions={
            <Button asChild>
              <Link href="/jobs">
                <Upload aria-hidden="true" />
                Upload files
              </Link>
            </Button>
          }
        />

        <section aria-labelledby="jobs-heading" className="grid gap-4">
          <h2 id="jobs-heading" className="text-base font-semibold">
            Jobs
          </h2>
          {stats.isPending ? (
            <div aria-busy="true" data-testid="job-stats-loading">
              <span className="sr-only" role="status">
                Loading job statistics…
              </span>
              <JobStatusCardsSkeleton />
            </div>
          ) : stats.data ? (
            <JobStatusCards stats={stats.data} />
          ) : (
            <QueryErrorAlert title="Could not load job statistics" error={stats.error} onRetry={() => void stats.refetch()} busy={stats.isFetching} testId="job-stats-error" />
          )}
          <div className="grid gap-4 lg:grid-cols-5">
            <Card className="gap-4 lg:col-span-3">
              <CardHeader>
                <CardTitle>Jobs per minute</CardTitle>
                <CardDescription>Created, completed and failed over the last hour.</CardDescription>
              </CardHeader>
              <CardContent>
                {stats.data ? (
                  <JobsPerMinuteChart stats={stats.data} />
                ) : stats.isPending ? (
                  <div className="grid gap-4">
                    <Skeleton className="h-5 w-72 max-w-full" />
                    <Skeleton className="h-56 w-full" />
                  </div>
                ) : (
                  <p className="py-16 text-center text-sm text-muted-foreground">The chart needs the job statistics.</p>
                )}
              </CardContent>
            </Card>
            <Card className="gap-2 lg:col-span-2">
              <CardHeader>
                <CardTitle>Latest activity</CardTitle>
                <CardDescription>The ten newest jobs, and the latest DAG runs.</CardDescription>
                <CardAction>
                  <Button asChild variant="ghost" size="sm" className="text-muted-foreground">
                    <Link href="/jobs">
                      View all
                      <ArrowRight aria-hidden="true" />
                    </Link>
                  </Button>
                </CardAction>
              </CardHeader>
              <CardContent>
                <RecentJobs />
                <RecentDagRuns />
              </CardContent>
            </Card>
          </div>
        </section>

        <section aria-labelledby="system-heading" className="grid gap-4">
          <div className="flex flex-wrap items-center justify-between gap-2">
            <h2 id="system-heading" className="text-base font-semibold">
              System
            </h2>
            <div className="flex items-center gap-2">
              <HealthStatusBadge />
              <Button variant="outline" size="sm" onClick={() => void health.refetch()} disabled={health.isFetching} aria-label="Refresh health">
                <RefreshCw className={health.isFetching ? "motion-safe:animate-spin" : undefined} aria-hidden="true" />
                Refresh
              </Button>
            </div>
          </div>
          <HiveStatusCard />
          <HealthCards />
          <LiveConnectionCard />
        </section>
      </div>
    </NowProvider>
  );
}
