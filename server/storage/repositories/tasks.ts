// Tasks repository: agent tasks (keyset-paginated listing, conditional transitions that bump the
// version, the ready queue) and the attempts history that agent figures are computed from.
import { ownerGone } from "./owner";
import { sql, type Kysely, type Selectable, type Updateable } from "kysely";
import type { Schema, TaskAttemptsTable, TasksTable } from "../schema";

export type TaskRow = Selectable<TasksTable>;
export type TaskStatusValue = TaskRow["status"];
export type TaskPatch = Omit<Updateable<TasksTable>, "task_id" | "version" | "result" | "error" | "required_capabilities"> & {
  result?: unknown;
  error?: unknown;
};
export type TaskAttemptRow = Selectable<TaskAttemptsTable>;

export interface ListTasksOptions {
  statuses?: TaskStatusValue[];
  agentId?: string;
  jobId?: string;
  type?: string;
  standalone?: boolean;
  after?: { created_at: Date; task_id: string };
  limit: number;
}

/** One agent's finished attempts needing one capability, for learning. */
export interface CapabilitySample {
  agent_id: string;
  capability: string;
  completed: number;
  failed: number;
  mean_ms: number | null;
}

export function tasksRepository(db: Kysely<Schema>) {
  return {
    async insert(row: Omit<TaskRow, "owner_instance" | "progress" | "attempt_number" | "max_attempts" | "retry_scheduled" | "version" | "result" | "error" | "required_capabilities" | "created_at"> & {
      required_capabilities: unknown;
      max_attempts: number;
      created_at: Date;
    }): Promise<TaskRow> {
      return db
        .insertInto("tasks")
        .values({ ...row, required_capabilities: JSON.stringify(row.required_capabilities), result: null, error: null })
        .returningAll()
        .executeTakeFirstOrThrow();
    },

    async findById(taskId: string): Promise<TaskRow | undefined> {
      return db.selectFrom("tasks").selectAll().where("task_id", "=", taskId).executeTakeFirst();
    },

    async list(options: ListTasksOptions): Promise<TaskRow[]> {
      let q = db.selectFrom("tasks").selectAll();
      if (options.statuses?.length) q = q.where("status", "in", options.statuses);
      if (options.agentId) q = q.where("agent_id", "=", options.agentId);
      if (options.jobId) q = q.where("job_id", "=", options.jobId);
      if (options.type) q = q.where("type", "=", options.type);
      if (options.standalone === true) q = q.where("job_id", "is", null);
      if (options.standalone === false) q = q.where("job_id", "is not", null);
      if (options.after) {
        const { created_at, task_id } = options.after;
        q = q.where((eb) => eb.or([eb("created_at", "<", created_at), eb.and([eb("created_at", "=", created_at), eb("task_id", "<", task_id)])]));
      }
      return q.orderBy("created_at", "desc").orderBy("task_id", "desc").limit(options.limit).execute();
    },

    /**
     * Applies `patch` and bumps the version, only while the task is in one of `from` (when given).
     * Undefined when the task does not exist or is in another state.
     */
    async transition(taskId: string, patch: TaskPatch, from?: TaskStatusValue[]): Promise<TaskRow | undefined> {
      const { result, error, ...rest } = patch;
      let q = db
        .updateTable("tasks")
        .set({
          ...rest,
          ...(result === undefined ? {} : { result: result === null ? null : JSON.stringify(result) }),
          ...(error === undefined ? {} : { error: error === null ? null : JSON.stringify(error) }),
          version: sql`version + 1`,
        })
        .where("task_id", "=", taskId);
      if (from) q = q.where("status", "in", from);
      return q.returningAll().executeTakeFirst();
    },

    /**
     * Tasks an agent may take now, most urgent first: pending ones, and failed ones whose retry is
     * due. A job's step tasks are only offered to the instance running that job (`localIds`).
     */
    async ready(now: Date, localIds: string[], limit: number): Promise<TaskRow[]> {
      return db
        .selectFrom("tasks")
        .selectAll()
        .where((eb) =>
          eb.or([eb("status", "=", "pending"), eb.and([eb("status", "=", "failed"), eb("retry_scheduled", "=", true), eb("next_retry_at", "<=", now)])]),
        )
        .where((eb) => (localIds.length > 0 ? eb.or([eb("job_id", "is", null), eb("task_id", "in", localIds)]) : eb("job_id", "is", null)))
        .orderBy("priority", "desc")
        .orderBy("created_at")
        .orderBy("task_id")
        .limit(limit)
        .execute();
    },

    /** When the earliest scheduled retry falls due, or null. */
    async nextRetryAt(): Promise<Date | null> {
      const row = await db
        .selectFrom("tasks")
        .select((eb) => eb.fn.min("next_retry_at").as("at"))
        .where("status", "=", "failed")
        .where("retry_scheduled", "=", true)
        .executeTakeFirst();
      return row?.at ? new Date(row.at as Date) : null;
    },

    /** Unfinished tasks of a job (to cancel them with it). */
    async unfinishedOfJob(jobId: string): Promise<TaskRow[]> {
      return db
        .selectFrom("tasks")
        .selectAll()
        .where("job_id", "=", jobId)
        .where((eb) => eb.or([eb("status", "in", ["pending", "assigned", "running"]), eb.and([eb("status", "=", "failed"), eb("retry_scheduled", "=", true)])]))
        .execute();
    },

    /** Tasks left assigned or running by an instance that is gone. */
    async interrupted(staleMs: number): Promise<TaskRow[]> {
      return db.selectFrom("tasks").selectAll().where("status", "in", ["assigned", "running"]).where(ownerGone("owner_instance", staleMs)).execute();
    },

    /** Pending step tasks whose job no live instance is processing (the job is queued again and makes new ones). */
    async orphanedSteps(staleMs: number): Promise<TaskRow[]> {
      return db
        .selectFrom("tasks")
        .selectAll()
        .where("status", "=", "pending")
        .where("job_id", "is not", null)
        .where(({ not, exists, selectFrom }) =>
          not(
            exists(
              selectFrom("jobs")
                .select("jobs.job_id")
                .whereRef("jobs.job_id", "=", "tasks.job_id")
                .where("jobs.status", "=", "processing")
                .where(sql<boolean>`not ${ownerGone("jobs.owner_instance", staleMs)}`),
            ),
          ),
        )
        .execute();
    },

    async countsByStatus(): Promise<Record<string, number>> {
      const rows = await db.selectFrom("tasks").select(["status", (eb) => eb.fn.countAll<string>().as("n")]).groupBy("status").execute();
      return Object.fromEntries(rows.map((r) => [r.status, Number(r.n)]));
    },

    async completedSince(since: Date): Promise<number> {
      const row = await db
        .selectFrom("tasks")
        .select((eb) => eb.fn.countAll<string>().as("n"))
        .where("status", "=", "completed")
        .where("ended_at", ">=", since)
        .executeTakeFirstOrThrow();
      return Number(row.n);
    },

    // ---- attempts ----

    async insertAttempt(row: Omit<TaskAttemptRow, "started_at" | "ended_at" | "error_code" | "outcome">): Promise<void> {
      await db.insertInto("task_attempts").values({ ...row, outcome: "running" }).execute();
    },

    async startAttempt(attemptId: string, at: Date): Promise<void> {
      await db.updateTable("task_attempts").set({ started_at: at }).where("attempt_id", "=", attemptId).execute();
    },

    async endAttempt(attemptId: string, outcome: TaskAttemptRow["outcome"], at: Date, errorCode: string | null = null): Promise<void> {
      await db
        .updateTable("task_attempts")
        .set({ outcome, ended_at: at, error_code: errorCode })
        .where("attempt_id", "=", attemptId)
        .where("outcome", "=", "running")
        .execute();
    },

    /** The open attempt of a task (the one an agent works on now), if any. */
    async openAttempt(taskId: string): Promise<TaskAttemptRow | undefined> {
      return db.selectFrom("task_attempts").selectAll().where("task_id", "=", taskId).where("outcome", "=", "running").executeTakeFirst();
    },

    /** Attempts still open from a process that stopped. */
    async closeOpenAttempts(at: Date): Promise<void> {
      // Only attempts of tasks nobody works on now: another instance's running attempts stay open.
      await db
        .updateTable("task_attempts")
        .set({ outcome: "moved", ended_at: at })
        .where("outcome", "=", "running")
        .where(({ not, exists, selectFrom }) =>
          not(exists(selectFrom("tasks").select("tasks.task_id").whereRef("tasks.task_id", "=", "task_attempts.task_id").where("tasks.status", "in", ["assigned", "running"]))),
        )
        .execute();
    },

    /** Per agent and capability: finished attempts among each agent's last `perAgent` attempts. */
    async capabilitySamples(perAgent: number): Promise<CapabilitySample[]> {
      const rows = await sql<{ agent_id: string; capability: string; completed: string; failed: string; mean_ms: number | null }>`
        with recent as (
          select *, row_number() over (partition by agent_id order by ended_at desc) as rn
          from task_attempts where outcome in ('completed', 'failed')
        )
        select agent_id, capability,
          count(*) filter (where outcome = 'completed') as completed,
          count(*) filter (where outcome = 'failed') as failed,
          avg(extract(epoch from ended_at - started_at) * 1000) filter (where outcome = 'completed') as mean_ms
        from recent, unnest(capabilities) as capability
        where rn <= ${perAgent}
        group by agent_id, capability`.execute(db);
      return rows.rows.map((r) => ({ agent_id: r.agent_id, capability: r.capability, completed: Number(r.completed), failed: Number(r.failed), mean_ms: r.mean_ms === null ? null : Number(r.mean_ms) }));
    },

    /** Finished attempts since `since`, for the insight analyzer. */
    async finishedAttemptsSince(since: Date): Promise<{ agent_id: string; task_type: string; outcome: "completed" | "failed"; duration_ms: number; ended_at: Date }[]> {
      const rows = await sql<{ agent_id: string; task_type: string; outcome: "completed" | "failed"; duration_ms: number | null; ended_at: Date }>`
        select agent_id, task_type, outcome, extract(epoch from ended_at - coalesce(started_at, assigned_at)) * 1000 as duration_ms, ended_at
        from task_attempts where outcome in ('completed', 'failed') and ended_at >= ${since}`.execute(db);
      return rows.rows.map((r) => ({ ...r, duration_ms: Number(r.duration_ms ?? 0), ended_at: new Date(r.ended_at) }));
    },

    /** Attempts finished since `at` (learning reviews only agents with new history). */
    async agentsWithAttemptsSince(since: Date | null): Promise<Set<string>> {
      let q = db.selectFrom("task_attempts").select("agent_id").distinct().where("outcome", "in", ["completed", "failed"]);
      if (since) q = q.where("ended_at", ">", since);
      return new Set((await q.execute()).map((r) => r.agent_id));
    },
  };
}
