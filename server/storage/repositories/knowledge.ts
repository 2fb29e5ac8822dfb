// Knowledge repository: items with full-text search (PostgreSQL tsvector, also in PGlite), tag
// filter, keyset listing, edits that bump the version, and tag counts.
import { sql, type Kysely, type Selectable } from "kysely";
import type { KnowledgeItemsTable, Schema } from "../schema";

export type KnowledgeRow = Selectable<KnowledgeItemsTable>;
export type KnowledgeSearchRow = KnowledgeRow & { snippet: string | null };

export interface ListKnowledgeOptions {
  tag?: string;
  type?: string;
  after?: { created_at: Date; item_id: string };
  limit: number;
}

/** Highlight markers ts_headline puts around hits; rare control characters, so they cannot be forged by content. */
export const SNIPPET_START = "\u0002";
export const SNIPPET_STOP = "\u0003";

export function knowledgeRepository(db: Kysely<Schema>) {
  return {
    async insert(row: Omit<KnowledgeRow, "version">): Promise<KnowledgeRow | undefined> {
      // One item per source job: a job completed twice (retried) does not create a second.
      return db.insertInto("knowledge_items").values(row).onConflict((oc) => oc.column("source_job").where("source_job", "is not", null).doNothing()).returningAll().executeTakeFirst();
    },

    async findById(itemId: string): Promise<KnowledgeRow | undefined> {
      return db.selectFrom("knowledge_items").selectAll().where("item_id", "=", itemId).executeTakeFirst();
    },

    async list(options: ListKnowledgeOptions): Promise<KnowledgeRow[]> {
      let q = db.selectFrom("knowledge_items").selectAll();
      if (options.tag) q = q.where(sql<boolean>`tags @> array[${options.tag}]::text[]`);
      if (options.type) q = q.where("type", "=", options.type);
      if (options.after) {
        const { created_at, item_id } = options.after;
        q = q.where((eb) => eb.or([eb("created_at", "<", created_at), eb.and([eb("created_at", "=", created_at), eb("item_id", "<", item_id)])]));
      }
      return q.orderBy("created_at", "desc").orderBy("item_id", "desc").limit(options.limit).execute();
    },

    /** Best match first (then newest); `offset` pages through the ranking. */
    async search(query: string, options: { tag?: string; type?: string; offset: number; limit: number }): Promise<KnowledgeSearchRow[]> {
      const rows = await sql<KnowledgeSearchRow>`
        select item_id, title, type, content, source_job, tags, created_at, updated_at, version,
          ts_headline('english', content, q, ${`StartSel=${SNIPPET_START}, StopSel=${SNIPPET_STOP}, MaxWords=30, MinWords=12, MaxFragments=2`}) as snippet
        from knowledge_items, websearch_to_tsquery('english', ${query}) as q
        where search @@ q
          and (${options.tag ?? null}::text is null or tags @> array[${options.tag ?? null}]::text[])
          and (${options.type ?? null}::text is null or type = ${options.type ?? null})
        order by ts_rank(search, q) desc, created_at desc, item_id desc
        offset ${options.offset} limit ${options.limit}`.execute(db);
      return rows.rows;
    },

    async update(itemId: string, patch: { title?: string; tags?: string[] }, at: Date): Promise<KnowledgeRow | undefined> {
      return db
        .updateTable("knowledge_items")
        .set({ ...patch, updated_at: at, version: sql`version + 1` })
        .where("item_id", "=", itemId)
        .returningAll()
        .executeTakeFirst();
    },

    async delete(itemId: string): Promise<KnowledgeRow | undefined> {
      return db.deleteFrom("knowledge_items").where("item_id", "=", itemId).returningAll().executeTakeFirst();
    },

    async count(): Promise<number> {
      const row = await db.selectFrom("knowledge_items").select((eb) => eb.fn.countAll<string>().as("n")).executeTakeFirstOrThrow();
      return Number(row.n);
    },

    async tagCounts(limit: number): Promise<{ tag: string; count: number }[]> {
      const rows = await sql<{ tag: string; n: string }>`
        select tag, count(*) as n from knowledge_items, unnest(tags) as tag group by tag order by n desc, tag limit ${limit}`.execute(db);
      return rows.rows.map((r) => ({ tag: r.tag, count: Number(r.n) }));
    },

    async createdSince(since: Date): Promise<{ item_id: string; tags: string[]; created_at: Date }[]> {
      return db.selectFrom("knowledge_items").select(["item_id", "tags", "created_at"]).where("created_at", ">=", since).execute();
    },
  };
}
