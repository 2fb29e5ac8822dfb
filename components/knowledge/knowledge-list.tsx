"use client";
// KnowledgeList: the result cards (title, type, tags, source job, time, and the matching passage when searching);
// pushed items slide in at the top; pending edits look pending.
import Link from "next/link";
import { FileText } from "lucide-react";

import { RelativeTime } from "@/components/jobs/now-context";
import { SlideIn, useArrivals } from "@/components/insights/slide-in";
import { Skeleton } from "@/components/ui/skeleton";
import { isSavingKnowledge, type KnowledgeRow } from "@/lib/query/hooks/use-knowledge";
import { cn } from "@/lib/utils";
import { KnowledgeTypeBadge, SavingBadge, TagChip } from "./knowledge-badges";
import { KnowledgeSnippet } from "./knowledge-snippet";

/** Tags shown on a card before "+N". */
const CARD_TAGS = 6;

export function KnowledgeList({
  items,
  scope,
  ready,
  searching,
  selectedTag,
  onOpen,
  onTag,
}: {
  items: readonly KnowledgeRow[];
  /** The list's filters: other filters show other items, not arrivals. */
  scope: string;
  /** The list's first answer is in (later items are arrivals). */
  ready: boolean;
  searching: boolean;
  selectedTag: string;
  onOpen: (item: KnowledgeRow) => void;
  onTag: (tag: string) => void;
}) {
  const arrived = useArrivals(
    items.map((i) => i.item_id),
    ready,
    scope,
  );
  return (
    <ul className="grid gap-3" data-testid="knowledge-list">
      {items.map((item) => (
        <SlideIn key={item.item_id} animate={arrived.has(item.item_id)}>
          <KnowledgeCard item={item} searching={searching} selectedTag={selectedTag} onOpen={onOpen} onTag={onTag} />
        </SlideIn>
      ))}
    </ul>
  );
}

function KnowledgeCard({
  item,
  searching,
  selectedTag,
  onOpen,
  onTag,
}: {
  item: KnowledgeRow;
  searching: boolean;
  selectedTag: string;
  onOpen: (item: KnowledgeRow) => void;
  onTag: (tag: string) => void;
}) {
  const saving = isSavingKnowledge(item);
  const extra = item.tags.length - CARD_TAGS;
  return (
    <article
      className={cn(
        "relative grid gap-2 rounded-xl border bg-card p-4 shadow-xs transition-colors hover:border-foreground/20 hover:bg-accent/30",
        saving && "border-dashed",
      )}
      data-testid="knowledge-item"
      data-item-id={item.item_id}
      aria-busy={saving || undefined}
    >
      <div className="flex items-start justify-between gap-3">
        <h3 className={cn("min-w-0 font-medium leading-snug", saving && "opacity-70")}>
          <button
            type="button"
            onClick={() => onOpen(item)}
            className="rounded-sm text-left break-words outline-none after:absolute after:inset-0 after:rounded-xl focus-visible:after:ring-[3px] focus-visible:after:ring-ring/50"
          >
            {item.title}
          </button>
        </h3>
        <div className="flex shrink-0 items-center gap-1.5">
          {saving ? <SavingBadge /> : null}
          <KnowledgeTypeBadge type={item.type} />
        </div>
      </div>

      {searching && item.snippet ? (
        <KnowledgeSnippet snippet={item.snippet} />
      ) : item.content.trim() ? (
        <p className="line-clamp-2 text-sm text-muted-foreground">{item.content}</p>
      ) : null}

      <div className="flex flex-wrap items-center gap-x-3 gap-y-1.5 text-xs text-muted-foreground">
        {item.tags.length > 0 ? (
          <ul className={cn("relative z-10 flex flex-wrap gap-1", saving && "opacity-70")} aria-label="Tags">
            {item.tags.slice(0, CARD_TAGS).map((tag) => (
              <li key={tag}>
                <TagChip tag={tag} active={tag === selectedTag} onClick={tag === selectedTag ? undefined : () => onTag(tag)} />
              </li>
            ))}
            {extra > 0 ? <li className="px-1 py-0.5">+{extra}</li> : null}
          </ul>
        ) : null}
        {item.source_job ? (
          <Link
            href={`/jobs/${encodeURIComponent(item.source_job)}`}
            aria-label={`Source job of ${item.title}`}
            className="relative z-10 inline-flex items-center gap-1 rounded-sm underline-offset-4 outline-none hover:text-foreground hover:underline focus-visible:ring-[3px] focus-visible:ring-ring/50"
          >
            <FileText className="size-3.5" aria-hidden="true" />
            Source job
          </Link>
        ) : null}
        <RelativeTime iso={item.created_at} className="ml-auto" />
      </div>
    </article>
  );
}

export function KnowledgeListSkeleton({ rows = 5 }: { rows?: number }) {
  return (
    <ul className="grid gap-3" aria-hidden="true">
      {Array.from({ length: rows }, (_, i) => (
        <li key={i} className="grid gap-3 rounded-xl border bg-card p-4">
          <div className="flex justify-between gap-3">
            <Skeleton className="h-5 w-2/3" />
            <Skeleton className="h-5 w-14" />
          </div>
          <Skeleton className="h-4 w-full" />
          <div className="flex gap-2">
            <Skeleton className="h-5 w-16" />
            <Skeleton className="h-5 w-20" />
            <Skeleton className="ml-auto h-4 w-16" />
          </div>
        </li>
      ))}
    </ul>
  );
}
