// Notifications repository: per-user messages, newest first, with read marks.
import { sql, type Kysely, type Selectable } from "kysely";
import type { NotificationsTable, Schema } from "../schema";

export type NotificationRow = Selectable<NotificationsTable>;

export function notificationsRepository(db: Kysely<Schema>) {
  return {
    async insert(row: Omit<NotificationRow, "read_at" | "version">): Promise<NotificationRow> {
      return db.insertInto("notifications").values(row).returningAll().executeTakeFirstOrThrow();
    },

    async list(userId: string, options: { unreadOnly?: boolean; after?: { created_at: Date; id: string }; limit: number }): Promise<NotificationRow[]> {
      let q = db.selectFrom("notifications").selectAll().where("user_id", "=", userId);
      if (options.unreadOnly) q = q.where("read_at", "is", null);
      if (options.after) {
        const { created_at, id } = options.after;
        q = q.where((eb) => eb.or([eb("created_at", "<", created_at), eb.and([eb("created_at", "=", created_at), eb("id", "<", id)])]));
      }
      return q.orderBy("created_at", "desc").orderBy("id", "desc").limit(options.limit).execute();
    },

    async unreadCount(userId: string): Promise<number> {
      const row = await db
        .selectFrom("notifications")
        .select((eb) => eb.fn.countAll<string>().as("n"))
        .where("user_id", "=", userId)
        .where("read_at", "is", null)
        .executeTakeFirstOrThrow();
      return Number(row.n);
    },

    /** Marks one of the user's notifications read; undefined when it is not theirs or already read. */
    async markRead(userId: string, id: string, now: Date): Promise<NotificationRow | undefined> {
      return db
        .updateTable("notifications")
        .set({ read_at: now, version: sql`version + 1` })
        .where("id", "=", id)
        .where("user_id", "=", userId)
        .where("read_at", "is", null)
        .returningAll()
        .executeTakeFirst();
    },

    async findForUser(userId: string, id: string): Promise<NotificationRow | undefined> {
      return db.selectFrom("notifications").selectAll().where("id", "=", id).where("user_id", "=", userId).executeTakeFirst();
    },

    async markAllRead(userId: string, now: Date): Promise<string[]> {
      const rows = await db
        .updateTable("notifications")
        .set({ read_at: now, version: sql`version + 1` })
        .where("user_id", "=", userId)
        .where("read_at", "is", null)
        .where("created_at", "<=", now)
        .returning("id")
        .execute();
      return rows.map((r) => r.id);
    },
  };
}
