// REST shapes of the jobs routes, shared by the routes and the jobs page.
import { z } from "zod";
import { JOB_STATUSES, type Job } from "@/lib/protocol/entities/jobs";

/** Largest upload accepted by default (bytes); the server may be configured lower or higher. */
export const DEFAULT_MAX_UPLOAD_BYTES = 10 * 1024 * 1024;

export const JOB_TYPES = ["text", "markdown", "csv", "json", "html", "pdf", "other"] as const;

const csv = <T extends string>(values: readonly [T, ...T[]]) =>
  z
    .string()
    .transform((v) => v.split(",").map((s) => s.trim()).filter(Boolean))
    .pipe(z.array(z.enum(values)));

/** GET /api/jobs query: `status=failed,cancelled&type=pdf&cursor=...&limit=50`. */
export const listJobsQuery = z.object({
  status: csv(JOB_STATUSES).optional(),
  type: csv(JOB_TYPES).optional(),
  cursor: z.string().max(200).optional(),
  limit: z.coerce.number().int().min(1).max(200).default(50),
});
export type ListJobsQuery = z.infer<typeof listJobsQuery>;

export interface Page<T> {
  items: T[];
  next_cursor: string | null;
}

export type JobsPage = Page<Job>;

/** GET /api/jobs/stats: counts by status and jobs created per minute over the last hour. */
export interface JobStats {
  counts: Record<(typeof JOB_STATUSES)[number], number>;
  total: number;
  /** 60 buckets, oldest first; `minute` is the ISO start of the minute. */
  per_minute: { minute: string; created: number; completed: number; failed: number }[];
  generated_at: string;
}
