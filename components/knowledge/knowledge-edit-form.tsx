"use client";
// KnowledgeEditForm: edit an item's title and tags; sends only what changed (the change shows at once as pending).
import * as React from "react";
import { Check } from "lucide-react";

import { Button } from "@/components/ui/button";
import { Input } from "@/components/ui/input";
import { Label } from "@/components/ui/label";
import type { KnowledgeRow } from "@/lib/query/hooks/use-knowledge";
import type { UpdateKnowledgeBody } from "@/lib/api/knowledge";
import { TagEditor } from "./tag-editor";

export const MAX_TITLE = 200;

/** What to send for an edit: only the changed fields; null when nothing changed. */
export function knowledgeChanges(item: Pick<KnowledgeRow, "title" | "tags">, title: string, tags: readonly string[]): UpdateKnowledgeBody | null {
  const changes: UpdateKnowledgeBody = {};
  const t = title.trim();
  if (t !== item.title) changes.title = t;
  if (tags.length !== item.tags.length || tags.some((tag, i) => tag !== item.tags[i])) changes.tags = [...tags];
  return Object.keys(changes).length > 0 ? changes : null;
}

export function KnowledgeEditForm({
  item,
  onSave,
  onCancel,
}: {
  item: KnowledgeRow;
  onSave: (changes: UpdateKnowledgeBody | null) => void;
  onCancel: () => void;
}) {
  const [title, setTitle] = React.useState(item.title);
  const [tags, setTags] = React.useState<string[]>(item.tags);
  const [titleError, setTitleError] = React.useState<string | null>(null);
  const titleRef = React.useRef<HTMLInputElement>(null);
  const uid = React.useId();

  React.useEffect(() => {
    titleRef.current?.focus();
    titleRef.current?.select();
  }, []);

  const submit = (e: React.FormEvent) => {
    e.preventDefault();
    const t = title.trim();
    if (t.length === 0) return setTitleError("A title is required.");
    if (t.length > MAX_TITLE) return setTitleError(`At most ${MAX_TITLE} characters (now ${t.length}).`);
    onSave(knowledgeChanges(item, t, tags));
  };

  return (
    <form
      onSubmit={submit}
      className="grid gap-4 rounded-lg border bg-muted/30 p-4"
      aria-label="Edit title and tags"
      data-testid="knowledge-edit-form"
    >
      <div className="grid gap-1.5">
        <Label htmlFor={`${uid}-title`}>Title</Label>
        <Input
          ref={titleRef}
          id={`${uid}-title`}
          value={title}
          maxLength={MAX_TITLE + 50}
          aria-invalid={titleError ? true : undefined}
          aria-describedby={titleError ? `${uid}-title-error` : undefined}
          onChange={(e) => {
            setTitle(e.target.value);
            setTitleError(null);
          }}
        />
        {titleError ? (
          <p id={`${uid}-title-error`} role="alert" className="text-xs text-destructive">
            {titleError}
          </p>
        ) : null}
      </div>
      <div className="grid gap-1.5">
        <Label htmlFor={`${uid}-tags`}>Tags</Label>
        <TagEditor id={`${uid}-tags`} value={tags} onChange={setTags} describedBy={`${uid}-tags-hint`} />
        <p id={`${uid}-tags-hint`} className="text-xs text-muted-foreground">
          Press Enter or type a comma to add a tag; Backspace in the empty field removes the last one.
        </p>
      </div>
      <div className="flex justify-end gap-2">
        <Button type="button" variant="ghost" size="sm" onClick={onCancel}>
          Cancel
        </Button>
        <Button type="submit" size="sm" data-testid="knowledge-save">
          <Check aria-hidden="true" />
          Save
        </Button>
      </div>
    </form>
  );
}
