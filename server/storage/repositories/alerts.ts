// Alert repository: temporal alert rules (versioned) and their firings (open until cleared).
import { sql, type Kysely, type Selectable } from "kysely";
import type { AlertFiringsTable, AlertRulesTable, Schema } from "../schema";

export type AlertRuleRow = Selectable<AlertRulesTable>;
export type AlertFiringRow = Selectable<AlertFiringsTable>;
/** A firing with the name, topic pattern and severity of its rule. */
export type AlertFiringListRow = AlertFiringRow & { rule_name: string; rule_topic: string; severity: AlertRuleRow["severity"] };
export type AlertRuleFields = Pick<AlertRuleRow, "name" | "topic" | "field" | "op" | "threshold" | "window_s" | "severity" | "enabled">;

export function alertsRepository(db: Kysely<Schema>) {
  return {
    async insertRule(row: AlertRuleFields & { rule_id: string; owner_id: string | null; created_at: Date }): Promise<AlertRuleRow | undefined> {
      return db
        .insertInto("alert_rules")
        .values({ ...row, updated_at: row.created_at })
        .onConflict((oc) => oc.column("rule_id").doNothing())
        .returningAll()
        .executeTakeFirst();
    },

    async findRule(ruleId: string): Promise<AlertRuleRow | undefined> {
      return db.selectFrom("alert_rules").selectAll().where("rule_id", "=", ruleId).executeTakeFirst();
    },

    /** Every rule, oldest first. */
    async listRules(): Promise<AlertRuleRow[]> {
      return db.selectFrom("alert_rules").selectAll().orderBy("created_at").orderBy("rule_id").execute();
    },

    async updateRule(ruleId: string, patch: Partial<AlertRuleFields>, at: Date): Promise<AlertRuleRow | undefined> {
      return db
        .updateTable("alert_rules")
        .set({ ...patch, updated_at: at, version: sql`version + 1` })
        .where("rule_id", "=", ruleId)
        .returningAll()
        .executeTakeFirst();
    },

    async deleteRule(ruleId: string): Promise<AlertRuleRow | undefined> {
      return db.deleteFrom("alert_rules").where("rule_id", "=", ruleId).returningAll().executeTakeFirst();
    },

    async insertFiring(row: { id: string; rule_id: string; fired_at: Date; payload: unknown }): Promise<AlertFiringRow | undefined> {
      return db
        .insertInto("alert_firings")
        .values({ ...row, cleared_at: null, payload: JSON.stringify(row.payload) })
        .returningAll()
        .executeTakeFirst();
    },

    /** Sets cleared_at on an open firing; undefined when it is gone or cleared already. */
    async clearFiring(id: string, at: Date): Promise<AlertFiringRow | undefined> {
      return db.updateTable("alert_firings").set({ cleared_at: at }).where("id", "=", id).where("cleared_at", "is", null).returningAll().executeTakeFirst();
    },

    /** Firings still open (e.g. left by a stopped process). */
    async openFirings(): Promise<AlertFiringRow[]> {
      return db.selectFrom("alert_firings").selectAll().where("cleared_at", "is", null).execute();
    },

    /** Firings newest first, with their rule's name, keyset-paged on (fired_at, id). */
    async listFirings(options: { ruleId?: string; after?: { created_at: Date; id: string }; limit: number }): Promise<AlertFiringListRow[]> {
      let q = db
        .selectFrom("alert_firings as f")
        .innerJoin("alert_rules as r", "r.rule_id", "f.rule_id")
        .selectAll("f")
        .select(["r.name as rule_name", "r.topic as rule_topic", "r.severity as severity"]);
      if (options.ruleId) q = q.where("f.rule_id", "=", options.ruleId);
      if (options.after) {
        const { created_at, id } = options.after;
        q = q.where((eb) => eb.or([eb("f.fired_at", "<", created_at), eb.and([eb("f.fired_at", "=", created_at), eb("f.id", "<", id)])]));
      }
      return q.orderBy("f.fired_at", "desc").orderBy("f.id", "desc").limit(options.limit).execute();
    },
  };
}
