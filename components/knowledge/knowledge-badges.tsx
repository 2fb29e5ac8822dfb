// Small pieces of a knowledge item's display: its type badge, a tag chip, and the "Saving…" mark of a pending edit.
import { LoaderCircle, Tag } from "lucide-react";

import { jobTypeLabel } from "@/components/jobs/job-format";
import { Badge } from "@/components/ui/badge";
import { cn } from "@/lib/utils";

export function KnowledgeTypeBadge({ type, className }: { type: string; className?: string }) {
  return (
    <Badge variant="outline" className={cn("text-muted-foreground", className)}>
      {jobTypeLabel(type)}
    </Badge>
  );
}

/** A tag as a chip; a button (e.g. "filter by this tag") when `onClick` is given. */
export function TagChip({ tag, onClick, active, className }: { tag: string; onClick?: () => void; active?: boolean; className?: string }) {
  const classes = cn(
    "inline-flex items-center gap-1 rounded-md border px-1.5 py-0.5 text-xs font-medium",
    active ? "border-foreground/30 bg-accent text-foreground" : "bg-secondary/60 text-secondary-foreground",
    className,
  );
  const body = (
    <>
      <Tag className="size-3 text-muted-foreground" aria-hidden="true" />
      {tag}
    </>
  );
  if (!onClick) return <span className={classes}>{body}</span>;
  return (
    <button
      type="button"
      onClick={onClick}
      className={cn(classes, "outline-none hover:border-foreground/30 hover:bg-accent focus-visible:ring-[3px] focus-visible:ring-ring/50")}
      aria-label={`Show items tagged ${tag}`}
    >
      {body}
    </button>
  );
}

/** Marks an edit sent and not confirmed yet. */
export function SavingBadge({ className }: { className?: string }) {
  return (
    <Badge variant="outline" className={cn("gap-1 border-dashed text-muted-foreground", className)} data-testid="knowledge-saving">
      <LoaderCircle className="motion-safe:animate-spin" aria-hidden="true" />
      Saving…
    </Badge>
  );
}
