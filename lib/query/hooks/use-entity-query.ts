"use client";
// Generic hooks for entity lists (infinite, cursor-paged) and details, merged against pushed data.
import { useMemo } from "react";
import { useInfiniteQuery, useQuery, useQueryClient, type QueryKey } from "@tanstack/react-query";
import type { Page } from "../collections";
import { entityDetailOptions, entityListOptions, type FetchPageContext } from "../query-options";

/**
 * A cursor-paged entity list: `items` is every loaded page flattened (pending optimistic items,
 * marked `_pending`, included). Subscribe to the list's topic with `useTopic` beside it.
 */
export function useEntityList<T>(
  queryKey: QueryKey,
  fetchPage: (ctx: FetchPageContext) => Promise<Page<T>>,
  options: { enabled?: boolean } = {},
) {
  const qc = useQueryClient();
  const query = useInfiniteQuery({ ...entityListOptions<T>(qc, queryKey, fetchPage), enabled: options.enabled });
  const items = useMemo(() => query.data?.pages.flatMap((p) => p.items) ?? [], [query.data]);
  return { ...query, items };
}

/** One entity; its data carries `_deleted: true` once it was removed on the server. */
export function useEntityDetail<T>(queryKey: QueryKey, fetchOne: (signal: AbortSignal) => Promise<T>, options: { enabled?: boolean } = {}) {
  const qc = useQueryClient();
  return useQuery({ ...entityDetailOptions<T>(qc, queryKey, fetchOne), enabled: options.enabled });
}
