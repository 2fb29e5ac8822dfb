// Jobs repository: processing jobs, their keyset-paginated listing, conditional state transitions
// (each bumps the version), the queue (claimed with FOR UPDATE SKIP LOCKED) and the figures.
import { ownerGone } from "./owner";
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
    async insert(row: Omit<JobRow, "owner_instance" | "progress" | "retry_count" | "cancel_requested" | "version" | "result"> & { result?: null }): Promise<JobRow> {
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
    async claimNext(now: Date, instanceId: string): Promise<JobRow | undefined> {
      const rows = await sql<JobRow>`
        update jobs set status = 'processing', owner_instance = ${instanceId}, started_at = ${now}, progress = 0, current_step = null,
          error = null, failed_at = null, cancel_requested = false, version = version + 1
        where job_id = (
          select job_id from jobs where status = 'queued' order by created_at, job_id limit 1 for update skip locked
        )
        returning *`.execute(db);
      return rows.rows[0];
    },

    /** Jobs left "processing" by an instance that is gone: back to the queue, one more retry counted. */
    async requeueInterrupted(staleMs: number): Promise<JobRow[]> {
      return db
        .updateTable("jobs")
        .set({ status: "queued", owner_instance: null, current_step: null, progress: 0, estimated_completion: null, retry_count: sql`retry_count + 1`, version: sql`version + 1` })
        .where("status", "=", "processing")
        .where(ownerGone("owner_instance", staleMs))
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

    /** Jobs finished (completed or failed) since `since`, for the insight analyzer. */
    async finishedSince(since: Date): Promise<Pick<JobRow, "job_id" | "type" | "status" | "created_at" | "completed_at" | "failed_at">[]> {
      return db
        .selectFrom("jobs")
        .select(["job_id", "type", "status", "created_at", "completed_at", "failed_at"])
        .where((eb) => eb.or([eb("completed_at", ">=", since), eb("failed_at", ">=", since)]))
        .execute();
    },

    /** All-time figures of finished jobs: counts and the mean processing time of completed ones (ms). */
    async processingFigures(): Promise<{ completed: number; failed: number; mean_processing_ms: number | null }> {
      const rows = await sql<{ completed: string; failed: string; mean_ms: number | null }>`
        select count(*) filter (where status = 'completed') as completed,
               count(*) filter (where status = 'failed') as failed,
               avg(extract(epoch from completed_at - started_at) * 1000) filter (where status = 'completed' and started_at is not null) as mean_ms
        from jobs`.execute(db);
      const r = rows.rows[0]!;
      return { completed: Number(r.completed), failed: Number(r.failed), mean_processing_ms: r.mean_ms === null ? null : Number(r.mean_ms) };
    },

    /** Per hour since `since`: completed and failed jobs. */
    async finishedPerHour(since: Date): Promise<{ hour: Date; completed: number; failed: number }[]> {
      const rows = await sql<{ hour: Date; completed: string; failed: string }>`
        select hour, sum(completed) as completed, sum(failed) as failed from (
          select date_trunc('hour', completed_at) as hour, 1 as completed, 0 as failed from jobs where completed_at >= ${since}
          union all
          select date_trunc('hour', failed_at), 0, 1 from jobs where failed_at >= ${since}
        ) t group by hour order by hour`.execute(db);
      return rows.rows.map((r) => ({ hour: new Date(r.hour), completed: Number(r.completed), failed: Number(r.failed) }));
    },

    /** Per job type since `since`: completed and failed jobs, most first. */
    async finishedByType(since: Date): Promise<{ type: string; completed: number; failed: number }[]> {
      const rows = await sql<{ type: string; completed: string; failed: string }>`
        select type, count(*) filter (where completed_at >= ${since}) as completed, count(*) filter (where failed_at >= ${since}) as failed
        from jobs where completed_at >= ${since} or failed_at >= ${since}
        group by type order by count(*) desc, type`.execute(db);
      return rows.rows.map((r) => ({ type: r.type, completed: Number(r.completed), failed: Number(r.failed) }));
    },
  };
}
