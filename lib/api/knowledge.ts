// REST shapes of the knowledge routes: search and filter, edit title and tags, tag counts.
import { z } from "zod";
import type { KnowledgeItem } from "@/lib/protocol/entities/knowledge";
import type { Page } from "./jobs";

/** A tag: trimmed, lower case, 1-40 characters, no commas. */
export const tagSchema = z
  .string()
  .trim()
  .toLowerCase()
  .min(1, "a tag cannot be empty")
  .max(40, "a tag is at most 40 characters")
  .regex(/^[^,]+$/, "a tag cannot contain a comma");

/** GET /api/knowledge: `q` (full-text, best match first), `tag`, `type`; otherwise newest first. */
export const listKnowledgeQuery = z.object({
  q: z.string().trim().max(200).optional(),
  tag: tagSchema.optional(),
  type: z.string().max(64).optional(),
  cursor: z.string().max(200).optional(),
  limit: z.coerce.number().int().min(1).max(100).default(30),
});
export type ListKnowledgeQuery = z.infer<typeof listKnowledgeQuery>;

/** PATCH /api/knowledge/{item_id}: title and/or tags. */
export const updateKnowledgeBody = z
  .object({
    title: z.string().trim().min(1, "is required").max(200, "is longer than 200 characters").optional(),
    tags: z
      .array(tagSchema)
      .max(30, "at most 30 tags")
      .transform((tags) => [...new Set(tags)])
      .optional(),
  })
  .refine((b) => b.title !== undefined || b.tags !== undefined, { message: "send a title or tags", path: ["title"] });
export type UpdateKnowledgeBody = z.infer<typeof updateKnowledgeBody>;

/** An item in a list answer; with `q`, `snippet` is the best matching passage with `<mark>` around the hits (HTML-escaped otherwise). */
export type KnowledgeListItem = KnowledgeItem & { snippet?: string | null };
export type KnowledgePage = Page<KnowledgeListItem>;

/** GET /api/knowledge/tags: every tag with how many items carry it, most used first. */
export interface KnowledgeTagsResponse {
  items: { tag: string; count: number }[];
}
