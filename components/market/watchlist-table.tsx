"use client";
// WatchlistTable: the user's tickers with live quotes; add and remove (shown at once, confirmed by push).
import * as React from "react";
import { LineChart } from "lucide-react";

import { Card, CardAction, CardContent, CardHeader, CardTitle } from "@/components/ui/card";
import { EmptyState } from "@/components/ui/empty-state";
import { QueryErrorAlert } from "@/components/ui/query-error";
import { Skeleton } from "@/components/ui/skeleton";
import type { WatchlistEntry } from "@/lib/query/hooks/use-market";
import type { useWatchlist } from "@/lib/query/hooks/use-market";
import { AddTicker } from "./add-ticker";
import { WatchlistRow } from "./watchlist-row";

export function WatchlistTable({
  entries,
  query,
  selected,
  onSelect,
  onAdd,
  onRemove,
}: {
  entries: WatchlistEntry[];
  query: ReturnType<typeof useWatchlist>;
  selected: string | null;
  onSelect: (ticker: string) => void;
  onAdd: (ticker: string) => void;
  onRemove: (ticker: string) => void;
}) {
  const tickers = React.useMemo(() => entries.map((e) => e.ticker), [entries]);
  let body: React.ReactNode;
  if (query.isPending) {
    body = (
      <div className="grid gap-2" aria-busy="true" data-testid="watchlist-loading">
        <span className="sr-only" role="status">
          Loading the watchlist…
        </span>
        {[0, 1, 2, 3].map((i) => (
          <Skeleton key={i} className="h-8" />
        ))}
      </div>
    );
  } else if (query.isError && !query.data) {
    body = <QueryErrorAlert title="Could not load the watchlist" error={query.error} onRetry={() => void query.refetch()} busy={query.isFetching} testId="watchlist-error" />;
  } else if (entries.length === 0) {
    body = <EmptyState icon={LineChart} title="Your watchlist is empty" description="Add a ticker to follow its price live." data-testid="watchlist-empty" />;
  } else {
    body = (
      <div className="overflow-x-auto">
        <table className="w-full text-sm" data-testid="watchlist-table">
          <caption className="sr-only">Watchlist with live prices</caption>
          <thead>
            <tr className="border-b text-xs text-muted-foreground">
              <th scope="col" className="pb-2 text-left font-medium">
                Ticker
              </th>
              <th scope="col" className="pb-2 pr-2 text-right font-medium">
                Price
              </th>
              <th scope="col" className="pb-2 pr-2 text-right font-medium">
                Change
              </th>
              <th scope="col" className="pb-2 pr-2 text-right font-medium">
                %
              </th>
              <th scope="col" className="hidden pb-2 pr-2 text-right font-medium sm:table-cell">
                Volume
              </th>
              <th scope="col" className="hidden pb-2 pr-2 text-left font-medium md:table-cell">
                Recent
              </th>
              <th scope="col" className="pb-2">
                <span className="sr-only">Actions</span>
              </th>
            </tr>
          </thead>
          <tbody>
            {entries.map((e) => (
              <WatchlistRow key={e.ticker} ticker={e.ticker} pending={e.pending} selected={e.ticker === selected} onSelect={onSelect} onRemove={onRemove} />
            ))}
          </tbody>
        </table>
      </div>
    );
  }
  return (
    <Card data-testid="market-watchlist">
      <CardHeader>
        <CardTitle as="h2">Watchlist</CardTitle>
        <CardAction>
          <AddTicker current={tickers} onAdd={onAdd} disabled={query.isPending} />
        </CardAction>
      </CardHeader>
      <CardContent>{body}</CardContent>
    </Card>
  );
}
