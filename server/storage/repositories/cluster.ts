// Cluster repository: instances and their heartbeats (with the figures each reports), and named
// leases that one instance holds at a time. Times are the database's, so clocks may differ.
import { sql, type Kysely, type Selectable } from "kysely";
import type { InstancesTable, Schema } from "../schema";

export type InstanceRow = Selectable<InstancesTable>;

export function clusterRepository(db: Kysely<Schema>) {
  const secs = (ms: number) => sql`make_interval(secs => ${ms / 1000}::double precision)`;
  return {
    async register(instanceId: string, hostname: string, pid: number): Promise<void> {
      await db.insertInto("instances").values({ instance_id: instanceId, hostname, pid, stopped_at: null, snapshot: null }).execute();
    },

    /** Records a heartbeat (and the figures, when given); false when the instance was marked stopped. */
    async heartbeat(instanceId: string, snapshot: unknown): Promise<boolean> {
      const row = await db
        .updateTable("instances")
        .set({ heartbeat_at: sql`now()`, ...(snapshot === undefined ? {} : { snapshot: JSON.stringify(snapshot) }) })
        .where("instance_id", "=", instanceId)
        .where("stopped_at", "is", null)
        .returning("instance_id")
        .executeTakeFirst();
      return row !== undefined;
    },

    async markStopped(instanceId: string): Promise<void> {
      await db.updateTable("instances").set({ stopped_at: sql`now()` }).where("instance_id", "=", instanceId).execute();
    },

    /** Instances that have sent a heartbeat within `staleMs` and have not stopped. */
    async alive(staleMs: number): Promise<InstanceRow[]> {
      return db
        .selectFrom("instances")
        .selectAll()
        .where("stopped_at", "is", null)
        .where("heartbeat_at", ">", sql<Date>`now() - ${secs(staleMs)}`)
        .orderBy("started_at")
        .execute();
    },

    /** Forgets instances gone for longer than `olderThanMs`. */
    async prune(olderThanMs: number): Promise<number> {
      const rows = await db.deleteFrom("instances").where("heartbeat_at", "<", sql<Date>`now() - ${secs(olderThanMs)}`).returning("instance_id").execute();
      return rows.length;
    },

    /**
     * Takes or renews the lease `name` for `holder` for `ttlMs`: true when `holder` has it now (it
     * was free, expired, or already its own).
     */
    async tryLease(name: string, holder: string, ttlMs: number): Promise<boolean> {
      const rows = await sql<{ holder: string }>`
        insert into leases (name, holder, acquired_at, expires_at) values (${name}, ${holder}, now(), now() + ${secs(ttlMs)})
        on conflict (name) do update set
          holder = excluded.holder,
          acquired_at = case when leases.holder = excluded.holder then leases.acquired_at else now() end,
          expires_at = excluded.expires_at
        where leases.holder = excluded.holder or leases.expires_at < now()
        returning holder`.execute(db);
      return rows.rows[0]?.holder === holder;
    },

    async releaseLease(name: string, holder: string): Promise<void> {
      await db.deleteFrom("leases").where("name", "=", name).where("holder", "=", holder).execute();
    },

    async leaseHolder(name: string): Promise<{ holder: string; acquired_at: Date; expires_at: Date } | undefined> {
      return db.selectFrom("leases").select(["holder", "acquired_at", "expires_at"]).where("name", "=", name).where("expires_at", ">", sql<Date>`now()`).executeTakeFirst();
    },
  };
}
