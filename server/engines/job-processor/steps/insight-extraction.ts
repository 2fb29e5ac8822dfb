// extractInsights: plain facts about a text (size, reading time, language, top terms, what it mentions).
import { guessLanguage, markerWords } from "./language-guess";
import { splitSentences } from "./sentences";
import { ENGLISH_STOPWORDS } from "./stopwords";
import { contentTerms, words } from "./terms";

export const WORDS_PER_MINUTE = 200;
const TOP_TERMS = 5;

/**
 * Short sentences about the text, in this order: size ("1,234 words, 56 sentences, 7,890
 * characters"), reading time, language guess, top terms, then counts of links, email addresses,
 * dates and numbers when there are any. An empty text has no insights.
 */
export function extractInsights(text: string): string[] {
  if (text.trim() === "") return [];
  const wordCount = words(text).length;
  const insights = [
    `${count(wordCount, "word")}, ${count(splitSentences(text).length, "sentence")}, ${count(codePoints(text), "character")}`,
    readingTime(wordCount),
  ];
  const { language } = guessLanguage(text);
  insights.push(language ? `Language: ${language} (likely)` : "Language: unknown");
  const stopwords = language && language !== "English" ? new Set([...ENGLISH_STOPWORDS, ...markerWords(language)]) : ENGLISH_STOPWORDS;
  const top = topTerms(contentTerms(text, { stopwords, minLength: 3 }), TOP_TERMS);
  if (top.length > 0) insights.push(`Top terms: ${top.map(([term, n]) => `${term} (${format(n)})`).join(", ")}`);
  const mentions = countMentions(text);
  if (mentions.links > 0) insights.push(`Links: ${format(mentions.links)}`);
  if (mentions.emails > 0) insights.push(`Email addresses: ${format(mentions.emails)}`);
  if (mentions.dates > 0) insights.push(`Dates: ${format(mentions.dates)}`);
  if (mentions.numbers > 0) insights.push(`Numbers: ${format(mentions.numbers)}`);
  return insights;
}

// Repetitions are bounded (RFC lengths for addresses) so that no input makes a pattern quadratic.
const URL_PATTERN = /\b(?:https?:\/\/|www\.)[^\s<>"']{0,2000}[^\s<>"'.,;:!?)\]]/gi;
const EMAIL_PATTERN = /(?<![\p{L}\p{N}._%+-])[\p{L}\p{N}._%+-]{1,64}@[\p{L}\p{N}-]{1,63}(?:\.[\p{L}\p{N}-]{1,63}){0,8}\.\p{L}{2,24}(?![\p{L}\p{N}])/gu;
const MONTH = "(?:Jan(?:uary)?|Feb(?:ruary)?|Mar(?:ch)?|Apr(?:il)?|May|June?|July?|Aug(?:ust)?|Sep(?:t(?:ember)?)?|Oct(?:ober)?|Nov(?:ember)?|Dec(?:ember)?)\\.?";
const DAY = "\\d{1,2}(?:st|nd|rd|th)?";
const DATE_PATTERN = new RegExp(
  [
    "\\b\\d{4}-\\d{2}-\\d{2}(?:[T ]\\d{2}:\\d{2}(?::\\d{2}(?:\\.\\d+)?)?(?:Z|[+-]\\d{2}:?\\d{2})?)?(?!\\d)",
    "\\b\\d{4}/\\d{1,2}/\\d{1,2}\\b",
    "\\b\\d{1,2}[/.]\\d{1,2}[/.](?:\\d{4}|\\d{2})\\b",
    `\\b${MONTH}\\s+${DAY}(?:,?\\s+\\d{4})?\\b`,
    `\\b${DAY}\\s+(?:of\\s+)?${MONTH}(?:,?\\s+\\d{4})?\\b`,
    `\\b${MONTH}\\s+\\d{4}\\b`,
  ].join("|"),
  "g",
);
const NUMBER_PATTERN = /(?<![\p{L}\p{N}_.,])[-+]?(?:\d{1,3}(?:,\d{3})+|\d+)(?:\.\d+)?%?(?![\p{L}\p{N}_]|[.,]\d)/gu;

/** Links, then email addresses, then dates, then the numbers left over (a date's digits are not numbers too). */
export function countMentions(text: string): { links: number; emails: number; dates: number; numbers: number } {
  let rest = text;
  const take = (pattern: RegExp) => {
    let n = 0;
    rest = rest.replace(pattern, () => {
      n++;
      return " ";
    });
    return n;
  };
  const links = take(URL_PATTERN);
  const emails = take(EMAIL_PATTERN);
  const dates = take(DATE_PATTERN);
  const numbers = take(NUMBER_PATTERN);
  return { links, emails, dates, numbers };
}

function readingTime(wordCount: number): string {
  const minutes = Math.round(wordCount / WORDS_PER_MINUTE);
  return minutes < 1 ? "Reading time: under a minute" : `Reading time: about ${count(minutes, "minute")}`;
}

/** Most frequent first; equal counts keep the order of first appearance. */
function topTerms(terms: string[], n: number): [string, number][] {
  const counts = new Map<string, number>();
  for (const t of terms) counts.set(t, (counts.get(t) ?? 0) + 1);
  return [...counts].sort((a, b) => b[1] - a[1]).slice(0, n);
}

function count(n: number, noun: string): string {
  return `${format(n)} ${noun}${n === 1 ? "" : "s"}`;
}

function format(n: number): string {
  return n.toLocaleString("en-US");
}

function codePoints(text: string): number {
  let n = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c < 0xdc00 || c > 0xdfff) n++; // low surrogates continue the previous character
  }
  return n;
}
