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

/** Comments, doctypes, processing instructions and tags (attribute values may contain `>`). */
const TOKEN = /<!--[\s\S]*?(?:-->|$)|<![^>]*>?|<\?[^>]*>?|<(\/?)([a-zA-Z][a-zA-Z0-9:-]*)((?:[^>"']|"[^"]*"|'[^']*')*)>/g;

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
  TOKEN.lastIndex = 0;
  for (let match = TOKEN.exec(html); match; match = TOKEN.exec(html)) {
    pushText(html.slice(last, match.index));
    last = TOKEN.lastIndex;
    const name = match[2]?.toLowerCase();
    if (!name) continue; // comment, doctype or processing instruction
    const closing = match[1] === "/";
    const selfClosing = /\/\s*$/.test(match[3] ?? "");
    const end = SKIPPED.get(name);
    if (end && !closing && !selfClosing) {
      end.lastIndex = last;
      const found = end.exec(html);
      last = found ? found.index + found[0].length : html.length;
      TOKEN.lastIndex = last;
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
    .replace(/[ \t]*([\n\u2029][ \t\n\u2029]*)/g, (run: string) => (run.includes(PARAGRAPH) ? "\n\n" : "\n"))
    .replace(/[ \t]{2,}/g, " ")
    .trim();
}
