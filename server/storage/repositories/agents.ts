// Agents repository: the agents, conditional state changes (each bumps the version) and the
// per-agent figures computed from their task attempts.
import { ownerGone } from "./owner";
import { sql, type Kysely, type Selectable, type Updateable } from "kysely";
import type { AgentsTable, Schema } from "../schema";

export type AgentRow = Selectable<AgentsTable>;
export type AgentStatusValue = AgentRow["status"];
export type AgentPatch = Omit<Updateable<AgentsTable>, "agent_id" | "version" | "capabilities" | "performance"> & {
  capabilities?: unknown;
  performance?: unknown;
};

/** Figures of one agent's finished attempts. */
export interface AttemptFigures {
  completed: number;
  failed: number;
  /** Mean started -> ended of completed attempts (ms), null without any. */
  mean_processing_ms: number | null;
  /** Mean ready -> started of started attempts (ms), null without any. */
  mean_response_ms: number | null;
}

export function agentsRepository(db: Kysely<Schema>) {
  return {
    async insert(row: Omit<AgentRow, "owner_instance" | "progress" | "builtin" | "learned_at" | "version" | "capabilities" | "performance" | "created_at"> & {
      capabilities: unknown;
      performance: unknown;
      builtin?: boolean;
      created_at: Date;
    }): Promise<AgentRow> {
      return db
        .insertInto("agents")
        .values({ ...row, capabilities: JSON.stringify(row.capabilities), performance: JSON.stringify(row.performance) })
        .returningAll()
        .executeTakeFirstOrThrow();
    },

    async findById(agentId: string): Promise<AgentRow | undefined> {
      return db.selectFrom("agents").selectAll().where("agent_id", "=", agentId).executeTakeFirst();
    },

    async list(): Promise<AgentRow[]> {
      return db.selectFrom("agents").selectAll().orderBy("created_at").orderBy("agent_id").execute();
    },

    async count(): Promise<number> {
      const row = await db.selectFrom("agents").select((eb) => eb.fn.countAll<string>().as("n")).executeTakeFirstOrThrow();
      return Number(row.n);
    },

    /** Applies `patch` and bumps the version while the agent is in one of `from` (and, if given, works on `task`). */
    async transition(agentId: string, patch: AgentPatch, from?: AgentStatusValue[], task?: string): Promise<AgentRow | undefined> {
      const { capabilities, performance, ...rest } = patch;
      let q = db
        .updateTable("agents")
        .set({
          ...rest,
          ...(capabilities === undefined ? {} : { capabilities: JSON.stringify(capabilities) }),
          ...(performance === undefined ? {} : { performance: JSON.stringify(performance) }),
          version: sql`version + 1`,
        })
        .where("agent_id", "=", agentId);
      if (from) q = q.where("status", "in", from);
      if (task !== undefined) q = q.where("current_task", "=", task);
      return q.returningAll().executeTakeFirst();
    },

    async delete(agentId: string): Promise<AgentRow | undefined> {
      return db.deleteFrom("agents").where("agent_id", "=", agentId).returningAll().executeTakeFirst();
    },

    /** Agents left working by an instance that is gone: idle again, without a task. */
    async releaseInterrupted(staleMs: number): Promise<AgentRow[]> {
      return db
        .updateTable("agents")
        .set({ status: "idle", owner_instance: null, current_task: null, progress: 0, version: sql`version + 1` })
        .where("status", "=", "working")
        .where(ownerGone("owner_instance", staleMs))
        .returningAll()
        .execute();
    },

    async attemptFigures(agentId: string): Promise<AttemptFigures> {
      const row = await sql<{ completed: string; failed: string; processing: number | null; response: number | null }>`
        select
          count(*) filter (where outcome = 'completed') as completed,
          count(*) filter (where outcome = 'failed') as failed,
          avg(extract(epoch from ended_at - started_at) * 1000) filter (where outcome = 'completed') as processing,
          avg(extract(epoch from started_at - ready_at) * 1000) filter (where started_at is not null) as response
        from task_attempts where agent_id = ${agentId}`.execute(db);
      const r = row.rows[0]!;
      return {
        completed: Number(r.completed),
        failed: Number(r.failed),
        mean_processing_ms: r.processing === null ? null : Number(r.processing),
        mean_response_ms: r.response === null ? null : Number(r.response),
      };
    },
  };
}
