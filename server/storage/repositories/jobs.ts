// Jobs repository: processing jobs, their keyset-paginated listing, conditional state transitions
// (each bumps the version), the queue (claimed with FOR UPDATE SKIP LOCKED) and the figures.
import { sql, type Kysely, type Selectable, type Updateable } from "kysely";
import type { JobsTable, Schema } from "../schema";

export type JobRow = Selectable<JobsTable>;
export type JobStatusValue = JobRow["status"];
export type JobPatch = Omit<Updateable<JobsTable>, "job_id" | "version" | "result"> & { result?: unknown };

export interface ListJobsOptions {
  statuses?: JobStatusValue[];
  types?: string[];
  /** Keyset: rows strictly after this (created_at, job_id) in newest-first order. */
  after?: { created_at: Date; job_id: string };
  limit: number;
}

export function jobsRepository(db: Kysely<Schema>) {
  return {
    async insert(row: Omit<JobRow, "progress" | "retry_count" | "cancel_requested" | "version" | "result"> & { result?: null }): Promise<JobRow> {
      return db.insertInto("jobs").values({ ...row, result: null }).returningAll().executeTakeFirstOrThrow();
    },

    async findById(jobId: string): Promise<JobRow | undefined> {
      return db.selectFrom("jobs").selectAll().where("job_id", "=", jobId).executeTakeFirst();
    },

    async list(options: ListJobsOptions): Promise<JobRow[]> {
      let q = db.selectFrom("jobs").selectAll();
      if (options.statuses?.length) q = q.where("status", "in", options.statuses);
      if (options.types?.length) q = q.where("type", "in", options.types);
      if (options.after) {
        const { created_at, job_id } = options.after;
        q = q.where((eb) => eb.or([eb("created_at", "<", created_at), eb.and([eb("created_at", "=", created_at), eb("job_id", "<", job_id)])]));
      }
      return q.orderBy("created_at", "desc").orderBy("job_id", "desc").limit(options.limit).execute();
    },

    /**
     * Applies `patch` and bumps the version, only while the job is in one of `from` (when given).
     * Undefined when the job does not exist or is in another state.
     */
    async transition(jobId: string, patch: JobPatch, from?: JobStatusValue[]): Promise<JobRow | undefined> {
      const { result, ...rest } = patch;
      let q = db
        .updateTable("jobs")
        .set({ ...rest, ...(result === undefined ? {} : { result: result === null ? null : JSON.stringify(result) }), version: sql`version + 1` })
        .where("job_id", "=", jobId);
      if (from) q = q.where("status", "in", from);
      return q.returningAll().executeTakeFirst();
    },

    /** Takes the oldest queued job for this worker; other workers (and instances) skip it. */
    async claimNext(now: Date): Promise<JobRow | undefined> {
      const rows = await sql<JobRow>`
        update jobs set status = 'processing', started_at = ${now}, progress = 0, current_step = null,
          error = null, failed_at = null, cancel_requested = false, version = version + 1
        where job_id = (
          select job_id from jobs where status = 'queued' order by created_at, job_id limit 1 for update skip locked
        )
        returning *`.execute(db);
      return rows.rows[0];
    },

    /** Jobs left "processing" by a process that stopped: back to the queue, one more retry counted. */
    async requeueInterrupted(): Promise<JobRow[]> {
      return db
        .updateTable("jobs")
        .set({ status: "queued", current_step: null, progress: 0, estimated_completion: null, retry_count: sql`retry_count + 1`, version: sql`version + 1` })
        .where("status", "=", "processing")
        .returningAll()
        .execute();
    },

    async delete(jobId: string, notIn: JobStatusValue[]): Promise<JobRow | undefined> {
      return db.deleteFrom("jobs").where("job_id", "=", jobId).where("status", "not in", notIn).returningAll().executeTakeFirst();
    },

    async countsByStatus(): Promise<Record<string, number>> {
      const rows = await db.selectFrom("jobs").select(["status", (eb) => eb.fn.countAll<string>().as("n")]).groupBy("status").execute();
      return Object.fromEntries(rows.map((r) => [r.status, Number(r.n)]));
    },

    /** Per-minute counts of jobs created, completed and failed since `since`. */
    async perMinute(since: Date): Promise<{ minute: Date; created: number; completed: number; failed: number }[]> {
      const rows = await sql<{ minute: Date; created: string; completed: string; failed: string }>`
        select minute, sum(created) as created, sum(completed) as completed, sum(failed) as failed from (
          select date_trunc('minute', created_at) as minute, 1 as created, 0 as completed, 0 as failed from jobs where created_at >= ${since}
          union all
          select date_trunc('minute', completed_at), 0, 1, 0 from jobs where completed_at >= ${since}
          union all
          select date_trunc('minute', failed_at), 0, 0, 1 from jobs where failed_at >= ${since}
        ) t group by minute order by minute`.execute(db);
      return rows.rows.map((r) => ({ minute: new Date(r.minute), created: Number(r.created), completed: Number(r.completed), failed: Number(r.failed) }));
    },
  };
}
