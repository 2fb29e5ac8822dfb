// guessLanguage: which of seven European languages a text is in, by overlap with each one's commonest words.
export const LANGUAGES = ["English", "French", "German", "Spanish", "Italian", "Portuguese", "Dutch"] as const;
export type Language = (typeof LANGUAGES)[number];

/** The most frequent function words of each language (words shared by several count for each). */
const MARKERS: Readonly<Record<Language, ReadonlySet<string>>> = {
  English: set("the of and to in is that it was for on are with as be at by this have from or had not but what all were when we there can an which their said if will would each about how up out them she many some so these has its him into than who been more could"),
  French: set("le la les de des du un une et est en que qui dans pour pas sur au aux avec ce cette il elle ils nous vous sont par plus ne se ses son sa leur mais ou où été être avait comme tout fait aussi très"),
  German: set("der die das und ist nicht ein eine einen dem den des zu mit sich auf für von im auch es ich sie wir er als wird sind bei aus nach wie noch oder aber hat wurde werden dass einer über nur vor"),
  Spanish: set("el la los las de del que y en un una es por con para no se su sus al lo como más pero fue son está este esta ha muy también sobre entre cuando sin hay ser todo donde"),
  Italian: set("il lo la gli le di del della dei che e è un una per con non si sono nel nella da al alla anche come più ma questo questa ha essere stato molto tutto quando dove gli"),
  Portuguese: set("o a os as de do da dos das que e é um uma em no na por para com não se seu sua ao mais como mas foi são está este esta também muito quando onde ser tem"),
  Dutch: set("de het een en van is dat die in te niet op met zijn voor er aan ook als bij door maar om dan nog wel naar uit over wordt werd hij zij wij ik heeft hebben deze"),
};

export interface LanguageGuess {
  language: Language | null;
  /** Share of the text's words that are markers of the chosen language (0 when unknown). */
  score: number;
}

/** Fewest words to guess from, smallest marker share, and how far ahead of the runner-up to be. */
const MIN_WORDS = 5;
const MIN_SHARE = 0.1;
const MIN_LEAD = 1.2;

/** The language whose marker words cover most of the text, or null when the evidence is thin or close. */
export function guessLanguage(text: string): LanguageGuess {
  const words = text.toLowerCase().match(/\p{L}+/gu) ?? []; // elisions split: "l'homme" -> l, homme
  if (words.length < MIN_WORDS) return { language: null, score: 0 };
  const ranked = LANGUAGES.map((language) => {
    const markers = MARKERS[language];
    let hits = 0;
    for (const w of words) if (markers.has(w)) hits++;
    return { language, share: hits / words.length };
  }).sort((a, b) => b.share - a.share);
  const [best, second] = ranked;
  if (!best || best.share < MIN_SHARE || (second && best.share < second.share * MIN_LEAD)) return { language: null, score: 0 };
  return { language: best.language, score: best.share };
}

/** The marker words of a language, to leave out of its top terms. */
export function markerWords(language: Language): ReadonlySet<string> {
  return MARKERS[language];
}

function set(words: string): ReadonlySet<string> {
  return new Set(words.split(" "));
}
