// Audit log repository: one row per admin action, listed newest first.
import type { Kysely, Selectable } from "kysely";
import type { AuditLogTable, Schema } from "../schema";

export type AuditRow = Selectable<AuditLogTable>;

export function auditRepository(db: Kysely<Schema>) {
  return {
    async insert(row: { id: string; actor_id: string | null; actor_email: string; action: string; target_type: string; target_id: string | null; target_label: string | null; details: unknown; created_at: Date }): Promise<AuditRow> {
      return db
        .insertInto("audit_log")
        .values({ ...row, details: JSON.stringify(row.details ?? {}) })
        .returningAll()
        .executeTakeFirstOrThrow();
    },
    async list(options: { after?: { created_at: Date; id: string }; limit: number }): Promise<AuditRow[]> {
      let q = db.selectFrom("audit_log").selectAll();
      if (options.after) {
        const { created_at, id } = options.after;
        q = q.where((eb) => eb.or([eb("created_at", "<", created_at), eb.and([eb("created_at", "=", created_at), eb("id", "<", id)])]));
      }
      return q.orderBy("created_at", "desc").orderBy("id", "desc").limit(options.limit).execute();
    },
  };
}
