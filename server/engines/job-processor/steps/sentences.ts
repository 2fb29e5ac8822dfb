// splitSentences: text -> sentences, aware of abbreviations, initials, decimals, ellipses and line breaks.
import { ENGLISH_STOPWORDS } from "./stopwords";

/** Abbreviations that never end a sentence: titles and Latin markers ("Dr. Smith", "e.g. Paris"). */
const NEVER_FINAL = new Set(
  "mr mrs ms mx dr prof st mt gen col lt sgt capt cmdr adm rev hon gov sen rep pres supt e.g i.e cf vs viz".split(" "),
);
/** Abbreviations that may end a sentence ("... of Acme Inc. The company ..."). */
const MAYBE_FINAL = new Set(
  "inc ltd co corp llc plc gmbh jr sr etc al dept univ est no nos vol pp fig figs eq approx ca jan feb mar apr jun jul aug sep sept oct nov dec ave blvd rd".split(" "),
);

/** A terminator, any closing quotes or brackets, then whitespace. */
const BOUNDARY = /(?<![.!?\u2026])([.!?\u2026]+)(["'\u2019\u201d)\]]*)(\s+)/g;

const NEXT_WORD = /\S{0,64}/y;

/** Splits text into sentences (whitespace inside each collapsed); fragments without letters or digits are dropped. */
export function splitSentences(text: string): string[] {
  const sentences: string[] = [];
  for (const chunk of chunks(text)) {
    let start = 0;
    BOUNDARY.lastIndex = 0;
    for (let m = BOUNDARY.exec(chunk); m; m = BOUNDARY.exec(chunk)) {
      const end = m.index + m[1]!.length + m[2]!.length;
      if (isBoundary(chunk, m.index, m[1]!, BOUNDARY.lastIndex)) {
        sentences.push(chunk.slice(start, end));
        start = BOUNDARY.lastIndex;
      }
    }
    sentences.push(chunk.slice(start));
  }
  return sentences.map((s) => s.replace(/\s+/g, " ").trim()).filter((s) => /[\p{L}\p{N}]/u.test(s));
}

/** Whether the terminator at `at` (the next word starting at `next`) ends a sentence. Looks at most 64 characters either side. */
function isBoundary(chunk: string, at: number, terminator: string, nextAt: number): boolean {
  NEXT_WORD.lastIndex = nextAt;
  const next = NEXT_WORD.exec(chunk)?.[0] ?? "";
  const first = next.replace(/^["'\u2018\u201c([]+/, "")[0] ?? "";
  if (first === "" || /\p{Ll}/u.test(first)) return false; // "e.g. this", "U.S. economy", "wait... what"
  if (terminator !== ".") return true; // !, ?, ellipses and runs like "?!"
  let from = at;
  while (from > 0 && at - from < 64 && !/\s/.test(chunk[from - 1]!)) from--;
  const word = chunk.slice(from, at).replace(/^["'\u2018\u201c([]+/, "").toLowerCase();
  if (NEVER_FINAL.has(word)) return false;
  const ambiguous = MAYBE_FINAL.has(word) || /^\p{L}$/u.test(word) || /^(?:\p{L}\.)+\p{L}$/u.test(word);
  if (!ambiguous) return true;
  // "U.S. The" and "Acme Inc. It" end a sentence; "U.S. Army" and "J. K. Rowling" do not.
  return ENGLISH_STOPWORDS.has(next.replace(/[^\p{L}'\u2019]/gu, "").toLowerCase());
}

/**
 * Paragraphs and lines -> chunks of running text. A line break ends a sentence (lists, headings,
 * CSV rows) unless the line plainly continues: it ends in a comma, hyphen or function word, or it
 * ends without punctuation and the next line starts in lower case (hard-wrapped prose).
 */
function chunks(text: string): string[] {
  const out: string[] = [];
  for (const paragraph of text.replace(/\r\n?/g, "\n").split(/\n[ \t]*\n/)) {
    let parts: string[] = [];
    for (const raw of paragraph.split("\n")) {
      const line = raw.trim();
      if (line === "") continue;
      if (parts.length > 0 && continues(parts[0]!, parts[parts.length - 1]!, line)) parts.push(line);
      else {
        if (parts.length > 0) out.push(parts.join(" "));
        parts = [line];
      }
    }
    if (parts.length > 0) out.push(parts.join(" "));
  }
  return out;
}

/** Words a sentence cannot end on: a line ending in one continues on the next. */
const DANGLING = new Set("a an the and or but nor of to in on at by for with from into onto as than that which who whose whom".split(" "));
const KEY_VALUE = /^[^\s:][^:]{0,60}:\s/;

/** Whether `next` continues the running text that started with `first` and so far ends with `last`. */
function continues(first: string, last: string, next: string): boolean {
  const tail = last.slice(-64); // a regex ending in $ scans its whole input
  if (/[,\-\u2013\u2014(&]$/.test(tail)) return true;
  if (/[.!?\u2026:;"'\u2019\u201d)\]]$/.test(tail)) return false;
  const lastWord = /(?<!\p{L})\p{L}+$/u.exec(tail)?.[0].toLowerCase() ?? "";
  if (DANGLING.has(lastWord) && !KEY_VALUE.test(first)) return true;
  return /^\p{Ll}/u.test(next) && !KEY_VALUE.test(next);
}
