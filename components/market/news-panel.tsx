"use client";
// NewsPanel: the latest market news of every ticker, newest first; pushed `stock_news` appears live.
import * as React from "react";
import { Newspaper } from "lucide-react";

import { Badge } from "@/components/ui/badge";
import { Card, CardContent, CardHeader, CardTitle } from "@/components/ui/card";
import { EmptyState } from "@/components/ui/empty-state";
import { QueryErrorAlert } from "@/components/ui/query-error";
import { Skeleton } from "@/components/ui/skeleton";
import { useRecentNews } from "@/lib/query/hooks/use-market";
import { formatRelativeTime } from "@/lib/utils";

export function NewsPanel({ highlight }: { highlight: string | null }) {
  const news = useRecentNews();
  const items = news.data?.items ?? [];
  let body: React.ReactNode;
  if (news.isPending) {
    body = (
      <div className="grid gap-3" aria-busy="true">
        <span className="sr-only" role="status">
          Loading news…
        </span>
        <Skeleton className="h-10" />
        <Skeleton className="h-10" />
      </div>
    );
  } else if (news.isError && items.length === 0) {
    body = <QueryErrorAlert title="Could not load news" error={news.error} onRetry={() => void news.refetch()} busy={news.isFetching} />;
  } else if (items.length === 0) {
    body = <EmptyState icon={Newspaper} title="No news yet" description="Headlines appear here as they are published." />;
  } else {
    body = (
      // Scrollable: focusable so keyboard users can scroll it (its label names it).
      <ul
        className="grid max-h-96 gap-3 overflow-y-auto rounded-md outline-none focus-visible:ring-[3px] focus-visible:ring-ring/50"
        tabIndex={0}
        aria-label="Latest news"
        aria-live="polite"
        aria-relevant="additions"
        data-testid="news-list"
      >
        {items.slice(0, 50).map((n) => (
          <li key={n.id} className="grid gap-0.5">
            <div className="flex items-center gap-2 text-xs text-muted-foreground">
              <Badge variant={n.ticker === highlight ? "default" : "secondary"} className="font-mono">
                {n.ticker}
              </Badge>
              <time dateTime={n.published_at}>{formatRelativeTime(n.published_at)}</time>
            </div>
            <p className="text-sm font-medium">{n.title}</p>
            {n.content && <p className="line-clamp-2 text-xs text-muted-foreground">{n.content}</p>}
          </li>
        ))}
      </ul>
    );
  }
  return (
    <Card data-testid="news-panel">
      <CardHeader>
        <CardTitle as="h2">News</CardTitle>
      </CardHeader>
      <CardContent>{body}</CardContent>
    </Card>
  );
}
