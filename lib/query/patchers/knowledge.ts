// Knowledge patchers: created/updated upsert the item; deleted removes it with a tombstone at its version.
import { removeEntity, upsertEntity } from "../entity-cache";
import { knowledgeDomain } from "../entity-domains";
import type { PatcherMap } from "./types";

export const knowledgePatchers: PatcherMap = {
  knowledge_item_created: (qc, e) => void upsertEntity(qc, knowledgeDomain, e.data),
  knowledge_item_updated: (qc, e) => void upsertEntity(qc, knowledgeDomain, e.data),
  knowledge_item_deleted: (qc, e) => void removeEntity(qc, knowledgeDomain, e.data.item_id, e.data.version),
};
