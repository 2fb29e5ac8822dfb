// Building blocks shared by the entity schemas: times, versions, ids, levels and free-form JSON.
import { z } from "zod";

/** An ISO 8601 date-time, as `new Date().toISOString()` writes it (a `Z` or a `+hh:mm` offset is accepted). */
export const isoDateTimeSchema = z.iso.datetime({ offset: true });

/** Entity version: grows by one on every change; clients apply an entity event only when it is higher. */
export const entityVersionSchema = z.number().int().positive();

/**
 * An id that also names a topic (`jobs:{job_id}`, `dag-runs:{run_id}`, `user:{user_id}`...): the
 * character set of a topic parameter in topics.ts, so that every such entity can be published on its topic.
 */
export const topicIdSchema = z
  .string()
  .regex(/^[A-Za-z0-9_.-]{1,128}$/, "must be 1-128 characters of A-Z a-z 0-9 _ . -");

/** Any other identifier. */
export const entityIdSchema = z.string().min(1).max(256);

/** A market ticker as it appears in `market:{TICKER}` and `news:{TICKER}`: upper case. */
export const tickerSchema = z
  .string()
  .regex(/^[A-Z0-9][A-Z0-9.-]{0,15}$/, "must be an upper-case ticker (A-Z 0-9 . -, at most 16 characters)");

/** Free-form JSON value (details, params, payloads, results). */
export const jsonValueSchema = z.json();
export type JsonValue = z.infer<typeof jsonValueSchema>;

/** Free-form JSON object (metadata, params). */
export const jsonObjectSchema = z.record(z.string(), z.json());
export type JsonObject = z.infer<typeof jsonObjectSchema>;

/** Severity of errors, alerts and alert rules. */
export const severitySchema = z.enum(["info", "warning", "error", "critical"]);
export type Severity = z.infer<typeof severitySchema>;

/** Structured error: `{code, message, details}`. */
export const errorInfoSchema = z.object({
  code: z.string().min(1),
  message: z.string(),
  details: jsonValueSchema.nullable(),
});
export type ErrorInfo = z.infer<typeof errorInfoSchema>;

export const nonNegativeIntSchema = z.number().int().min(0);
export const nonNegativeSchema = z.number().min(0);
/** A fraction between 0 and 1. */
export const fractionSchema = z.number().min(0).max(1);
/** A percentage between 0 and 100. */
export const percentSchema = z.number().min(0).max(100);
