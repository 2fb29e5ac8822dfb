// Query option builders for entity lists and details: paging by cursor and mergeFetched wired in.
import type { QueryClient, QueryKey } from "@tanstack/react-query";
import type { Page } from "./collections";
import { fetchMerged } from "./merge-fetched";

export interface FetchPageContext {
  /** null for the first page. */
  cursor: string | null;
  signal: AbortSignal;
}

/**
 * Options for `useInfiniteQuery` over a `{items, next_cursor}` route, merged against pushed data:
 *
 *   const qc = useQueryClient();
 *   useInfiniteQuery(entityListOptions(qc, queryKeys.jobs.list(filters), ({ cursor, signal }) =>
 *     apiFetch<Page<Job>>("/api/jobs", { query: { ...filters, cursor }, signal })));
 */
export function entityListOptions<T>(
  qc: QueryClient,
  queryKey: QueryKey,
  fetchPage: (ctx: FetchPageContext) => Promise<Page<T>>,
) {
  return {
    queryKey,
    initialPageParam: null as string | null,
    queryFn: ({ pageParam, signal }: { pageParam: string | null; signal: AbortSignal }) =>
      fetchMerged(qc, queryKey, () => fetchPage({ cursor: pageParam, signal }), { firstPage: pageParam === null }),
    getNextPageParam: (last: Page<T>) => last.next_cursor ?? undefined,
  };
}

/**
 * Options for `useQuery` of one entity, merged against pushed data:
 *
 *   useQuery(entityDetailOptions(qc, queryKeys.jobs.detail(id), (signal) => apiFetch<Job>(`/api/jobs/${id}`, { signal })));
 */
export function entityDetailOptions<T>(qc: QueryClient, queryKey: QueryKey, fetchOne: (signal: AbortSignal) => Promise<T>) {
  return {
    queryKey,
    queryFn: ({ signal }: { signal: AbortSignal }) => fetchMerged(qc, queryKey, () => fetchOne(signal)),
  };
}
