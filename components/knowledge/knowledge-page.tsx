"use client";
// KnowledgePage: the /knowledge body: search and tag filter in the URL, the live result list (new items at the top
// unless searching), and the open item in a side panel; loading, empty and error states.
import * as React from "react";
import Link from "next/link";
import { usePathname, useRouter, useSearchParams } from "next/navigation";
import { ArrowRight, BookOpen, SearchX, X } from "lucide-react";

import { NowProvider } from "@/components/jobs/now-context";
import { PageHeader } from "@/components/shell/page-header";
import { Button } from "@/components/ui/button";
import { EmptyState } from "@/components/ui/empty-state";
import { QueryErrorAlert, describeError } from "@/components/ui/query-error";
import { topics } from "@/lib/protocol/topics";
import { useKnowledgeList, type KnowledgeRow } from "@/lib/query/hooks/use-knowledge";
import { useTopic } from "@/lib/realtime/hooks";
import { formatNumber } from "@/lib/utils";
import { KnowledgeItemSheet } from "./knowledge-item-sheet";
import { KnowledgeList, KnowledgeListSkeleton } from "./knowledge-list";
import { KnowledgeSearch } from "./knowledge-search";
import { KnowledgeTagFilter } from "./knowledge-tag-filter";
import { knowledgeStateFromSearch, knowledgeStateToSearch, type KnowledgeUrlState } from "./knowledge-url";

export function KnowledgePage() {
  const router = useRouter();
  const pathname = usePathname();
  const search = useSearchParams();
  const state = React.useMemo(() => knowledgeStateFromSearch(new URLSearchParams(search.toString())), [search]);
  const setState = React.useCallback(
    (patch: Partial<KnowledgeUrlState>) => router.replace(`${pathname}${knowledgeStateToSearch({ ...state, ...patch })}`, { scroll: false }),
    [router, pathname, state],
  );

  const list = useKnowledgeList({ q: state.q, tag: state.tag, type: state.type });
  // Search results are ranked by the server: items created meanwhile are counted, and the user
  // decides when to search again.
  const searching = state.q.trim() !== "";
  const [createdSinceSearch, setCreatedSinceSearch] = React.useState({ q: state.q, count: 0 });
  const unseen = createdSinceSearch.q === state.q ? createdSinceSearch.count : 0;
  useTopic(topics.knowledge(), (event) => {
    if (event.type !== "knowledge_item_created" || !searching) return;
    setCreatedSinceSearch((prev) => ({ q: state.q, count: prev.q === state.q ? prev.count + 1 : 1 }));
  });
  const searchAgain = () => {
    setCreatedSinceSearch({ q: state.q, count: 0 });
    void list.refetch();
  };
  const filtered = state.q.trim() !== "" || state.tag !== "" || state.type !== "";
  const loadingNew = list.isPlaceholderData && list.isFetching;

  // The open item's list copy is shown until the item itself loads; keep it while the list changes.
  const [opened, setOpened] = React.useState<KnowledgeRow | undefined>(undefined);
  const fallback = list.items.find((i) => i.item_id === state.item) ?? (opened?.item_id === state.item ? opened : undefined);
  const open = React.useCallback(
    (item: KnowledgeRow) => {
      setOpened(item);
      setState({ item: item.item_id });
    },
    [setState],
  );
  const filterByTag = React.useCallback((tag: string) => setState({ tag, item: null }), [setState]);

  let body: React.ReactNode;
  if (list.isPending) {
    body = (
      <div aria-busy="true">
        <span className="sr-only" role="status">
          Loading knowledge…
        </span>
        <KnowledgeListSkeleton />
      </div>
    );
  } else if (list.isError && list.items.length === 0) {
    body = (
      <QueryErrorAlert
        title={state.q ? "The search failed" : "Could not load the knowledge base"}
        error={list.error}
        onRetry={() => void list.refetch()}
        busy={list.isFetching}
        testId="knowledge-error"
      />
    );
  } else if (list.items.length === 0 && !loadingNew) {
    body = filtered ? (
      <EmptyState
        icon={SearchX}
        title={state.q ? `Nothing matches “${state.q.trim()}”` : state.tag ? `No items tagged “${state.tag}”` : "No items match these filters"}
        description={
          state.q
            ? "Try other words, or fewer of them. Search looks at titles and content; tags are the chips above."
            : "Items that match appear here as soon as they are created."
        }
        action={
          <Button variant="outline" size="sm" onClick={() => setState({ q: "", tag: "", type: "" })}>
            <X aria-hidden="true" />
            Clear search and filters
          </Button>
        }
        data-testid="knowledge-empty-filtered"
      />
    ) : (
      <EmptyState
        icon={BookOpen}
        title="No knowledge yet: upload a document on the Jobs page"
        description="Every document that finishes processing adds an item here, with its summary, text and tags."
        action={
          <Button asChild variant="outline" size="sm">
            <Link href="/jobs">
              Go to Jobs
              <ArrowRight aria-hidden="true" />
            </Link>
          </Button>
        }
        data-testid="knowledge-empty"
      />
    );
  } else {
    body = (
      <div className={loadingNew ? "opacity-60 transition-opacity" : "transition-opacity"} aria-busy={loadingNew || undefined}>
        <KnowledgeList
          items={list.items}
          scope={`${state.q}\n${state.tag}\n${state.type}`}
          ready={!list.isPending && !list.isPlaceholderData}
          searching={list.searching}
          selectedTag={state.tag}
          onOpen={open}
          onTag={filterByTag}
        />
        {list.isError ? (
          <p role="status" className="mt-3 text-xs text-destructive">
            Loading more failed: {describeError(list.error)}
          </p>
        ) : null}
        {list.hasNextPage ? (
          <div className="mt-4 flex justify-center">
            <Button variant="outline" size="sm" onClick={() => void list.fetchNextPage()} disabled={list.isFetchingNextPage}>
              {list.isFetchingNextPage ? "Loading…" : "Load more"}
            </Button>
          </div>
        ) : null}
      </div>
    );
  }

  const count = list.items.length;
  const summary = list.isPending || loadingNew
    ? ""
    : state.q
      ? `${formatNumber(count)}${list.hasNextPage ? "+" : ""} ${count === 1 ? "result" : "results"} for “${state.q.trim()}”${state.tag ? ` tagged ${state.tag}` : ""}`
      : `${formatNumber(count)}${list.hasNextPage ? "+" : ""} ${count === 1 ? "item" : "items"}${state.tag ? ` tagged ${state.tag}` : ""}`;

  return (
    <NowProvider intervalMs={15_000}>
      <div className="grid gap-6" data-testid="knowledge-page">
        <PageHeader
          title="Knowledge"
          description="What the processed documents taught us: search it, tag it, and follow each item back to its job."
        />
        <div className="grid gap-3">
          <KnowledgeSearch value={state.q} onSearch={(q) => setState({ q })} busy={loadingNew || (list.isFetching && !!state.q && !list.isFetchingNextPage)} />
          <KnowledgeTagFilter selected={state.tag} onSelect={(tag) => setState({ tag })} />
          {state.type ? (
            <p className="flex items-center gap-2 text-xs text-muted-foreground">
              Type: <span className="font-medium text-foreground">{state.type}</span>
              <Button variant="ghost" size="sm" className="h-6 px-2 text-xs" onClick={() => setState({ type: "" })}>
                <X className="size-3" aria-hidden="true" />
                Clear
              </Button>
            </p>
          ) : null}
        </div>
        <section aria-labelledby="knowledge-results-heading" className="grid gap-3">
          <div className="flex items-baseline justify-between gap-3">
            <h2 id="knowledge-results-heading" className="text-base font-semibold">
              {state.q ? "Results" : "Items"}
            </h2>
            <p className="text-xs text-muted-foreground" role="status" aria-live="polite">
              {summary}
            </p>
          </div>
          {searching && unseen > 0 ? (
            <div className="flex flex-wrap items-center justify-between gap-2 rounded-lg border border-dashed px-3 py-2 text-sm" role="status" data-testid="knowledge-new-since-search">
              <span>
                {formatNumber(unseen)} new {unseen === 1 ? "item was" : "items were"} added since this search.
              </span>
              <Button variant="outline" size="sm" onClick={searchAgain} disabled={list.isFetching}>
                Search again
              </Button>
            </div>
          ) : searching && !list.isPending && count > 0 ? (
            <p className="text-xs text-muted-foreground">Best matches first. New items are counted here while you search.</p>
          ) : null}
          {body}
        </section>
      </div>
      <KnowledgeItemSheet itemId={state.item} fallback={fallback} onClose={() => setState({ item: null })} onTag={filterByTag} />
    </NowProvider>
  );
}
