// summarize: an extractive summary, the highest-scoring sentences by term frequency, in original order.
import { splitSentences } from "./sentences";
import { contentTerms } from "./terms";

export interface SummarizeOptions {
  /** The most sentences the summary may have (default 3); short texts get fewer. */
  maxSentences?: number;
}

export const DEFAULT_SUMMARY_SENTENCES = 3;

/**
 * Scores every sentence by the sum, over its non-stopword terms, of the term's frequency in the
 * whole text divided by the highest frequency; keeps the best `min(maxSentences, ceil(count / 2))`
 * (ties go to the earlier sentence) and joins them in their original order. A text of at most
 * `maxSentences` sentences is returned whole, its whitespace collapsed.
 */
export function summarize(text: string, options: SummarizeOptions = {}): string {
  const { maxSentences = DEFAULT_SUMMARY_SENTENCES } = options;
  if (!Number.isInteger(maxSentences) || maxSentences < 1) {
    throw new RangeError(`summarize: maxSentences must be a positive integer, got ${maxSentences}`);
  }
  const sentences = splitSentences(text);
  if (sentences.length <= maxSentences) return sentences.join(" ");
  const keep = Math.min(maxSentences, Math.ceil(sentences.length / 2));
  const termsBySentence = sentences.map((s) => contentTerms(s));
  const frequency = new Map<string, number>();
  for (const terms of termsBySentence) for (const t of terms) frequency.set(t, (frequency.get(t) ?? 0) + 1);
  // Dividing every frequency by the highest one does not change the ranking, so rank on the integer
  // sums: exact, hence ties are real ties and the earlier sentence wins them.
  const scores = termsBySentence.map((terms) => terms.reduce((sum, t) => sum + (frequency.get(t) ?? 0), 0));
  return scores
    .map((score, index) => ({ score, index }))
    .sort((a, b) => b.score - a.score || a.index - b.index)
    .slice(0, keep)
    .sort((a, b) => a.index - b.index)
    .map(({ index }) => sentences[index])
    .join(" ");
}
