"use client";
// TagEditor: a list of tags to edit from the keyboard: type and press Enter or a comma to add (or paste "a, b"),
// a remove button per tag, Backspace in the empty field removes the last one; each tag is checked as the server checks it.
import * as React from "react";
import { X } from "lucide-react";

import { tagSchema } from "@/lib/api/knowledge";
import { cn } from "@/lib/utils";

export const MAX_TAGS = 30;

/** Adds the tags in `text` (comma-separated) to `tags`: the new list and the first problem, if any. */
export function addTags(tags: readonly string[], text: string, max = MAX_TAGS): { tags: string[]; error: string | null } {
  const next = [...tags];
  let error: string | null = null;
  for (const raw of text.split(",")) {
    if (raw.trim() === "") continue;
    const parsed = tagSchema.safeParse(raw);
    if (!parsed.success) {
      error ??= `“${raw.trim()}”: ${parsed.error.issues[0]?.message ?? "not a valid tag"}`;
      continue;
    }
    if (next.includes(parsed.data)) {
      error ??= `“${parsed.data}” is already there`;
      continue;
    }
    if (next.length >= max) {
      error ??= `At most ${max} tags`;
      break;
    }
    next.push(parsed.data);
  }
  return { tags: next, error };
}

export function TagEditor({
  id,
  value,
  onChange,
  disabled,
  describedBy,
  className,
}: {
  /** The text field's id (for its <label>). */
  id: string;
  value: readonly string[];
  onChange: (tags: string[]) => void;
  disabled?: boolean;
  /** Ids of elements describing the field (e.g. a hint). */
  describedBy?: string;
  className?: string;
}) {
  const [draft, setDraft] = React.useState("");
  const [error, setError] = React.useState<string | null>(null);
  const [announcement, setAnnouncement] = React.useState("");
  const inputRef = React.useRef<HTMLInputElement>(null);
  const errorId = `${id}-error`;

  const commit = (text: string) => {
    if (text.trim() === "") return true;
    const result = addTags(value, text);
    setError(result.error);
    const added = result.tags.slice(value.length);
    if (added.length > 0) {
      onChange(result.tags);
      setAnnouncement(`Added ${added.join(", ")}`);
    }
    return result.error === null;
  };

  const remove = (tag: string, index: number) => {
    onChange(value.filter((t) => t !== tag));
    setError(null);
    setAnnouncement(`Removed ${tag}`);
    // Keep the focus in the editor: the next tag's button, else the field.
    requestAnimationFrame(() => {
      const buttons = inputRef.current?.parentElement?.querySelectorAll<HTMLButtonElement>("button[data-remove-tag]");
      const next = buttons?.[Math.min(index, (buttons?.length ?? 1) - 1)];
      (next ?? inputRef.current)?.focus();
    });
  };

  return (
    <div className={cn("grid gap-1.5", className)}>
      <div
        className={cn(
          "flex min-h-9 flex-wrap items-center gap-1.5 rounded-md border border-input bg-transparent px-2 py-1.5 shadow-xs transition-[color,box-shadow] dark:bg-input/30",
          "focus-within:border-ring focus-within:ring-[3px] focus-within:ring-ring/50",
          error && "border-destructive",
          disabled && "opacity-50",
        )}
        onClick={(e) => {
          if (e.target === e.currentTarget) inputRef.current?.focus();
        }}
      >
        <ul className="contents" aria-label="Tags">
          {value.map((tag, i) => (
            <li key={tag} className="inline-flex items-center gap-0.5 rounded-md border bg-secondary py-0.5 pl-2 pr-0.5 text-xs font-medium text-secondary-foreground">
              {tag}
              <button
                type="button"
                data-remove-tag=""
                disabled={disabled}
                onClick={() => remove(tag, i)}
                className="rounded-sm p-0.5 text-muted-foreground outline-none hover:bg-accent hover:text-foreground focus-visible:ring-2 focus-visible:ring-ring"
                aria-label={`Remove tag ${tag}`}
              >
                <X className="size-3" aria-hidden="true" />
              </button>
            </li>
          ))}
        </ul>
        <input
          ref={inputRef}
          id={id}
          value={draft}
          disabled={disabled}
          autoComplete="off"
          placeholder={value.length === 0 ? "Add a tag…" : "Add another…"}
          aria-invalid={error ? true : undefined}
          aria-describedby={[describedBy, error ? errorId : null].filter(Boolean).join(" ") || undefined}
          className="h-6 min-w-24 flex-1 bg-transparent text-sm outline-none placeholder:text-muted-foreground"
          onChange={(e) => {
            const text = e.target.value;
            if (text.includes(",")) {
              // A comma ends a tag (typed or pasted); what follows the last comma stays in the field.
              const cut = text.lastIndexOf(",");
              commit(text.slice(0, cut));
              setDraft(text.slice(cut + 1).trimStart());
            } else {
              setDraft(text);
              if (error) setError(null);
            }
          }}
          onKeyDown={(e) => {
            if (e.key === "Enter") {
              e.preventDefault();
              if (commit(draft)) setDraft("");
            } else if (e.key === "Backspace" && draft === "" && value.length > 0) {
              e.preventDefault();
              remove(value[value.length - 1]!, value.length - 1);
            }
          }}
          onBlur={() => {
            if (draft.trim() !== "" && commit(draft)) setDraft("");
          }}
        />
      </div>
      {error ? (
        <p id={errorId} className="text-xs text-destructive" role="alert">
          {error}
        </p>
      ) : null}
      <span className="sr-only" aria-live="polite">
        {announcement}
      </span>
    </div>
  );
}
