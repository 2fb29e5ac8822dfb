"use client";
// KnowledgeTagFilter: the tags in use as chips with their counts (GET /api/knowledge/tags, kept current); one can be chosen.
import * as React from "react";
import { Check } from "lucide-react";

import { Skeleton } from "@/components/ui/skeleton";
import { describeError } from "@/components/ui/query-error";
import { useKnowledgeTags } from "@/lib/query/hooks/use-knowledge";
import { cn, formatNumber } from "@/lib/utils";

/** Chips shown before "Show all". */
const FIRST = 16;

export function KnowledgeTagFilter({ selected, onSelect }: { selected: string; onSelect: (tag: string) => void }) {
  const tags = useKnowledgeTags();
  const [all, setAll] = React.useState(false);

  if (tags.isPending) {
    return (
      <div className="flex flex-wrap gap-1.5" aria-hidden="true">
        {Array.from({ length: 6 }, (_, i) => (
          <Skeleton key={i} className="h-7 w-20 rounded-full" />
        ))}
      </div>
    );
  }
  if (tags.isError && !tags.data) {
    return (
      <p className="text-xs text-muted-foreground">
        Tags could not be loaded ({describeError(tags.error).replace(/\.$/, "")}).{" "}
        <button type="button" className="rounded-sm underline underline-offset-4 outline-none focus-visible:ring-[3px] focus-visible:ring-ring/50" onClick={() => void tags.refetch()}>
          Try again
        </button>
      </p>
    );
  }
  const items = tags.data?.items ?? [];
  if (items.length === 0 && !selected) return null;

  let shown = all ? items : items.slice(0, FIRST);
  if (selected && !shown.some((t) => t.tag === selected)) shown = [{ tag: selected, count: items.find((t) => t.tag === selected)?.count ?? 0 }, ...shown];

  return (
    <div role="group" aria-label="Filter by tag" className="flex flex-wrap items-center gap-1.5" data-testid="knowledge-tags">
      {shown.map(({ tag, count }) => {
        const on = tag === selected;
        return (
          <button
            key={tag}
            type="button"
            aria-pressed={on}
            onClick={() => onSelect(on ? "" : tag)}
            className={cn(
              "inline-flex h-7 items-center gap-1.5 rounded-full border px-2.5 text-xs font-medium outline-none transition-colors focus-visible:ring-[3px] focus-visible:ring-ring/50",
              on
                ? "border-foreground/30 bg-accent text-foreground"
                : "border-dashed text-muted-foreground hover:bg-accent/60 hover:text-foreground",
            )}
          >
            {on ? <Check className="size-3.5" aria-hidden="true" /> : null}
            {tag}
            <span className="tabular-nums text-muted-foreground">
              <span className="sr-only">, </span>
              {formatNumber(count)}
              <span className="sr-only">{count === 1 ? " item" : " items"}</span>
            </span>
          </button>
        );
      })}
      {items.length > FIRST ? (
        <button
          type="button"
          onClick={() => setAll((v) => !v)}
          aria-expanded={all}
          className="h-7 rounded-full px-2.5 text-xs font-medium text-muted-foreground underline-offset-4 outline-none hover:text-foreground hover:underline focus-visible:ring-[3px] focus-visible:ring-ring/50"
        >
          {all ? "Fewer tags" : `All ${formatNumber(items.length)} tags`}
        </button>
      ) : null}
    </div>
  );
}
