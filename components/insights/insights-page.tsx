"use client";
// InsightsPage: the /insights body: live KPI cards, the 24-hour charts (per hour, success rate, by type), the live
// insight feed and "Analyze now"; loading and error states.
import * as React from "react";
import { LoaderCircle, Sparkles } from "lucide-react";

import { NowProvider } from "@/components/jobs/now-context";
import { PageHeader } from "@/components/shell/page-header";
import { Button } from "@/components/ui/button";
import { Card, CardContent, CardDescription, CardHeader, CardTitle } from "@/components/ui/card";
import { QueryErrorAlert } from "@/components/ui/query-error";
import { Skeleton } from "@/components/ui/skeleton";
import { topics } from "@/lib/protocol/topics";
import { useAnalyzeNow, useInsightsOverview } from "@/lib/query/hooks/use-insights";
import { useTopic } from "@/lib/realtime/hooks";
import { ByTypeChart } from "./by-type-chart";
import { InsightFeed } from "./insight-feed";
import { KpiCards, KpiCardsSkeleton } from "./kpi-cards";
import { PerHourChart } from "./per-hour-chart";
import { SuccessRateChart } from "./success-rate-chart";

export function InsightsPage() {
  useTopic(topics.insights());
  const overview = useInsightsOverview();
  const analyze = useAnalyzeNow();

  const analyzeButton = (
    <Button onClick={() => analyze.mutate()} disabled={analyze.isPending} data-testid="analyze-now">
      {analyze.isPending ? <LoaderCircle className="motion-safe:animate-spin" aria-hidden="true" /> : <Sparkles aria-hidden="true" />}
      {analyze.isPending ? "Analyzing…" : "Analyze now"}
    </Button>
  );

  const data = overview.data;
  const failed = overview.isError && !data;

  return (
    <NowProvider intervalMs={15_000}>
      <div className="grid gap-8" data-testid="insights-page">
        <PageHeader title="Insights" description="How processing is going, live, and what the analyzer noticed." actions={analyzeButton} />

        <section aria-labelledby="kpi-heading" className="grid gap-3">
          <h2 id="kpi-heading" className="sr-only">
            Key numbers
          </h2>
          {overview.isPending ? (
            <div aria-busy="true">
              <span className="sr-only" role="status">
                Loading the key numbers…
              </span>
              <KpiCardsSkeleton />
            </div>
          ) : failed ? (
            <QueryErrorAlert title="Could not load the overview" error={overview.error} onRetry={() => void overview.refetch()} busy={overview.isFetching} testId="overview-error" />
          ) : overview.metrics ? (
            <KpiCards metrics={overview.metrics} />
          ) : null}
        </section>

        <div className="grid items-start gap-6 lg:grid-cols-3">
          <section aria-labelledby="charts-heading" className="grid gap-6 lg:col-span-2">
            <h2 id="charts-heading" className="sr-only">
              The last 24 hours
            </h2>
            <ChartCard title="Jobs per hour" description="Completed and failed over the last 24 hours." ready={!!data} failed={failed} height="h-64">
              {data ? <PerHourChart overview={data} /> : null}
            </ChartCard>
            <div className="grid gap-6 md:grid-cols-2">
              <ChartCard title="Success rate per hour" description="Completed share of finished jobs." ready={!!data} failed={failed} height="h-52">
                {data ? <SuccessRateChart overview={data} /> : null}
              </ChartCard>
              <ChartCard title="By type" description="Finished jobs per document type." ready={!!data} failed={failed} height="h-52">
                {data ? <ByTypeChart overview={data} /> : null}
              </ChartCard>
            </div>
          </section>

          <section aria-labelledby="feed-heading" className="lg:sticky lg:top-4">
            <Card className="gap-4">
              <CardHeader>
                <h2 id="feed-heading" className="font-semibold leading-none">
                  Live insights
                </h2>
                <CardDescription>Newest first; new ones appear at the top as they are generated.</CardDescription>
              </CardHeader>
              <CardContent>
                <InsightFeed
                  analyzeButton={
                    <Button variant="outline" size="sm" onClick={() => analyze.mutate()} disabled={analyze.isPending}>
                      <Sparkles aria-hidden="true" />
                      {analyze.isPending ? "Analyzing…" : "Analyze now"}
                    </Button>
                  }
                />
              </CardContent>
            </Card>
          </section>
        </div>
      </div>
    </NowProvider>
  );
}

function ChartCard({
  title,
  description,
  ready,
  failed,
  height,
  children,
}: {
  title: string;
  description: string;
  ready: boolean;
  failed: boolean;
  height: string;
  children: React.ReactNode;
}) {
  return (
    <Card className="gap-4">
      <CardHeader>
        <CardTitle>{title}</CardTitle>
        <CardDescription>{description}</CardDescription>
      </CardHeader>
      <CardContent>
        {ready ? (
          children
        ) : failed ? (
          <p className="py-12 text-center text-sm text-muted-foreground">The chart needs the overview, which could not be loaded.</p>
        ) : (
          <div className="grid gap-4" aria-hidden="true">
            <Skeleton className="h-5 w-48 max-w-full" />
            <Skeleton className={`${height} w-full`} />
          </div>
        )}
      </CardContent>
    </Card>
  );
}
