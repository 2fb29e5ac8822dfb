// Processing jobs (topics `jobs`, `jobs:{job_id}`, `runs:{run_id}`): the Job entity and its events' data.
import { z } from "zod";
import { entityVersionSchema, isoDateTimeSchema, nonNegativeIntSchema, percentSchema, topicIdSchema } from "./common";

export const JOB_STATUSES = ["queued", "processing", "completed", "failed", "cancelled"] as const;
export const jobStatusSchema = z.enum(JOB_STATUSES);
export type JobStatus = z.infer<typeof jobStatusSchema>;

/** An entity found in a document, e.g. `{ text: "ACME Corp", type: "organization" }`. */
export const extractedEntitySchema = z.object({
  text: z.string(),
  type: z.string(),
});
export type ExtractedEntity = z.infer<typeof extractedEntitySchema>;

export const jobResultSchema = z.object({
  extracted_text: z.string().nullable(),
  summary: z.string().nullable(),
  entities: z.array(extractedEntitySchema),
  insights: z.array(z.string()),
});
export type JobResult = z.infer<typeof jobResultSchema>;

export const jobSchema = z.object({
  job_id: topicIdSchema,
  /** The batch run the job belongs to (topic `runs:{run_id}`); null for a job outside any run. */
  run_id: topicIdSchema.nullable(),
  type: z.string().min(1),
  filename: z.string().nullable(),
  status: jobStatusSchema,
  /** 0-100. */
  progress: percentSchema,
  current_step: z.string().nullable(),
  created_at: isoDateTimeSchema,
  started_at: isoDateTimeSchema.nullable(),
  estimated_completion: isoDateTimeSchema.nullable(),
  completed_at: isoDateTimeSchema.nullable(),
  failed_at: isoDateTimeSchema.nullable(),
  result: jobResultSchema.nullable(),
  error: z.string().nullable(),
  retry_count: nonNegativeIntSchema,
  can_retry: z.boolean(),
  client_mutation_id: z.string().min(1).max(128).nullable(),
  version: entityVersionSchema,
});
export type Job = z.infer<typeof jobSchema>;

/** `processing_job_created` and `processing_job_status`: the whole job, in any state. */
export const processingJobCreatedSchema = jobSchema;
export const processingJobStatusSchema = jobSchema;
/** Terminal events carry the job in the matching state. */
export const processingJobCompletedSchema = jobSchema.extend({ status: z.literal("completed") });
export const processingJobFailedSchema = jobSchema.extend({ status: z.literal("failed") });
export const processingJobCancelledSchema = jobSchema.extend({ status: z.literal("cancelled") });

/**
 * `processing_job_deleted` (an addition to PROTOCOL.md's catalog: deleting a job is a state change
 * that clients must see): the id and the version of the deletion (one above the last update).
 */
export const processingJobDeletedSchema = z.object({
  job_id: topicIdSchema,
  version: entityVersionSchema,
});
export type ProcessingJobDeleted = z.infer<typeof processingJobDeletedSchema>;
