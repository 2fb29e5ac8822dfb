"use client";
// Knowledge data hooks: the searchable, filtered list, one item, tag counts, and the optimistic edit (title, tags) and delete.
import * as React from "react";
import { keepPreviousData, useInfiniteQuery, useMutation, useQuery, useQueryClient, type QueryClient } from "@tanstack/react-query";
import { toast } from "sonner";

import type { KnowledgeListItem, KnowledgePage, KnowledgeTagsResponse, UpdateKnowledgeBody } from "@/lib/api/knowledge";
import type { KnowledgeItem } from "@/lib/protocol/entities/knowledge";
import { topics } from "@/lib/protocol/topics";
import { useTopic } from "@/lib/realtime/hooks";
import { isListData, pagesOf, withPages, type ClientMarkers } from "../collections";
import { removeEntity } from "../entity-cache";
import { knowledgeDomain, versionOf, type AnyEntity } from "../entity-domains";
import { apiFetch, isApiError, type QueryParams } from "../fetchers";
import { createThrottle, type Throttle } from "../job-stats";
import { queryKeys, type KnowledgeListParams } from "../keys";
import { applyServerEntity, optimisticPatch, type OptimisticPatchHandle } from "../optimistic";
import { entityListOptions } from "../query-options";
import { getVersionStore } from "../version-store";
import { useEntityDetail } from "./use-entity-query";

/**
 * A knowledge item as the caches hold it. `_saving`: the version an edit in flight started from
 * (the edit is pending while the item's version is not above it); `_deleting`: a deletion is in
 * flight (the item is hidden from lists).
 */
export type KnowledgeRow = KnowledgeListItem & ClientMarkers & { _saving?: number; _deleting?: boolean };

/** What the knowledge page filters by: full-text `q`, one `tag`, one `type`. */
export interface KnowledgeFilters {
  q?: string;
  tag?: string;
  type?: string;
}

export const KNOWLEDGE_PAGE_SIZE = 30;
/** At most one refetch of the tag counts per this many ms while items change. */
export const TAGS_REFETCH_THROTTLE_MS = 3_000;

/** The list params of `filters`: trimmed, empty ones left out, the tag in lower case (as the server stores it). */
export function knowledgeListParams(filters: KnowledgeFilters = {}, limit?: number): KnowledgeListParams {
  const q = filters.q?.trim();
  const tag = filters.tag?.trim().toLowerCase();
  const type = filters.type?.trim();
  return {
    ...(q ? { q } : {}),
    ...(tag ? { tag } : {}),
    ...(type ? { type } : {}),
    ...(limit !== undefined ? { limit } : {}),
  };
}

/** GET /api/knowledge query string of a list. */
export function knowledgeListQuery(params: KnowledgeListParams, cursor: string | null): QueryParams {
  return { q: params.q, tag: params.tag, type: params.type, limit: params.limit, cursor: cursor ?? undefined };
}

/**
 * The items matching `filters`: newest first, or best match first with `q` (each with its
 * `snippet`). Pushed items enter lists without `q` where they match; a list with `q` never gains
 * pushed items (the client cannot rank them) but its items are still updated and removed. While
 * the filters change, the previous results stay shown (`isPlaceholderData`). Items being deleted
 * are left out. Subscribe to `knowledge` beside it.
 */
export function useKnowledgeList(filters: KnowledgeFilters = {}, options: { limit?: number; enabled?: boolean } = {}) {
  const qc = useQueryClient();
  const params = knowledgeListParams(filters, options.limit ?? KNOWLEDGE_PAGE_SIZE);
  const queryKey = queryKeys.knowledge.list(params);
  const query = useInfiniteQuery({
    ...entityListOptions<KnowledgeRow>(qc, queryKey, ({ cursor, signal }) =>
      apiFetch<KnowledgePage>("/api/knowledge", { query: knowledgeListQuery(params, cursor), signal }),
    ),
    enabled: options.enabled,
    placeholderData: keepPreviousData,
  });
  const items = React.useMemo(() => (query.data?.pages.flatMap((p) => p.items) ?? []).filter((i) => !i._deleting), [query.data]);
  return { ...query, items, searching: params.q !== undefined };
}

/** One item (null id: disabled); `_deleted: true` once it was deleted. A 404 is an ApiError with status 404. */
export function useKnowledgeItem(itemId: string | null) {
  return useEntityDetail<KnowledgeRow>(
    queryKeys.knowledge.detail(itemId ?? ""),
    (signal) => apiFetch<KnowledgeRow>(`/api/knowledge/${encodeURIComponent(itemId ?? "")}`, { signal }),
    { enabled: !!itemId },
  );
}

/**
 * Every tag with its count, most used first. The counts follow the `knowledge` topic: each change
 * schedules a refetch (at most one per TAGS_REFETCH_THROTTLE_MS).
 */
export function useKnowledgeTags() {
  const qc = useQueryClient();
  useTopic(topics.knowledge(), (event) => {
    if (event.type === "knowledge_item_updated" && !event.data.updated_fields.includes("tags")) return;
    if (event.type.startsWith("knowledge_item_")) tagsThrottle(qc).schedule();
  });
  return useQuery({
    queryKey: queryKeys.knowledge.tags(),
    queryFn: ({ signal }) => apiFetch<KnowledgeTagsResponse>("/api/knowledge/tags", { signal }),
  });
}

// ---- edit ----

export interface UpdateKnowledgeVariables {
  item: Pick<KnowledgeRow, "item_id" | "title" | "version">;
  changes: UpdateKnowledgeBody;
}

/** Whether an edit of `item` is waiting for its confirmation (pushed or answered). */
export function isSavingKnowledge(item: Pick<KnowledgeRow, "version" | "_saving">): boolean {
  return typeof item._saving === "number" && item.version <= item._saving;
}

/**
 * Edits an item's title and/or tags: the change shows at once everywhere the item is shown,
 * marked as saving until the push (or the answer) brings the new version; on failure it is undone
 * and a toast says why.
 */
export function useUpdateKnowledge() {
  const qc = useQueryClient();
  return useMutation<KnowledgeItem, unknown, UpdateKnowledgeVariables, { handle: OptimisticPatchHandle }>({
    mutationKey: ["knowledge", "update"],
    mutationFn: ({ item, changes }) =>
      apiFetch<KnowledgeItem>(`/api/knowledge/${encodeURIComponent(item.item_id)}`, { method: "PATCH", json: changes }),
    onMutate: async ({ item, changes }) => {
      const held = getVersionStore(qc).get(knowledgeDomain.name, item.item_id);
      // Pending until the version that answers the last edit in flight arrives.
      const edits = inFlight(qc, item.item_id, "_saving", 1);
      const patch: Record<string, unknown> = { _saving: Math.max(held?.version ?? 0, versionOf(item)) + edits - 1 };
      if (changes.title !== undefined) patch.title = changes.title;
      if (changes.tags !== undefined) patch.tags = changes.tags;
      return { handle: await optimisticPatch(qc, { domain: knowledgeDomain.name, id: item.item_id }, patch) };
    },
    onSuccess: (server) => {
      applyServerEntity(qc, knowledgeDomain.name, server);
    },
    onError: (error, { item }, context) => {
      context?.handle.rollback();
      toast.error(`Could not save “${item.title}”`, { description: knowledgeErrorReason(error), richColors: false });
    },
    onSettled: (_data, _error, { item }, context) => {
      if (inFlight(qc, item.item_id, "_saving", -1) === 0) clearMarker(qc, item.item_id, "_saving");
      context?.handle.settle();
    },
  });
}

// ---- delete ----

/**
 * Deletes an item: it leaves every list at once and for good on the 204 (or the push); on failure
 * it comes back where it was and a toast says why. An item that is already gone (404) counts as deleted.
 */
export function useDeleteKnowledge() {
  const qc = useQueryClient();
  return useMutation<void, unknown, Pick<KnowledgeRow, "item_id" | "title">, { handle: OptimisticPatchHandle }>({
    mutationKey: ["knowledge", "delete"],
    mutationFn: async (item) => {
      try {
        await apiFetch<void>(`/api/knowledge/${encodeURIComponent(item.item_id)}`, { method: "DELETE" });
      } catch (error) {
        if (isApiError(error) && error.status === 404) return;
        throw error;
      }
    },
    onMutate: async (item) => {
      inFlight(qc, item.item_id, "_deleting", 1);
      return { handle: await optimisticPatch(qc, { domain: knowledgeDomain.name, id: item.item_id }, { _deleting: true }) };
    },
    onSuccess: (_data, item) => {
      removeEntity(qc, knowledgeDomain, item.item_id);
    },
    onError: (error, item, context) => {
      context?.handle.rollback();
      // A push may have changed the item meanwhile (the rollback then leaves it): show it again anyway.
      clearMarker(qc, item.item_id, "_deleting");
      toast.error(`Could not delete “${item.title}”`, { description: knowledgeErrorReason(error), richColors: false });
    },
    onSettled: (_data, _error, item, context) => {
      if (inFlight(qc, item.item_id, "_deleting", -1) === 0) clearMarker(qc, item.item_id, "_deleting");
      context?.handle.settle();
    },
  });
}

/** Why a knowledge change failed, in words (the field problems of a 400, the conflict of a 409...). */
export function knowledgeErrorReason(error: unknown): string {
  if (isApiError(error)) {
    if ((error.status === 400 || error.status === 422) && error.issues.length > 0) {
      return error.issues.map((i) => issueText(i.path, i.message)).join("; ");
    }
    if (error.status === 404) return "The item no longer exists.";
    if (error.status === 409) return `${error.message.replace(/\.$/, "")} (it changed meanwhile; the current version is shown).`;
    if (error.status === 401) return "Your session has ended: sign in again.";
    if (error.status === 403) return "You are not allowed to change knowledge items.";
    return error.message;
  }
  return "The server could not be reached.";
}

// ---- helpers ----

/** "title" + "is required" -> "Title is required"; "tags.3" + "a tag cannot be empty" -> "A tag cannot be empty". */
function issueText(path: string, message: string): string {
  const field = path.split(".")[0] ?? "";
  const text = /^(is|must|should|cannot|has)\b/.test(message) && field ? `${field} ${message}` : message;
  return text.charAt(0).toUpperCase() + text.slice(1);
}

const markerCounts = new WeakMap<QueryClient, Map<string, number>>();

/** Counts the edits (or deletions) in flight per item; returns the count after the change. */
function inFlight(qc: QueryClient, itemId: string, marker: string, by: number): number {
  let counts = markerCounts.get(qc);
  if (!counts) {
    counts = new Map();
    markerCounts.set(qc, counts);
  }
  const key = `${marker}\u0000${itemId}`;
  const next = Math.max(0, (counts.get(key) ?? 0) + by);
  if (next === 0) counts.delete(key);
  else counts.set(key, next);
  return next;
}

/** Removes a client marker from every copy of the item (detail and lists). */
function clearMarker(qc: QueryClient, itemId: string, marker: "_saving" | "_deleting"): void {
  const strip = (e: AnyEntity): AnyEntity => {
    if (!(marker in e)) return e;
    const next = { ...e };
    delete next[marker];
    return next;
  };
  qc.setQueryData(queryKeys.knowledge.detail(itemId), (old: unknown) =>
    typeof old === "object" && old !== null ? strip(old as AnyEntity) : old,
  );
  for (const query of qc.getQueryCache().findAll({ queryKey: queryKeys.knowledge.lists() })) {
    qc.setQueryData(query.queryKey, (old: unknown) => {
      if (!isListData<AnyEntity>(old)) return old;
      const pages = pagesOf(old).map((items) =>
        items.some((i) => i.item_id === itemId && marker in i) ? items.map((i) => (i.item_id === itemId ? strip(i) : i)) : items,
      );
      return withPages(old, pages);
    });
  }
}

const tagThrottles = new WeakMap<QueryClient, Throttle>();

function tagsThrottle(qc: QueryClient): Throttle {
  let throttle = tagThrottles.get(qc);
  if (!throttle) {
    throttle = createThrottle(() => void qc.invalidateQueries({ queryKey: queryKeys.knowledge.tags(), exact: true }), TAGS_REFETCH_THROTTLE_MS);
    tagThrottles.set(qc, throttle);
  }
  return throttle;
}
