// Shared shapes of the processing steps: entities and the job result they add up to (jobResultSchema).
import type { JobResult } from "@/lib/protocol/entities/jobs";

export type EntityType = "person" | "organization" | "place";

export interface ExtractedEntity {
  text: string;
  type: EntityType;
}

/** What the steps produce for a completed job; assignable to the protocol's JobResult. */
export interface ProcessingResult {
  extracted_text: string;
  summary: string;
  entities: ExtractedEntity[];
  insights: string[];
}

/** Compile-time check that ProcessingResult stays a valid JobResult. */
type Assert<T extends true> = T;
export type _ProcessingResultIsJobResult = Assert<ProcessingResult extends JobResult ? true : false>;
