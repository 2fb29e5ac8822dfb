// Knowledge items (topic `knowledge`): the KnowledgeItem entity and its events' data.
import { z } from "zod";
import { entityIdSchema, entityVersionSchema, isoDateTimeSchema, topicIdSchema } from "./common";

export const knowledgeItemSchema = z.object({
  item_id: entityIdSchema,
  title: z.string().min(1),
  type: z.string().min(1),
  content: z.string(),
  /** job_id of the processing job the item was extracted from, or null. */
  source_job: topicIdSchema.nullable(),
  tags: z.array(z.string().min(1)),
  created_at: isoDateTimeSchema,
  updated_at: isoDateTimeSchema,
  version: entityVersionSchema,
});
export type KnowledgeItem = z.infer<typeof knowledgeItemSchema>;

export const knowledgeItemCreatedSchema = knowledgeItemSchema;

/** `knowledge_item_updated`: the whole item plus the names of the fields that changed. */
export const knowledgeItemUpdatedSchema = knowledgeItemSchema.extend({
  updated_fields: z.array(z.string().min(1)),
});
export type KnowledgeItemUpdated = z.infer<typeof knowledgeItemUpdatedSchema>;

/** `knowledge_item_deleted`: the id and the version of the deletion (one above the last update). */
export const knowledgeItemDeletedSchema = z.object({
  item_id: entityIdSchema,
  version: entityVersionSchema,
});
export type KnowledgeItemDeleted = z.infer<typeof knowledgeItemDeletedSchema>;
