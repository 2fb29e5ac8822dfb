// extractEntities: people, organisations and places named in a text (compromise plus our own heuristics).
import nlp from "compromise";
import { findOrganizations, type Span } from "./organization-heuristics";
import { ENGLISH_STOPWORDS } from "./stopwords";
import type { ExtractedEntity, EntityType } from "./types";

export interface ExtractEntitiesOptions {
  /** Only the first `maxChars` characters are read (compromise tags roughly 20-50 ms per 1,000 characters). */
  maxChars?: number;
  /** At most this many entities are returned. */
  limit?: number;
}

export const DEFAULT_ENTITY_MAX_CHARS = 50_000;
export const DEFAULT_ENTITY_LIMIT = 50;
/** Text is tagged in pieces of about this size (some 50-100 ms each), so the async variant can yield between them. */
const CHUNK_CHARS = 2_000;

/** Entities in order of first appearance, deduplicated case-insensitively (first spelling kept). */
export function extractEntities(text: string, options: ExtractEntitiesOptions = {}): ExtractedEntity[] {
  const { maxChars, limit } = withDefaults(options);
  const found: Candidate[] = [];
  for (const chunk of chunksOf(text.slice(0, maxChars))) found.push(...candidatesIn(chunk.text, chunk.offset));
  return finish(found, limit);
}

/** The same, yielding to the event loop between pieces so a long text does not stall other work. */
export async function extractEntitiesAsync(
  text: string,
  options: ExtractEntitiesOptions & { signal?: AbortSignal } = {},
): Promise<ExtractedEntity[]> {
  const { maxChars, limit } = withDefaults(options);
  const found: Candidate[] = [];
  for (const chunk of chunksOf(text.slice(0, maxChars))) {
    options.signal?.throwIfAborted();
    found.push(...candidatesIn(chunk.text, chunk.offset));
    await new Promise<void>((resolve) => setImmediate(resolve));
  }
  options.signal?.throwIfAborted();
  return finish(found, limit);
}

interface Candidate extends Span {
  type: EntityType;
  /** The name as it will be reported. */
  name: string;
}

interface CompromiseMatch {
  text: string;
  offset: { start: number; length: number };
}

interface CompromiseTerm {
  text: string;
  offset: { start: number; length: number };
  terms: { tags: string[] }[];
}

const NOT_A_NAME_START = ["Date", "Verb", "Adverb", "Pronoun", "Preposition", "Determiner", "Conjunction", "Value", "QuestionWord"];

function withDefaults(options: ExtractEntitiesOptions): Required<ExtractEntitiesOptions> {
  const { maxChars = DEFAULT_ENTITY_MAX_CHARS, limit = DEFAULT_ENTITY_LIMIT } = options;
  if (!(maxChars > 0) || !(limit >= 0)) throw new RangeError("extractEntities: maxChars must be positive and limit not negative");
  return { maxChars, limit };
}

function candidatesIn(text: string, offset: number): Candidate[] {
  const doc = nlp(text);
  const terms = (doc.terms().json({ offset: true }) as CompromiseTerm[]).map((t) => ({
    start: t.offset.start,
    end: t.offset.start + t.offset.length,
    text: t.text,
    tags: t.terms[0]?.tags ?? [],
  }));
  const out: Candidate[] = [];
  const add = (type: EntityType, span: Span) => {
    const name = cleanName(span.text, type);
    if (name) out.push({ ...span, start: span.start + offset, end: span.end + offset, type, name });
  };
  const matches = (view: { json: (o: object) => unknown }) => view.json({ offset: true }) as CompromiseMatch[];
  for (const m of matches(doc.people())) add("person", withPossessiveSurname(text, spanOf(m), terms));
  for (const m of matches(doc.organizations())) add("organization", spanOf(m));
  for (const m of matches(doc.places())) {
    // compromise reads "Tokyo, Japan" as one place: report each part.
    let start = m.offset.start;
    for (const part of m.text.split(",")) {
      add("place", { text: part, start, end: start + part.length });
      start += part.length + 1;
    }
  }
  const tagsAt = new Map(terms.map((t) => [t.start, t.tags]));
  const noise = (token: { start: number }) => {
    const tags = tagsAt.get(token.start) ?? [];
    return !tags.includes("ProperNoun") && tags.some((tag) => NOT_A_NAME_START.includes(tag));
  };
  for (const span of findOrganizations(text, noise)) add("organization", span);
  return out;
}

interface TaggedTerm {
  start: number;
  end: number;
  text: string;
  tags: string[];
}

/** compromise leaves a possessive surname out ("Marie Curie's lab" -> "Marie"): take it back in. */
function withPossessiveSurname(text: string, span: Span, terms: TaggedTerm[]): Span {
  const index = terms.findIndex((t) => t.start < span.end && span.end <= t.end);
  const last = terms[index];
  const next = terms[index + 1];
  if (!last || !next || !last.tags.includes("FirstName") || !/^ $/.test(text.slice(span.end, next.start))) return span;
  if (!/^\p{Lu}\p{L}*['\u2019]s?\b/u.test(next.text) || !next.tags.includes("Possessive")) return span;
  return { text: text.slice(span.start, next.end), start: span.start, end: next.end };
}

function spanOf(m: CompromiseMatch): Span {
  return { text: m.text, start: m.offset.start, end: m.offset.start + m.offset.length };
}

/** Overlaps go to the longer name (then the earlier one); then order, dedupe and cap. */
function finish(candidates: Candidate[], limit: number): ExtractedEntity[] {
  const ranked = candidates
    .map((c, order) => ({ ...c, order }))
    .sort((a, b) => b.name.length - a.name.length || a.start - b.start || a.order - b.order);
  const kept: typeof ranked = [];
  for (const c of ranked) if (!kept.some((k) => c.start < k.end && k.start < c.end)) kept.push(c);
  kept.sort((a, b) => a.start - b.start || a.order - b.order);
  const seen = new Set<string>();
  const entities: ExtractedEntity[] = [];
  for (const c of kept) {
    const key = c.name.toLowerCase().replace(/\u2019/g, "'").replace(/\./g, "").replace(/\s+/g, " ");
    if (seen.has(key)) continue;
    seen.add(key);
    entities.push({ text: c.name, type: c.type });
    if (entities.length >= limit) break;
  }
  return entities;
}

const HONORIFICS = /^(?:(?:mr|mrs|ms|mx|dr|prof|professor)\.?\s+)+/i;
/** Abbreviations whose final period belongs to the name ("Globex Inc."). */
const KEEPS_PERIOD = /(?:^|\s)(?:Inc|Corp|Ltd|Co|Jr|Sr|St|Bros|(?:\p{L}\.)*\p{L})\.$/u;

/** "Acme Corp's office," -> "Acme Corp"; "Dr. John Smith" -> "John Smith"; "" when nothing name-like is left. */
export function cleanName(raw: string, type: EntityType): string {
  let name = raw.replace(/\s+/g, " ").trim();
  name = name.replace(/['\u2019]s?(?=\s+\p{Ll})[\s\S]*$/u, ""); // cut at a possessive followed by common words
  for (let previous = ""; previous !== name; ) {
    previous = name;
    name = name
      .replace(/^[\s"'\u2018\u201c([{\-\u2013\u2014]+/, "")
      .replace(/[\s,;:!?"\u201d)\]}\-\u2013\u2014]+$/, "")
      .replace(/['\u2019]s$|(?<=s)['\u2019]$/, "")
      .replace(/^(?:the|a|an)\s+/i, "");
    if (name.endsWith(".") && !KEEPS_PERIOD.test(name)) name = name.slice(0, -1);
    if (type === "person") name = name.replace(HONORIFICS, "");
  }
  if (!/\p{L}/u.test(name) || name.length < 2 || ENGLISH_STOPWORDS.has(name.toLowerCase())) return "";
  return name;
}

/** Pieces of at most CHUNK_CHARS, cut after a paragraph or sentence end where possible. */
function chunksOf(text: string): { text: string; offset: number }[] {
  const chunks: { text: string; offset: number }[] = [];
  for (let offset = 0; offset < text.length; ) {
    let end = Math.min(text.length, offset + CHUNK_CHARS);
    if (end < text.length) {
      const window = text.slice(offset, end);
      const cut = Math.max(window.lastIndexOf("\n"), lastSentenceEnd(window));
      if (cut > CHUNK_CHARS / 2) end = offset + cut + 1;
    }
    chunks.push({ text: text.slice(offset, end), offset });
    offset = end;
  }
  return chunks;
}

function lastSentenceEnd(text: string): number {
  let last = -1;
  for (const m of text.matchAll(/[.!?]\s/g)) last = m.index + 1;
  return last;
}
