// HTML -> plain text: drops script/style/head, turns block elements into line breaks, decodes entities.
import { decodeEntities } from "./html-entities";

/** Elements whose whole content is dropped, with what ends them. */
const SKIPPED: ReadonlyMap<string, RegExp> = new Map([
  ["script", /<\/script\s*>/gi],
  ["style", /<\/style\s*>/gi],
  ["noscript", /<\/noscript\s*>/gi],
  ["template", /<\/template\s*>/gi],
  // `</head>` is optional in HTML: the body's start also ends it.
  ["head", /<\/head\s*>|(?=<body[\s>/])/gi],
]);

/** Elements that start and end a paragraph (a blank line) or a line. */
const PARAGRAPHS = new Set(
  "address article aside blockquote details dialog dl fieldset figure footer form h1 h2 h3 h4 h5 h6 header hgroup hr main nav ol p pre section table ul".split(" "),
);
const LINES = new Set("body br caption dd div dt figcaption html legend li option summary tbody thead tfoot title tr".split(" "));
/** Stands for a paragraph break until breaks are collapsed (text cannot contain it: whitespace is collapsed first). */
const PARAGRAPH = "\u2029";
const CELLS = new Set(["td", "th"]);

/** Converts an HTML document or fragment to text, one line per block, paragraphs kept apart. */
export function htmlToText(html: string): string {
  const out: string[] = [];
  let preDepth = 0;
  let last = 0;
  const pushText = (raw: string) => {
    if (raw === "") return;
    const text = preDepth > 0 ? raw : raw.replace(/[\s\u00a0]+/g, " ");
    out.push(decodeEntities(text).replace(/\u00a0/g, " "));
  };
  for (let tag = nextTag(html, 0); tag; tag = nextTag(html, last)) {
    pushText(html.slice(last, tag.start));
    last = tag.end;
    const { name, closing, selfClosing } = tag;
    if (!name) continue; // comment, doctype or processing instruction
    const end = SKIPPED.get(name);
    if (end && !closing && !selfClosing) {
      end.lastIndex = last;
      const found = end.exec(html);
      last = found ? found.index + found[0].length : html.length;
      continue;
    }
    if (name === "pre") preDepth = Math.max(0, preDepth + (closing ? -1 : selfClosing ? 0 : 1));
    if (CELLS.has(name)) out.push(" ");
    else if (PARAGRAPHS.has(name)) out.push(PARAGRAPH);
    else if (LINES.has(name)) out.push("\n");
  }
  pushText(html.slice(last));
  return out
    .join("")
    .replace(/(?<![ \t])[ \t]*[\n\u2029][ \t\n\u2029]*/g, (run: string) => (run.includes(PARAGRAPH) ? "\n\n" : "\n"))
    .replace(/[ \t]{2,}/g, " ")
    .trim();
}

interface Tag {
  start: number;
  end: number;
  /** Lower-cased element name; "" for comments, doctypes and processing instructions. */
  name: string;
  closing: boolean;
  selfClosing: boolean;
}

const TAG_NAME = /\/?[a-zA-Z][a-zA-Z0-9:-]*/y;

/**
 * The next markup from `from`, scanning every character once (a regex over attributes would go
 * quadratic on text like "<a <a <a"). A `<` not followed by a name is text. Markup left open at
 * the end of the document swallows the rest, as in browsers.
 */
function nextTag(html: string, from: number): Tag | null {
  for (let lt = html.indexOf("<", from); lt !== -1; lt = html.indexOf("<", lt + 1)) {
    if (html.startsWith("<!--", lt)) {
      const close = html.indexOf("-->", lt + 4);
      return markup(lt, close === -1 ? html.length : close + 3);
    }
    if (html[lt + 1] === "!" || html[lt + 1] === "?") {
      const close = html.indexOf(">", lt + 2);
      return markup(lt, close === -1 ? html.length : close + 1);
    }
    TAG_NAME.lastIndex = lt + 1;
    const name = TAG_NAME.exec(html)?.[0];
    if (!name) continue;
    // Attributes: a quote opens a value only right after `=`.
    let quote = "";
    let afterEquals = false;
    let i = lt + 1 + name.length;
    for (; i < html.length; i++) {
      const ch = html[i]!;
      if (quote) {
        if (ch === quote) quote = "";
      } else if (ch === ">") break;
      else if (ch === "=") afterEquals = true;
      else if (afterEquals && (ch === '"' || ch === "'")) quote = ch;
      else if (!/\s/.test(ch)) afterEquals = false;
    }
    if (i >= html.length) return markup(lt, html.length);
    const closing = name.startsWith("/");
    return { start: lt, end: i + 1, name: (closing ? name.slice(1) : name).toLowerCase(), closing, selfClosing: html[i - 1] === "/" };
  }
  return null;
}

function markup(start: number, end: number): Tag {
  return { start, end, name: "", closing: false, selfClosing: false };
}
