// Latest-values repository: the newest payload per (topic, event type), for ephemeral ingest such as
// market quotes and news from outside providers.
import type { Kysely } from "kysely";
import type { Schema } from "../schema";

export interface LatestValue {
  topic: string;
  type: string;
  data: unknown;
  updated_at: Date;
}

export function latestValuesRepository(db: Kysely<Schema>) {
  return {
    async upsertMany(values: { topic: string; type: string; data: unknown }[], now: Date): Promise<void> {
      if (values.length === 0) return;
      // One row per key: a batch may carry several values for one topic, and the last one wins.
      const last = new Map(values.map((v) => [`${v.topic}\u0000${v.type}`, v]));
      await db
        .insertInto("latest_values")
        .values([...last.values()].map((v) => ({ topic: v.topic, type: v.type, data: JSON.stringify(v.data), updated_at: now })))
        .onConflict((oc) =>
          oc.columns(["topic", "type"]).doUpdateSet((eb) => ({ data: eb.ref("excluded.data"), updated_at: eb.ref("excluded.updated_at") })),
        )
        .execute();
    },
    async listByTopicPrefix(prefix: string): Promise<LatestValue[]> {
      const rows = await db.selectFrom("latest_values").selectAll().where("topic", "like", `${prefix}%`).orderBy("topic").execute();
      return rows.map((r) => ({ topic: r.topic, type: r.type, data: r.data, updated_at: r.updated_at }));
    },
  };
}
