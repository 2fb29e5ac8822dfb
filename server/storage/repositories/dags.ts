// DAG repository: definitions, runs (created with their steps in one transaction, claimed from the
// queue with FOR UPDATE SKIP LOCKED, conditional transitions that bump the version) and run steps.
import { ownerGone } from "./owner";
import { sql, type Kysely, type Selectable, type Updateable } from "kysely";
import type { DagRunsTable, DagRunStepsTable, DagsTable, Schema } from "../schema";

export type DagRow = Selectable<DagsTable>;
export type DagRunRow = Selectable<DagRunsTable>;
export type DagRunStepRow = Selectable<DagRunStepsTable>;
export type RunStatusValue = DagRunRow["status"];
export type StepStatusValue = DagRunStepRow["status"];
export type StepPatch = Omit<Updateable<DagRunStepsTable>, "run_id" | "step_id" | "dag_id" | "version">;

export function dagsRepository(db: Kysely<Schema>) {
  return {
    // ---- definitions ----

    async insertDag(row: Omit<DagRow, "version" | "steps"> & { steps: unknown }): Promise<DagRow | undefined> {
      return db
        .insertInto("dags")
        .values({ ...row, steps: JSON.stringify(row.steps) })
        .onConflict((oc) => oc.column("dag_id").doNothing())
        .returningAll()
        .executeTakeFirst();
    },

    async findDag(dagId: string): Promise<DagRow | undefined> {
      return db.selectFrom("dags").selectAll().where("dag_id", "=", dagId).executeTakeFirst();
    },

    async listDags(): Promise<DagRow[]> {
      return db.selectFrom("dags").selectAll().orderBy("name").orderBy("dag_id").execute();
    },

    async countDags(): Promise<number> {
      const row = await db.selectFrom("dags").select((eb) => eb.fn.countAll<string>().as("n")).executeTakeFirstOrThrow();
      return Number(row.n);
    },

    async updateDag(dagId: string, patch: { name: string; description: string | null; steps: unknown }, at: Date): Promise<DagRow | undefined> {
      return db
        .updateTable("dags")
        .set({ name: patch.name, description: patch.description, steps: JSON.stringify(patch.steps), updated_at: at, version: sql`version + 1` })
        .where("dag_id", "=", dagId)
        .returningAll()
        .executeTakeFirst();
    },

    /** Deletes the DAG (and its runs) unless a run is queued or running. */
    async deleteDag(dagId: string): Promise<{ deleted: DagRow | undefined; active: number }> {
      return db.transaction().execute(async (trx) => {
        const active = await trx
          .selectFrom("dag_runs")
          .select((eb) => eb.fn.countAll<string>().as("n"))
          .where("dag_id", "=", dagId)
          .where("status", "in", ["queued", "running"])
          .executeTakeFirstOrThrow();
        if (Number(active.n) > 0) return { deleted: undefined, active: Number(active.n) };
        const deleted = await trx.deleteFrom("dags").where("dag_id", "=", dagId).returningAll().executeTakeFirst();
        return { deleted, active: 0 };
      });
    },

    // ---- runs ----

    async insertRun(run: Omit<DagRunRow, "owner_instance" | "version" | "params" | "definition"> & { params: unknown; definition: unknown }, stepIds: string[]): Promise<{ run: DagRunRow; steps: DagRunStepRow[] }> {
      return db.transaction().execute(async (trx) => {
        const inserted = await trx
          .insertInto("dag_runs")
          .values({ ...run, params: JSON.stringify(run.params), definition: JSON.stringify(run.definition) })
          .returningAll()
          .executeTakeFirstOrThrow();
        const steps = await trx
          .insertInto("dag_run_steps")
          .values(stepIds.map((step_id, position) => ({ run_id: run.run_id, dag_id: run.dag_id, step_id, position, status: "pending" as const, start_time: null, end_time: null, duration: null, error: null, next_attempt_at: null })))
          .returningAll()
          .execute();
        return { run: inserted, steps: steps.sort((a, b) => a.position - b.position) };
      });
    },

    async findRun(runId: string): Promise<DagRunRow | undefined> {
      return db.selectFrom("dag_runs").selectAll().where("run_id", "=", runId).executeTakeFirst();
    },

    async listRuns(options: { dagId?: string; statuses?: RunStatusValue[]; after?: { created_at: Date; run_id: string }; limit: number }): Promise<DagRunRow[]> {
      let q = db.selectFrom("dag_runs").selectAll();
      if (options.dagId) q = q.where("dag_id", "=", options.dagId);
      if (options.statuses?.length) q = q.where("status", "in", options.statuses);
      if (options.after) {
        const { created_at, run_id } = options.after;
        q = q.where((eb) => eb.or([eb("created_at", "<", created_at), eb.and([eb("created_at", "=", created_at), eb("run_id", "<", run_id)])]));
      }
      return q.orderBy("created_at", "desc").orderBy("run_id", "desc").limit(options.limit).execute();
    },

    async stepsOf(runIds: string[]): Promise<DagRunStepRow[]> {
      if (runIds.length === 0) return [];
      return db.selectFrom("dag_run_steps").selectAll().where("run_id", "in", runIds).orderBy("run_id").orderBy("position").execute();
    },

    async transitionRun(runId: string, patch: Omit<Updateable<DagRunsTable>, "run_id" | "dag_id" | "version">, from?: RunStatusValue[]): Promise<DagRunRow | undefined> {
      let q = db.updateTable("dag_runs").set({ ...patch, version: sql`version + 1` }).where("run_id", "=", runId);
      if (from) q = q.where("status", "in", from);
      return q.returningAll().executeTakeFirst();
    },

    /** Takes the oldest queued run for this runner; other runners (and instances) skip it. */
    async claimQueuedRun(now: Date, instanceId: string): Promise<DagRunRow | undefined> {
      const rows = await sql<DagRunRow>`
        update dag_runs set status = 'running', owner_instance = ${instanceId}, started_at = ${now}, version = version + 1
        where run_id = (select run_id from dag_runs where status = 'queued' order by created_at, run_id limit 1 for update skip locked)
        returning *`.execute(db);
      return rows.rows[0];
    },

    async runsInStatus(status: RunStatusValue): Promise<DagRunRow[]> {
      return db.selectFrom("dag_runs").selectAll().where("status", "=", status).execute();
    },

    /** Runs left running by an instance that is gone. */
    async orphanedRuns(staleMs: number): Promise<DagRunRow[]> {
      return db.selectFrom("dag_runs").selectAll().where("status", "=", "running").where(ownerGone("owner_instance", staleMs)).execute();
    },

    /** Applies `patch` to a step (bumping its version) while it is in one of `from` (and, if given, its run in `runStatus`). */
    async transitionStep(runId: string, stepId: string, patch: StepPatch, from: StepStatusValue[], runStatus?: RunStatusValue): Promise<DagRunStepRow | undefined> {
      let q = db
        .updateTable("dag_run_steps")
        .set({ ...patch, version: sql`version + 1` })
        .where("run_id", "=", runId)
        .where("step_id", "=", stepId)
        .where("status", "in", from);
      if (runStatus) {
        q = q.where(({ exists, selectFrom }) =>
          exists(selectFrom("dag_runs").select("dag_runs.run_id").where("dag_runs.run_id", "=", runId).where("dag_runs.status", "=", runStatus)),
        );
      }
      return q.returningAll().executeTakeFirst();
    },
  };
}
