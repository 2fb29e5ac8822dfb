// findOrganizations: organisation names compromise tends to miss, found by legal suffix or institution word.
import { ENGLISH_STOPWORDS } from "./stopwords";

export interface Span {
  text: string;
  start: number;
  end: number;
}

/** Legal-form suffixes that end a company name ("Bosch GmbH", "Acme Corp."). */
const SUFFIXES = new Set(
  "Inc Incorporated Corp Corporation Ltd Limited LLC LLP PLC Plc GmbH AG SA SE NV BV Co Company Group Holdings".split(" "),
);
/** Institution words that head or end a name ("Gates Foundation", "University of Paris"). */
const HEADS = new Set(
  ("University Institute Foundation College Academy Association Society Museum Hospital Council Ministry Agency " +
    "Commission Organization Organisation Laboratory Laboratories Federation Institution Bureau Authority Committee School")
    .split(" "),
);
/** Lower-case joiners allowed inside a name after an institution word ("Institute of Technology"), longest first. */
const CONNECTORS: readonly string[][] = [["of", "the"], ["for", "the"], ["de", "la"], ["of"], ["for"], ["and"], ["&"], ["de"], ["du"], ["des"], ["di"], ["del"]];

const TOKEN = /[\p{L}\p{N}&]+(?:['\u2019.-][\p{L}\p{N}]+)*/gu;
const MAX_WORDS_BEFORE = 5;

interface Token {
  word: string;
  start: number;
  end: number;
}

/**
 * Spans of organisation names: a capitalised run ending in a legal suffix, or a capitalised run
 * around an institution word, extended by `of`/`for`/`and` + capitalised words. `isLeadingNoise`
 * says whether a first word is not part of the name (sentence-initial dates, verbs, adverbs...);
 * stopwords are always dropped from the front. A name needs at least two words.
 */
export function findOrganizations(text: string, isLeadingNoise: (token: Token) => boolean = () => false): Span[] {
  const tokens: Token[] = [];
  for (const m of text.matchAll(TOKEN)) tokens.push({ word: m[0], start: m.index, end: m.index + m[0].length });
  const spans: Span[] = [];
  const adjacent = (a: Token, b: Token) => /^[ \t]+$/.test(text.slice(a.end, b.start));
  const capitalised = (t: Token) => /^[\p{Lu}\p{N}&]/u.test(t.word) && !/^\p{N}+$/u.test(t.word);
  for (let i = 0; i < tokens.length; i++) {
    const token = tokens[i]!;
    const bare = token.word.replace(/['\u2019]s$/, "");
    const suffix = SUFFIXES.has(bare);
    const head = HEADS.has(bare);
    if (!suffix && !head) continue;
    let first = i;
    while (first > 0 && i - first < MAX_WORDS_BEFORE) {
      const prev = tokens[first - 1]!;
      if (!adjacent(prev, tokens[first]!) || !capitalised(prev) || /['\u2019]s$/.test(prev.word)) break;
      first--;
    }
    let last = i;
    if (head && bare === token.word) {
      // "Institute of Technology", "University of Science and Technology"; not "... and the Gates Foundation".
      for (let j = i + 1; ; ) {
        const joined = connectorLength(tokens, j, adjacent);
        const k = j + joined;
        if (joined === 0 || k >= tokens.length || !capitalised(tokens[k]!) || !adjacent(tokens[k - 1]!, tokens[k]!)) break;
        let runEnd = k;
        while (runEnd + 1 < tokens.length && capitalised(tokens[runEnd + 1]!) && adjacent(tokens[runEnd]!, tokens[runEnd + 1]!)) runEnd++;
        const and = tokens[j]!.word === "and" || tokens[j]!.word === "&";
        if (and && tokens.slice(k, runEnd + 1).some((t) => SUFFIXES.has(t.word) || HEADS.has(t.word))) break; // a second name
        last = runEnd;
        j = runEnd + 1;
      }
    }
    while (first < i && (ENGLISH_STOPWORDS.has(tokens[first]!.word.toLowerCase()) || isLeadingNoise(tokens[first]!))) first++;
    if (last === first) continue;
    const start = tokens[first]!.start;
    const end = last === i ? token.start + bare.length : tokens[last]!.end;
    spans.push({ text: text.slice(start, end), start, end });
    i = Math.max(i, last);
  }
  return spans;
}

/** How many tokens from `at` form a connector (0 when none does). */
function connectorLength(tokens: Token[], at: number, adjacent: (a: Token, b: Token) => boolean): number {
  for (const words of CONNECTORS) {
    const fits = words.every((w, n) => {
      const t = tokens[at + n];
      return t !== undefined && t.word === w && adjacent(tokens[at + n - 1]!, t);
    });
    if (fits) return words.length;
  }
  return 0;
}
