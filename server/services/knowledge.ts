// Knowledge service: what the processed documents taught us. Every completed job becomes an item;
// items are searched (full text), filtered by tag, edited (title, tags) and deleted, and each
// change is published on `knowledge`.
import type { Job } from "@/lib/protocol/entities/jobs";
import type { KnowledgeItem } from "@/lib/protocol/entities/knowledge";
import type { KnowledgeListItem, KnowledgePage } from "@/lib/api/knowledge";
import { topics } from "@/lib/protocol/topics";
import type { Bus } from "../bus/bus";
import { newId } from "../ids";
import type { Repositories } from "../storage/repositories";
import { SNIPPET_START, SNIPPET_STOP, type KnowledgeRow } from "../storage/repositories/knowledge";
import { decodeCursor, nowMs, pageOf } from "./cursor";
import { ServiceError } from "./errors";

export interface KnowledgeServiceDeps {
  repos: Repositories;
  bus: Bus;
  now?: () => Date;
}

/** Characters of a document's text kept in its item (after the summary). */
export const CONTENT_TEXT_LIMIT = 20_000;
/** Entity tags an item gets at most (the most frequent entities first). */
const ENTITY_TAG_LIMIT = 8;

export function createKnowledgeService(deps: KnowledgeServiceDeps) {
  const { repos, bus } = deps;
  const now = () => nowMs(deps.now ?? (() => new Date()));

  async function publish(type: string, data: object): Promise<void> {
    await bus.publish({ type, topic: topics.knowledge(), data, ephemeral: false });
  }

  async function mustFind(itemId: string): Promise<KnowledgeRow> {
    const row = await repos.knowledge.findById(itemId);
    if (!row) throw new ServiceError("not_found", `no knowledge item ${itemId}`);
    return row;
  }

  return {
    /** The item a completed job teaches; undefined when the job already has one (a retried job). */
    async createFromJob(job: Job): Promise<KnowledgeItem | undefined> {
      if (job.status !== "completed" || !job.result) return undefined;
      const at = now();
      const row = await repos.knowledge.insert({
        item_id: newId("kn"),
        title: titleOf(job),
        type: job.type,
        content: contentOf(job),
        source_job: job.job_id,
        tags: tagsOf(job),
        created_at: at,
        updated_at: at,
      });
      if (!row) return undefined;
      const item = toItem(row);
      await publish("knowledge_item_created", item);
      return item;
    },

    async list(query: { q?: string; tag?: string; type?: string; cursor?: string; limit: number }): Promise<KnowledgePage> {
      const q = query.q?.trim();
      if (q) {
        const offset = decodeOffset(query.cursor);
        const rows = await repos.knowledge.search(q, { tag: query.tag, type: query.type, offset, limit: query.limit + 1 });
        const more = rows.length > query.limit;
        const items: KnowledgeListItem[] = rows.slice(0, query.limit).map((r) => ({ ...toItem(r), snippet: r.snippet ? markSnippet(r.snippet) : null }));
        return { items, next_cursor: more ? encodeOffset(offset + query.limit) : null };
      }
      const after = decodeCursor(query.cursor);
      const rows = await repos.knowledge.list({ tag: query.tag, type: query.type, after: after && { created_at: after.created_at, item_id: after.id }, limit: query.limit + 1 });
      return pageOf(rows, query.limit, toItem, (r) => ({ created_at: r.created_at, id: r.item_id }));
    },

    async get(itemId: string): Promise<KnowledgeItem> {
      return toItem(await mustFind(itemId));
    },

    /** Changes the title and/or tags; publishes `knowledge_item_updated` with the fields that changed. */
    async update(itemId: string, patch: { title?: string; tags?: string[] }): Promise<KnowledgeItem> {
      const current = await mustFind(itemId);
      const changed: { title?: string; tags?: string[] } = {};
      if (patch.title !== undefined && patch.title !== current.title) changed.title = patch.title;
      if (patch.tags !== undefined && JSON.stringify(patch.tags) !== JSON.stringify(current.tags)) changed.tags = patch.tags;
      if (Object.keys(changed).length === 0) return toItem(current);
      const row = await repos.knowledge.update(itemId, changed, now());
      if (!row) throw new ServiceError("not_found", `no knowledge item ${itemId}`);
      const item = toItem(row);
      await publish("knowledge_item_updated", { ...item, updated_fields: Object.keys(changed) });
      return item;
    },

    async delete(itemId: string): Promise<void> {
      const row = await repos.knowledge.delete(itemId);
      if (!row) throw new ServiceError("not_found", `no knowledge item ${itemId}`);
      await publish("knowledge_item_deleted", { item_id: row.item_id, version: row.version + 1 });
    },

    async tags(limit = 100): Promise<{ tag: string; count: number }[]> {
      return repos.knowledge.tagCounts(limit);
    },

    count: () => repos.knowledge.count(),
  };
}

export type KnowledgeService = ReturnType<typeof createKnowledgeService>;

export function toItem(row: KnowledgeRow): KnowledgeItem {
  return {
    item_id: row.item_id,
    title: row.title,
    type: row.type,
    content: row.content,
    source_job: row.source_job,
    tags: row.tags,
    created_at: row.created_at.toISOString(),
    updated_at: row.updated_at.toISOString(),
    version: row.version,
  };
}

/** The file name without its extension, made readable. */
function titleOf(job: Job): string {
  const base = (job.filename ?? "Untitled document").replace(/\.[A-Za-z0-9]{1,8}$/, "").replace(/[_-]+/g, " ").trim();
  return (base || "Untitled document").slice(0, 200);
}

/** The summary, then the text; a short document's summary is its text, and is not said twice. */
function contentOf(job: Job): string {
  const summary = job.result?.summary?.trim() ?? "";
  const text = job.result?.extracted_text?.trim() ?? "";
  const body = text.length > CONTENT_TEXT_LIMIT ? `${text.slice(0, CONTENT_TEXT_LIMIT)}…` : text;
  const squash = (s: string) => s.replace(/\s+/g, " ");
  if (!summary || squash(body).startsWith(squash(summary))) return body || summary;
  return body ? `${summary}\n\n${body}` : summary;
}

/** The job type, then the most frequent entities (lower case, without commas), deduplicated. */
function tagsOf(job: Job): string[] {
  const counts = new Map<string, number>();
  for (const e of job.result?.entities ?? []) {
    const tag = e.text.trim().toLowerCase().replace(/,/g, " ").replace(/\s+/g, " ").slice(0, 40).trim();
    if (tag) counts.set(tag, (counts.get(tag) ?? 0) + 1);
  }
  const entities = [...counts.entries()].sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0])).slice(0, ENTITY_TAG_LIMIT).map(([t]) => t);
  return [...new Set([job.type.toLowerCase(), ...entities])];
}

/** ts_headline's output with its private markers turned into `<mark>` around HTML-escaped text. */
function markSnippet(raw: string): string {
  return escapeHtml(raw).replaceAll(SNIPPET_START, "<mark>").replaceAll(SNIPPET_STOP, "</mark>");
}

function escapeHtml(s: string): string {
  return s.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;").replace(/"/g, "&quot;");
}

function encodeOffset(offset: number): string {
  return Buffer.from(`o|${offset}`).toString("base64url");
}

function decodeOffset(cursor: string | undefined): number {
  if (!cursor) return 0;
  const text = Buffer.from(cursor, "base64url").toString("utf8");
  const n = Number(text.slice(2));
  if (!text.startsWith("o|") || !Number.isInteger(n) || n < 0) {
    throw new ServiceError("validation_failed", "invalid cursor", [{ path: "cursor", message: "is not a cursor this server issued" }]);
  }
  return n;
}
