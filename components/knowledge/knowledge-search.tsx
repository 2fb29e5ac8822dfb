"use client";
// KnowledgeSearch: the search field; what is typed reaches the URL (`?q=`) after a pause, at once on Enter, and Escape clears it.
import * as React from "react";
import { LoaderCircle, Search, X } from "lucide-react";

import { Input } from "@/components/ui/input";
import { cn } from "@/lib/utils";

export const SEARCH_DEBOUNCE_MS = 300;

export function KnowledgeSearch({
  value,
  onSearch,
  busy,
  className,
}: {
  /** The search in the URL. */
  value: string;
  onSearch: (q: string) => void;
  /** Results for it are loading. */
  busy?: boolean;
  className?: string;
}) {
  const [text, setText] = React.useState(value);
  const sent = React.useRef(value);

  // The URL changed by other means (clear button, back): show it.
  React.useEffect(() => {
    if (value.trim() === sent.current.trim()) return;
    sent.current = value;
    setText(value);
  }, [value]);

  const send = React.useCallback(
    (q: string) => {
      if (q.trim() === sent.current.trim()) return;
      sent.current = q;
      onSearch(q.trim());
    },
    [onSearch],
  );

  React.useEffect(() => {
    const timer = window.setTimeout(() => send(text), SEARCH_DEBOUNCE_MS);
    return () => window.clearTimeout(timer);
  }, [text, send]);

  return (
    <div className={cn("relative", className)} role="search">
      <label htmlFor="knowledge-search" className="sr-only">
        Search knowledge
      </label>
      <Search className="pointer-events-none absolute left-3 top-1/2 size-4 -translate-y-1/2 text-muted-foreground" aria-hidden="true" />
      <Input
        id="knowledge-search"
        type="search"
        value={text}
        placeholder="Search titles and content…"
        autoComplete="off"
        spellCheck={false}
        className="pl-9 pr-16 [&::-webkit-search-cancel-button]:hidden"
        data-testid="knowledge-search"
        onChange={(e) => setText(e.target.value)}
        onKeyDown={(e) => {
          if (e.key === "Enter") {
            e.preventDefault();
            send(text);
          } else if (e.key === "Escape" && text !== "") {
            e.preventDefault();
            setText("");
            send("");
          }
        }}
      />
      <div className="absolute right-1.5 top-1/2 flex -translate-y-1/2 items-center gap-1">
        {busy ? <LoaderCircle className="size-4 text-muted-foreground motion-safe:animate-spin" aria-hidden="true" /> : null}
        {text !== "" ? (
          <button
            type="button"
            onClick={() => {
              setText("");
              send("");
            }}
            className="rounded-sm p-1 text-muted-foreground outline-none hover:text-foreground focus-visible:ring-[3px] focus-visible:ring-ring/50"
            aria-label="Clear search"
          >
            <X className="size-4" aria-hidden="true" />
          </button>
        ) : null}
      </div>
    </div>
  );
}
