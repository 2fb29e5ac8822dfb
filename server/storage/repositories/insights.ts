// Insights repository: generated insights, newest first, and the fingerprint check that keeps the
// analyzer from repeating a finding.
import type { Kysely, Selectable } from "kysely";
import type { InsightsTable, Schema } from "../schema";

export type InsightRow = Selectable<InsightsTable>;

export function insightsRepository(db: Kysely<Schema>) {
  return {
    async insert(row: Omit<InsightRow, "version" | "metadata"> & { metadata: unknown }): Promise<InsightRow> {
      return db.insertInto("insights").values({ ...row, metadata: JSON.stringify(row.metadata) }).returningAll().executeTakeFirstOrThrow();
    },

    async findById(insightId: string): Promise<InsightRow | undefined> {
      return db.selectFrom("insights").selectAll().where("insight_id", "=", insightId).executeTakeFirst();
    },

    async list(options: { types?: InsightRow["type"][]; after?: { created_at: Date; insight_id: string }; limit: number }): Promise<InsightRow[]> {
      let q = db.selectFrom("insights").selectAll();
      if (options.types?.length) q = q.where("type", "in", options.types);
      if (options.after) {
        const { created_at, insight_id } = options.after;
        q = q.where((eb) => eb.or([eb("created_at", "<", created_at), eb.and([eb("created_at", "=", created_at), eb("insight_id", "<", insight_id)])]));
      }
      return q.orderBy("created_at", "desc").orderBy("insight_id", "desc").limit(options.limit).execute();
    },

    /** Fingerprints of insights generated since `since`. */
    async fingerprintsSince(since: Date): Promise<Set<string>> {
      const rows = await db.selectFrom("insights").select("fingerprint").where("created_at", ">=", since).where("fingerprint", "is not", null).execute();
      return new Set(rows.map((r) => r.fingerprint!));
    },
  };
}
