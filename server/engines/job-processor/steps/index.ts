// The job processor's steps: extract text, summarise, find entities, list insights.
export {
  extractText,
  DEFAULT_MAX_CHARS,
  EMPTY_MESSAGE,
  type ExtractTextInput,
  type ExtractTextOptions,
  type ExtractedText,
} from "./text-extraction";
export { jobTypeFor, formatFor, SUPPORTED_EXTENSIONS, DOCUMENT_FORMATS, type DocumentFormat, type JobType } from "./formats";
export { ProcessingError, isProcessingError, PROCESSING_ERROR_CODES, type ProcessingErrorCode } from "./processing-error";
export { NO_TEXT_LAYER_MESSAGE } from "./pdf-to-text";
export { summarize, DEFAULT_SUMMARY_SENTENCES, type SummarizeOptions } from "./summarization";
export {
  extractEntities,
  extractEntitiesAsync,
  DEFAULT_ENTITY_LIMIT,
  DEFAULT_ENTITY_MAX_CHARS,
  type ExtractEntitiesOptions,
} from "./entity-extraction";
export { extractInsights } from "./insight-extraction";
export { splitSentences } from "./sentences";
export { guessLanguage, type Language, type LanguageGuess } from "./language-guess";
export type { EntityType, ExtractedEntity, ProcessingResult } from "./types";
