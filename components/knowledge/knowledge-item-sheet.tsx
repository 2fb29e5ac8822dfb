"use client";
// KnowledgeItemSheet: one item in a side panel: content, tags, source job and times, with edit (title, tags;
// pending until confirmed) and delete (after confirmation); deleted, not-found, loading and error states.
import * as React from "react";
import Link from "next/link";
import { FileSearch, FileText, Pencil, Trash2 } from "lucide-react";

import { RelativeTime } from "@/components/jobs/now-context";
import { Button } from "@/components/ui/button";
import { EmptyState } from "@/components/ui/empty-state";
import { QueryErrorAlert } from "@/components/ui/query-error";
import { Sheet, SheetContent, SheetDescription, SheetTitle } from "@/components/ui/sheet";
import { Skeleton } from "@/components/ui/skeleton";
import { isApiError } from "@/lib/query/fetchers";
import {
  isSavingKnowledge,
  useDeleteKnowledge,
  useKnowledgeItem,
  useUpdateKnowledge,
  type KnowledgeRow,
} from "@/lib/query/hooks/use-knowledge";
import { cn } from "@/lib/utils";
import { KnowledgeDeleteDialog } from "./knowledge-delete-dialog";
import { KnowledgeEditForm } from "./knowledge-edit-form";
import { KnowledgeTypeBadge, SavingBadge, TagChip } from "./knowledge-badges";

export function KnowledgeItemSheet({
  itemId,
  fallback,
  onClose,
  onTag,
}: {
  /** The open item; null: closed. */
  itemId: string | null;
  /** The list's copy, shown until the item itself loads. */
  fallback?: KnowledgeRow;
  onClose: () => void;
  /** Show the items with this tag (closes the panel). */
  onTag: (tag: string) => void;
}) {
  // While the edit form is open, Escape leaves it instead of closing the panel.
  const escape = React.useRef<(() => boolean) | null>(null);
  return (
    <Sheet open={itemId !== null} onOpenChange={(open) => !open && onClose()}>
      <SheetContent
        side="right"
        className="w-full max-w-full gap-0 bg-background text-foreground sm:max-w-xl"
        data-testid="knowledge-sheet"
        onEscapeKeyDown={(e) => {
          if (escape.current?.()) e.preventDefault();
        }}
      >
        {itemId !== null ? <SheetBody key={itemId} itemId={itemId} fallback={fallback} onClose={onClose} onTag={onTag} escape={escape} /> : null}
      </SheetContent>
    </Sheet>
  );
}

function SheetBody({
  itemId,
  fallback,
  onClose,
  onTag,
  escape,
}: {
  itemId: string;
  fallback?: KnowledgeRow;
  onClose: () => void;
  onTag: (tag: string) => void;
  escape: React.RefObject<(() => boolean) | null>;
}) {
  const query = useKnowledgeItem(itemId);
  const update = useUpdateKnowledge();
  const remove = useDeleteKnowledge();
  const [editing, setEditing] = React.useState(false);
  const [confirming, setConfirming] = React.useState(false);
  const item = query.data ?? fallback;

  // Back from the form, the focus returns to the button that opened it.
  const editButton = React.useRef<HTMLButtonElement>(null);
  const wasEditing = React.useRef(false);
  React.useEffect(() => {
    if (wasEditing.current && !editing) editButton.current?.focus();
    wasEditing.current = editing;
  }, [editing]);

  React.useEffect(() => {
    escape.current = editing
      ? () => {
          setEditing(false);
          return true;
        }
      : null;
    return () => {
      escape.current = null;
    };
  }, [editing, escape]);

  if (query.data?._deleted) {
    return (
      <Gone title="This item was deleted" icon={Trash2}>
        “{query.data.title}” was removed from the knowledge base.
      </Gone>
    );
  }
  if (!item) {
    if (query.isError) {
      return isApiError(query.error) && query.error.status === 404 ? (
        <Gone title="Item not found" icon={FileSearch}>
          There is no knowledge item <code className="font-mono text-xs">{itemId}</code>. It may have been deleted.
        </Gone>
      ) : (
        <>
          <SheetTitle className="sr-only">Knowledge item</SheetTitle>
          <SheetDescription className="sr-only">The item could not be loaded.</SheetDescription>
          <div className="p-6 pt-12">
            <QueryErrorAlert title="Could not load this item" error={query.error} onRetry={() => void query.refetch()} busy={query.isFetching} />
          </div>
        </>
      );
    }
    return <SheetSkeleton />;
  }

  const saving = isSavingKnowledge(item);
  const deleting = item._deleting === true;

  return (
    <>
      <div className="grid gap-2 border-b p-6 pr-12">
        <SheetTitle className={cn("text-lg leading-snug break-words", saving && "opacity-70")}>{item.title}</SheetTitle>
        <SheetDescription asChild>
          <div className="flex flex-wrap items-center gap-x-2 gap-y-1">
            <KnowledgeTypeBadge type={item.type} />
            {saving ? <SavingBadge /> : null}
            <span>
              Added <RelativeTime iso={item.created_at} />
            </span>
          </div>
        </SheetDescription>
        {editing ? null : (
          <div className="mt-2 flex flex-wrap gap-2">
            <Button ref={editButton} variant="outline" size="sm" onClick={() => setEditing(true)} disabled={deleting} data-testid="knowledge-edit">
              <Pencil aria-hidden="true" />
              Edit title and tags
            </Button>
            <Button
              variant="outline"
              size="sm"
              className="text-destructive hover:bg-destructive/10 hover:text-destructive"
              onClick={() => setConfirming(true)}
              disabled={deleting}
              data-testid="knowledge-delete"
            >
              <Trash2 aria-hidden="true" />
              Delete
            </Button>
          </div>
        )}
      </div>

      <div className="grid flex-1 content-start gap-6 overflow-y-auto p-6">
        {editing ? (
          <KnowledgeEditForm
            item={item}
            onCancel={() => setEditing(false)}
            onSave={(changes) => {
              setEditing(false);
              if (changes) update.mutate({ item, changes });
            }}
          />
        ) : (
          <section className="grid gap-2">
            <h3 className="text-sm font-medium">
              Tags
            </h3>
            {item.tags.length > 0 ? (
              <ul className={cn("flex flex-wrap gap-1.5", saving && "opacity-70")} aria-label="Tags">
                {item.tags.map((tag) => (
                  <li key={tag}>
                    <TagChip tag={tag} onClick={() => onTag(tag)} />
                  </li>
                ))}
              </ul>
            ) : (
              <p className="text-sm text-muted-foreground">No tags.</p>
            )}
          </section>
        )}

        <section className="grid gap-2">
          <h3 className="text-sm font-medium">
            Content
          </h3>
          {item.content.trim() ? (
            <div
              className="max-h-[50vh] overflow-y-auto whitespace-pre-wrap break-words rounded-lg border bg-muted/30 p-4 text-sm leading-relaxed"
              tabIndex={0}
              role="region"
              aria-label={`Content of ${item.title}`}
              data-testid="knowledge-content"
            >
              {item.content}
            </div>
          ) : (
            <p className="text-sm text-muted-foreground">This item has no content.</p>
          )}
        </section>

        <dl className="grid grid-cols-[auto_1fr] gap-x-6 gap-y-2 text-sm">
          <dt className="text-muted-foreground">Source</dt>
          <dd>
            {item.source_job ? (
              <Link
                href={`/jobs/${encodeURIComponent(item.source_job)}`}
                className="inline-flex items-center gap-1.5 rounded-sm font-medium underline-offset-4 outline-none hover:underline focus-visible:ring-[3px] focus-visible:ring-ring/50"
              >
                <FileText className="size-3.5 text-muted-foreground" aria-hidden="true" />
                Job <span className="font-mono text-xs">{item.source_job}</span>
              </Link>
            ) : (
              "–"
            )}
          </dd>
          <dt className="text-muted-foreground">Created</dt>
          <dd>
            <RelativeTime iso={item.created_at} />
          </dd>
          <dt className="text-muted-foreground">Updated</dt>
          <dd>
            <RelativeTime iso={item.updated_at} />
          </dd>
          <dt className="text-muted-foreground">Id</dt>
          <dd className="font-mono text-xs leading-5">{item.item_id}</dd>
        </dl>
      </div>

      <KnowledgeDeleteDialog
        title={item.title}
        open={confirming}
        onOpenChange={setConfirming}
        onConfirm={() => {
          setConfirming(false);
          onClose();
          remove.mutate(item);
        }}
      />
    </>
  );
}

function Gone({ title, icon, children }: { title: string; icon: typeof Trash2; children: React.ReactNode }) {
  return (
    <div className="p-6 pt-12">
      <SheetTitle className="sr-only">{title}</SheetTitle>
      <SheetDescription className="sr-only">{title}.</SheetDescription>
      <EmptyState icon={icon} title={title} description={children} data-testid="knowledge-gone" />
    </div>
  );
}

function SheetSkeleton() {
  return (
    <div className="grid gap-6 p-6" aria-busy="true">
      <SheetTitle className="sr-only">Knowledge item</SheetTitle>
      <SheetDescription className="sr-only">Loading the item…</SheetDescription>
      <div className="grid gap-3 pr-8">
        <Skeleton className="h-6 w-3/4" />
        <Skeleton className="h-4 w-40" />
      </div>
      <Skeleton className="h-8 w-48" />
      <Skeleton className="h-48 w-full" />
    </div>
  );
}
