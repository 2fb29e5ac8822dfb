"use client";
// InsightFeed: the live insight feed, newest first (pushed ones slide in at the top), filterable by type, with load more.
import * as React from "react";
import { Check, Lightbulb } from "lucide-react";

import { RelativeTime } from "@/components/jobs/now-context";
import { Button } from "@/components/ui/button";
import { EmptyState } from "@/components/ui/empty-state";
import { QueryErrorAlert, describeError } from "@/components/ui/query-error";
import { Skeleton } from "@/components/ui/skeleton";
import { INSIGHT_TYPES, type InsightType } from "@/lib/protocol/entities/insights";
import { useInsightsList } from "@/lib/query/hooks/use-insights";
import { cn } from "@/lib/utils";
import { ConfidenceMeter } from "./confidence-meter";
import { INSIGHT_TYPE_LABELS } from "./insight-format";
import { InsightTypeBadge } from "./insight-type-badge";
import { SlideIn, useArrivals } from "./slide-in";

export function InsightFeed({ analyzeButton }: { analyzeButton: React.ReactNode }) {
  const [types, setTypes] = React.useState<InsightType[]>([]);
  const list = useInsightsList({ type: types });
  const arrived = useArrivals(
    list.items.map((i) => i.insight_id),
    list.isSuccess,
    types.join(","),
  );
  const newest = list.items[0];
  const announce = newest && arrived.has(newest.insight_id) ? `New insight: ${newest.title}` : "";

  let body: React.ReactNode;
  if (list.isPending) {
    body = (
      <ul className="grid gap-3" aria-busy="true">
        <li className="sr-only" role="status">
          Loading insights…
        </li>
        {Array.from({ length: 4 }, (_, i) => (
          <li key={i} className="grid gap-2 rounded-lg border p-3">
            <Skeleton className="h-5 w-24" />
            <Skeleton className="h-4 w-3/4" />
            <Skeleton className="h-4 w-full" />
          </li>
        ))}
      </ul>
    );
  } else if (list.isError && list.items.length === 0) {
    body = <QueryErrorAlert title="Could not load insights" error={list.error} onRetry={() => void list.refetch()} busy={list.isFetching} testId="insights-error" />;
  } else if (list.items.length === 0) {
    body = (
      <EmptyState
        icon={Lightbulb}
        title={types.length > 0 ? "No insights of this type yet" : "No insights yet"}
        description="The analyzer watches job volume, failures and processing times; what it notices appears here as it happens."
        action={analyzeButton}
        data-testid="insights-empty"
      />
    );
  } else {
    body = (
      <>
        <ul className="grid gap-3" data-testid="insight-feed">
          {list.items.map((insight) => (
            <SlideIn
              key={insight.insight_id}
              animate={arrived.has(insight.insight_id)}
              className="grid gap-2 rounded-lg border bg-card p-3 data-[arrived]:border-foreground/20"
              data-testid="insight"
            >
              <div className="flex flex-wrap items-center justify-between gap-2">
                <InsightTypeBadge type={insight.type} />
                <RelativeTime iso={insight.created_at} className="text-xs text-muted-foreground" />
              </div>
              <h3 className="text-sm font-medium leading-snug">{insight.title}</h3>
              {insight.description ? <p className="text-sm text-muted-foreground">{insight.description}</p> : null}
              <ConfidenceMeter value={insight.confidence} />
            </SlideIn>
          ))}
        </ul>
        {list.isError ? <p className="text-xs text-destructive">Loading more failed: {describeError(list.error)}</p> : null}
        {list.hasNextPage ? (
          <Button variant="outline" size="sm" className="justify-self-center" onClick={() => void list.fetchNextPage()} disabled={list.isFetchingNextPage}>
            {list.isFetchingNextPage ? "Loading…" : "Load more"}
          </Button>
        ) : null}
      </>
    );
  }

  return (
    <div className="grid gap-3">
      <div role="group" aria-label="Filter insights by type" className="flex flex-wrap gap-1.5">
        {INSIGHT_TYPES.map((t) => {
          const on = types.includes(t);
          return (
            <button
              key={t}
              type="button"
              aria-pressed={on}
              onClick={() => setTypes(on ? types.filter((x) => x !== t) : [...types, t])}
              className={cn(
                "inline-flex h-7 items-center gap-1.5 rounded-full border px-2.5 text-xs font-medium outline-none transition-colors focus-visible:ring-[3px] focus-visible:ring-ring/50",
                on ? "border-foreground/30 bg-accent text-foreground" : "border-dashed text-muted-foreground hover:bg-accent/60 hover:text-foreground",
              )}
            >
              {on ? <Check className="size-3.5" aria-hidden="true" /> : null}
              {INSIGHT_TYPE_LABELS[t]}
            </button>
          );
        })}
      </div>
      <span className="sr-only" aria-live="polite">
        {announce}
      </span>
      {body}
    </div>
  );
}
