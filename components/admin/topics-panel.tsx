"use client";
// TopicsPanel: the hub's figures, live every 2 s: subscribers per topic pattern, events per second per
// topic over the last minute, the replay log (size, oldest id) and resyncs served.
import * as React from "react";
import { Radio } from "lucide-react";

import { RelativeTime } from "@/components/jobs/now-context";
import { Card, CardContent, CardDescription, CardHeader, CardTitle } from "@/components/ui/card";
import { EmptyState } from "@/components/ui/empty-state";
import { QueryErrorAlert } from "@/components/ui/query-error";
import { Skeleton } from "@/components/ui/skeleton";
import { useAdminTopics, type TopicsOverview } from "@/lib/query/hooks/use-admin";
import { formatNumber } from "@/lib/utils";
import { AdminTable, Td, Th, THead } from "./admin-table";

export function TopicsPanel() {
  const topics = useAdminTopics();
  const { overview } = topics;

  if (topics.isPending) {
    return (
      <div className="grid gap-4" aria-busy="true" data-testid="admin-topics-loading">
        <span className="sr-only" role="status">
          Loading topic figures…
        </span>
        <div className="grid gap-4 sm:grid-cols-2 lg:grid-cols-4">
          {Array.from({ length: 4 }, (_, i) => (
            <Skeleton key={i} className="h-24" />
          ))}
        </div>
        <Skeleton className="h-64" />
      </div>
    );
  }
  if (topics.isError && overview.instances === 0) {
    return <QueryErrorAlert title="Could not load the topic figures" error={topics.error} onRetry={() => void topics.refetch()} busy={topics.isFetching} testId="admin-topics-error" />;
  }

  return (
    <section aria-labelledby="admin-topics-heading" className="grid grid-cols-1 gap-4" data-testid="admin-topics">
      <div className="flex flex-wrap items-baseline justify-between gap-2">
        <h2 id="admin-topics-heading" className="text-lg font-semibold">
          Topics
        </h2>
        <p className="text-sm text-muted-foreground">
          {overview.instances > 1 ? `${overview.instances} instances · ` : ""}updated <RelativeTime iso={overview.at} />
        </p>
      </div>
      <Figures overview={overview} />
      <div className="grid items-start gap-4 xl:grid-cols-2">
        <Card>
          <CardHeader>
            <CardTitle as="h3">Events per second</CardTitle>
            <CardDescription>Topics that carried events in the last minute, busiest first.</CardDescription>
          </CardHeader>
          <CardContent>
            {overview.rates.length === 0 ? (
              <EmptyState icon={Radio} title="Quiet" description="No events were published in the last minute." data-testid="admin-rates-empty" />
            ) : (
              <AdminTable label="Events per topic" caption="Events per second per topic over the last minute" minWidth={420} testId="admin-rates">
                <THead>
                  <Th>Topic</Th>
                  <Th numeric>Per second</Th>
                  <Th numeric>Last minute</Th>
                  <Th>
                    <span className="sr-only">Trend</span>
                  </Th>
                </THead>
                <tbody className="divide-y">
                  {overview.rates.map((r) => (
                    <tr key={r.topic} data-testid="admin-rate-row" data-topic={r.topic}>
                      <th scope="row" className="px-3 py-2 text-left font-mono text-xs font-normal">
                        {r.topic}
                      </th>
                      <Td numeric>{formatRate(r.per_second)}</Td>
                      <Td numeric>{formatNumber(r.last_minute)}</Td>
                      <Td>
                        <Sparkline values={r.buckets} />
                      </Td>
                    </tr>
                  ))}
                </tbody>
              </AdminTable>
            )}
          </CardContent>
        </Card>
        <Card>
          <CardHeader>
            <CardTitle as="h3">Subscribers</CardTitle>
            <CardDescription>Sockets holding each topic or pattern.</CardDescription>
          </CardHeader>
          <CardContent>
            {overview.subscribers.length === 0 ? (
              <EmptyState icon={Radio} title="No subscriptions" description="No socket holds a topic right now." data-testid="admin-subscribers-empty" />
            ) : (
              <AdminTable label="Subscribers per topic" caption="Subscribers per topic or pattern" minWidth={320} testId="admin-subscribers">
                <THead>
                  <Th>Topic or pattern</Th>
                  <Th numeric>Subscribers</Th>
                </THead>
                <tbody className="divide-y">
                  {overview.subscribers.map((s) => (
                    <tr key={s.pattern} data-testid="admin-subscriber-row" data-pattern={s.pattern}>
                      <th scope="row" className="px-3 py-2 text-left font-mono text-xs font-normal">
                        {s.pattern}
                      </th>
                      <Td numeric>{formatNumber(s.subscribers)}</Td>
                    </tr>
                  ))}
                </tbody>
              </AdminTable>
            )}
          </CardContent>
        </Card>
      </div>
    </section>
  );
}

function Figures({ overview }: { overview: TopicsOverview }) {
  const log = overview.replay_log;
  const items: { label: string; value: string; detail?: React.ReactNode; testId: string }[] = [
    { label: "Connections", value: formatNumber(overview.connections), detail: `${formatNumber(overview.subscriptions)} subscriptions`, testId: "admin-figure-connections" },
    {
      label: "Replay log",
      value: log ? formatNumber(log.size) : "–",
      detail: log ? `of ${formatNumber(log.capacity)} events` : undefined,
      testId: "admin-figure-replay-size",
    },
    {
      label: "Oldest replayable id",
      value: log?.oldest_id ?? "none",
      detail: log ? `epoch ${log.epoch}` : undefined,
      testId: "admin-figure-replay-oldest",
    },
    { label: "Resyncs served", value: formatNumber(overview.resyncs_served), detail: "since start", testId: "admin-figure-resyncs" },
  ];
  return (
    <dl className="grid gap-4 sm:grid-cols-2 lg:grid-cols-4">
      {items.map((item) => (
        <div key={item.label} className="grid gap-1 rounded-xl border bg-card p-4" data-testid={item.testId}>
          <dt className="text-sm text-muted-foreground">{item.label}</dt>
          <dd className="truncate font-mono text-xl font-semibold tabular-nums" title={item.value}>
            {item.value}
          </dd>
          {item.detail ? <dd className="text-xs text-muted-foreground">{item.detail}</dd> : null}
        </div>
      ))}
    </dl>
  );
}

/** The last minute's per-second counts as bars (decoration: the numbers are in the row). */
function Sparkline({ values }: { values: readonly number[] }) {
  const max = Math.max(1, ...values);
  const w = 120;
  const h = 24;
  const bar = w / Math.max(values.length, 1);
  return (
    <svg width={w} height={h} viewBox={`0 0 ${w} ${h}`} aria-hidden="true" className="text-primary">
      {values.map((v, i) => {
        const bh = v === 0 ? 0 : Math.max(1, (v / max) * h);
        return <rect key={i} x={i * bar} y={h - bh} width={Math.max(bar - 0.5, 0.5)} height={bh} fill="currentColor" opacity={0.7} />;
      })}
    </svg>
  );
}

function formatRate(perSecond: number): string {
  if (perSecond === 0) return "0";
  if (perSecond < 0.1) return "< 0.1";
  return perSecond < 10 ? perSecond.toFixed(1) : formatNumber(Math.round(perSecond));
}
