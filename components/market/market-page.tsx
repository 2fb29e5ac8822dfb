"use client";
// MarketPage: the /market body: the user's live watchlist, the selected ticker's candle chart and the
// news panel. Subscribes to the watchlist's `market:{T}` topics, `news:*` and the user's own topic.
import * as React from "react";

import { PageHeader } from "@/components/shell/page-header";
import { useMe } from "@/components/shell/use-me";
import { topics } from "@/lib/protocol/topics";
import { useEditWatchlist, useWatchlistEntries } from "@/lib/query/hooks/use-market";
import { useTopic } from "@/lib/realtime/hooks";
import { NewsPanel } from "./news-panel";
import { PriceChart } from "./price-chart";
import { WatchlistTable } from "./watchlist-table";

export function MarketPage() {
  const me = useMe();
  const userId = me.data?.id ?? null;
  const { entries, query } = useWatchlistEntries();
  const edit = useEditWatchlist();
  const [chosen, setChosen] = React.useState<string | null>(null);
  const [announcement, setAnnouncement] = React.useState("");

  const marketTopics = React.useMemo(() => entries.map((e) => topics.market(e.ticker)), [entries]);
  useTopic(marketTopics);
  useTopic("news:*");
  useTopic(userId ? topics.user(userId) : null);

  const selected = chosen && entries.some((e) => e.ticker === chosen) ? chosen : (entries[0]?.ticker ?? null);
  const add = React.useCallback(
    (ticker: string) => {
      edit.mutate({ op: "add", ticker });
      setAnnouncement(`Added ${ticker} to the watchlist.`);
    },
    [edit],
  );
  const remove = React.useCallback(
    (ticker: string) => {
      edit.mutate({ op: "remove", ticker });
      setAnnouncement(`Removed ${ticker} from the watchlist.`);
    },
    [edit],
  );

  return (
    <div className="grid gap-6">
      <PageHeader title="Market" description="Live quotes of your watchlist, candles of the selected ticker, and market news." />
      <p className="sr-only" role="status" aria-live="polite">
        {announcement}
      </p>
      <div className="grid gap-6 xl:grid-cols-[minmax(0,3fr)_minmax(0,2fr)]">
        <div className="grid content-start gap-6">
          <WatchlistTable entries={entries} query={query} selected={selected} onSelect={setChosen} onAdd={add} onRemove={remove} />
          <PriceChart ticker={selected} />
        </div>
        <NewsPanel highlight={selected} />
      </div>
    </div>
  );
}
