// KnowledgeSnippet: a search hit's passage with its matches highlighted, parsed from the server's `<mark>` markup (never injected as HTML).
import { cn } from "@/lib/utils";

export interface SnippetPart {
  text: string;
  hit: boolean;
}

/**
 * The parts of a snippet: the server HTML-escapes the text and wraps each hit in `<mark>…</mark>`.
 * Only those two tags are read; everything else is text (entities decoded), so no markup of the
 * document's own can reach the page.
 */
export function parseSnippet(snippet: string): SnippetPart[] {
  const parts: SnippetPart[] = [];
  let hit = false;
  for (const piece of snippet.split(/(<\/?mark>)/i)) {
    const tag = piece.toLowerCase();
    if (tag === "<mark>") {
      hit = true;
      continue;
    }
    if (tag === "</mark>") {
      hit = false;
      continue;
    }
    if (piece === "") continue;
    const text = decodeEntities(piece);
    const last = parts[parts.length - 1];
    if (last && last.hit === hit) last.text += text;
    else parts.push({ text, hit });
  }
  return parts;
}

export function KnowledgeSnippet({ snippet, className }: { snippet: string; className?: string }) {
  return (
    <p className={cn("line-clamp-3 text-sm text-muted-foreground", className)} data-testid="knowledge-snippet">
      {parseSnippet(snippet).map((part, i) =>
        part.hit ? (
          <mark key={i} className="rounded-sm bg-yellow-200 px-0.5 text-foreground dark:bg-yellow-400/30">
            {part.text}
          </mark>
        ) : (
          <span key={i}>{part.text}</span>
        ),
      )}
    </p>
  );
}

const NAMED: Record<string, string> = { amp: "&", lt: "<", gt: ">", quot: '"', apos: "'", nbsp: "\u00a0" };

/** Decodes the entities an HTML escaper produces (named, decimal, hex); unknown ones stay as they are. */
function decodeEntities(text: string): string {
  return text.replace(/&(#x[0-9a-f]+|#[0-9]+|[a-z]+);/gi, (whole, body: string) => {
    if (body[0] === "#") {
      const code = body[1] === "x" || body[1] === "X" ? Number.parseInt(body.slice(2), 16) : Number.parseInt(body.slice(1), 10);
      return Number.isFinite(code) && code > 0 && code <= 0x10ffff ? String.fromCodePoint(code) : whole;
    }
    return NAMED[body.toLowerCase()] ?? whole;
  });
}
