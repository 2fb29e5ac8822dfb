// Word tokens: the words of a text and the lower-cased content terms used for scoring and counting.
import { ENGLISH_STOPWORDS } from "./stopwords";

/** Letters or digits, with inner apostrophes, periods, hyphens or digit-group commas ("don't", "3.5", "e-mail", "1,234"). */
const WORD = /[\p{L}\p{N}]+(?:(?:['\u2019.-]|(?<=\p{N}),(?=\p{N}))[\p{L}\p{N}]+)*/gu;

/** Every word of the text, as written. */
export function words(text: string): string[] {
  return text.match(WORD) ?? [];
}

/**
 * Lower-cased content terms: words split at hyphens and dots, possessive 's dropped, without
 * stopwords (English unless another set is given), pure numbers and words shorter than `minLength`.
 */
export function contentTerms(text: string, options: { stopwords?: ReadonlySet<string>; minLength?: number } = {}): string[] {
  const { stopwords = ENGLISH_STOPWORDS, minLength = 2 } = options;
  const terms: string[] = [];
  for (const word of words(text)) {
    for (const part of word.toLowerCase().replace(/\u2019/g, "'").split(/[.,-]/)) {
      const term = part.replace(/'s$/, "");
      if (term.length < minLength || /^\p{N}+$/u.test(term) || stopwords.has(term) || stopwords.has(part)) continue;
      terms.push(term);
    }
  }
  return terms;
}
