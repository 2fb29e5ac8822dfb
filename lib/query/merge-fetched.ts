// mergeFetched: reconciles fetched lists and details with the newest copies already pushed, whatever
// the order of arrival (a fetch that started before a push and ends after it never wins).
import type { QueryClient, QueryKey } from "@tanstack/react-query";
import { isInfinite, isPage, isRecord, pagesOf, withPages, type ListData } from "./collections";
import { patchDetail, stripMarkers } from "./entity-cache";
import {
  DAG_STEP_DOMAIN,
  dagStepId,
  domainOf,
  idOf,
  insertable,
  membership,
  versionOf,
  type AnyEntity,
  type EntityDomain,
} from "./entity-domains";
import { pendingOfDomain } from "./pending";
import { getVersionStore } from "./version-store";

export interface MergeFetchedOptions {
  /**
   * `versionSeq(qc)` taken before the fetch started. Entities pushed or changed since then that
   * belong in this list (filters match, they sort into the first page) are added to it: the fetch
   * may have been answered before they existed.
   */
  since?: number;
  /** Whether `data` is the first page of its list (default true). Only the first page gains items. */
  firstPage?: boolean;
}

/** The store's sequence number now; take it before a fetch starts and pass it as `since`. */
export function versionSeq(qc: QueryClient): number {
  return getVersionStore(qc).seq();
}

/**
 * Reconciles fetched data with what the client already knows, for a key from `queryKeys`:
 * - `[domain, "detail", id]` (data: the entity): the newer of the fetched and the held copy; a
 *   removed entity comes back with `_deleted: true`.
 * - `[domain, "list", params]` (data: one page `{items, next_cursor}`, a plain array, or the whole
 *   InfiniteData): every item replaced by a newer held copy, removed items and items that no
 *   longer match the filters dropped, pending optimistic items kept at the top of the first page,
 *   and (with `since`) items pushed during the fetch added where they sort.
 * Every fetched copy newer than the held one is remembered. Other keys pass through unchanged.
 */
export function mergeFetched<T>(qc: QueryClient, queryKey: QueryKey, data: T, opts: MergeFetchedOptions = {}): T {
  const domain = domainOf(queryKey[0]);
  if (!domain || data === undefined || data === null) return data;
  if (queryKey[1] === "detail") return mergeDetail(qc, domain, data) as T;
  if (queryKey[1] === "list") {
    const params = queryKey[2] ?? {};
    if (isInfinite<AnyEntity>(data)) {
      const pages = data.pages.map((page, i) =>
        mergeListData(qc, domain, page, params, { ...opts, firstPage: i === 0 && opts.firstPage !== false }),
      );
      return (pages.every((p, i) => p === data.pages[i]) ? data : { ...data, pages }) as T;
    }
    if (Array.isArray(data) || isPage(data)) return mergeListData(qc, domain, data as ListData<AnyEntity>, params, opts) as T;
  }
  return data;
}

/** Runs `fetcher` and merges its answer (taking `since` before it starts). */
export async function fetchMerged<T>(
  qc: QueryClient,
  queryKey: QueryKey,
  fetcher: () => Promise<T>,
  opts: Omit<MergeFetchedOptions, "since"> = {},
): Promise<T> {
  const since = versionSeq(qc);
  const data = await fetcher();
  return mergeFetched(qc, queryKey, data, { ...opts, since });
}

// ---- details ----

function mergeDetail(qc: QueryClient, domain: EntityDomain, data: unknown): unknown {
  if (!isRecord(data)) return data;
  const store = getVersionStore(qc);
  const id = idOf(domain, data);
  let out: AnyEntity = data;
  if (id !== undefined) {
    const v = versionOf(data);
    const held = store.get(domain.name, id);
    if (held && held.entity === null && held.version >= v) out = { ...data, _deleted: true };
    else if (held && held.entity !== null && (held.version > v || (held.version === v && domain.preferHeld?.(held.entity as AnyEntity, data)))) {
      out = { ...data, ...(held.entity as AnyEntity) };
    } else store.offer(domain.name, id, v, stripMarkers(data));
  }
  return withNewestSteps(qc, domain, out);
}

/** A fetched DAG run (detail or list item) with each step replaced by a newer pushed copy. */
function withNewestSteps(qc: QueryClient, domain: EntityDomain, run: AnyEntity): AnyEntity {
  if (domain.name !== "dag-runs" || !Array.isArray(run.steps)) return run;
  const steps = mergeSteps(qc, run.steps as AnyEntity[]);
  return steps === run.steps ? run : { ...run, steps };
}

function mergeSteps(qc: QueryClient, steps: AnyEntity[]): AnyEntity[] {
  const store = getVersionStore(qc);
  let changed = false;
  const out = steps.map((step) => {
    if (typeof step.run_id !== "string" || typeof step.step_id !== "string") return step;
    const key = dagStepId(step as { run_id: string; step_id: string });
    const v = versionOf(step);
    const held = store.get(DAG_STEP_DOMAIN, key);
    if (held && held.entity !== null && held.version > v) {
      changed = true;
      return { ...step, ...(held.entity as AnyEntity) };
    }
    store.offer(DAG_STEP_DOMAIN, key, v, step);
    return step;
  });
  return changed ? out : steps;
}

// ---- lists ----

function mergeListData(
  qc: QueryClient,
  domain: EntityDomain,
  data: ListData<AnyEntity>,
  params: unknown,
  opts: MergeFetchedOptions,
): ListData<AnyEntity> {
  const store = getVersionStore(qc);
  const firstPage = opts.firstPage !== false;
  let delta = 0;
  const seen = new Set<string>();
  const pages = pagesOf(data).map((items) => {
    let changed = false;
    const out: AnyEntity[] = [];
    for (const fetched of items) {
      // A list fetch that started before a step_status and ended after it must not turn a cell back.
      const item = withNewestSteps(qc, domain, fetched);
      if (item !== fetched) changed = true;
      const id = idOf(domain, item);
      if (id === undefined || item._pending === true) {
        out.push(item);
        continue;
      }
      if (seen.has(id)) {
        changed = true;
        delta -= 1;
        continue;
      }
      seen.add(id);
      const v = versionOf(item);
      const held = store.get(domain.name, id);
      if (held && held.entity === null && held.version >= v) {
        changed = true;
        delta -= 1;
        continue;
      }
      if (held && held.entity !== null && (held.version > v || (held.version === v && domain.preferHeld?.(held.entity as AnyEntity, item)))) {
        const newer = { ...item, ...(held.entity as AnyEntity) };
        changed = true;
        if (membership(domain, newer, params) === false) {
          delta -= 1;
          continue;
        }
        out.push(newer);
        continue;
      }
      if (store.offer(domain.name, id, v, item)) {
        // A fetched copy newer than the loaded detail: bring the detail along.
        qc.setQueryData([domain.name, "detail", id], (old: unknown) => patchDetail(old, item, v));
      }
      out.push(item);
    }
    return changed ? out : items;
  });

  if (firstPage && pages.length > 0 && insertable(params)) {
    let first = pages[0]!;
    const present = (e: AnyEntity) => {
      const id = idOf(domain, e);
      return id !== undefined && first.some((x) => x._pending !== true && idOf(domain, x) === id);
    };
    const more = hasMore(data);
    if (opts.since !== undefined) {
      for (const e of store.changedSince(domain.name, opts.since) as AnyEntity[]) {
        if (present(e) || membership(domain, e, params) !== true) continue;
        const next = insertWhereItSorts(domain, first, e, more);
        if (next !== first) {
          first = next;
          delta += 1;
        }
      }
    }
    for (const { item } of pendingOfDomain(qc, domain.name)) {
      const cmid = item.client_mutation_id;
      const confirmed = first.some((x) => x.client_mutation_id === cmid);
      if (confirmed || membership(domain, item, params) !== true) continue;
      first = [item, ...first];
    }
    pages[0] = first;
  }
  return withPages(data, pages, delta);
}

function insertWhereItSorts(domain: EntityDomain, items: AnyEntity[], entity: AnyEntity, more: boolean): AnyEntity[] {
  let at = items.findIndex((item) => item._pending !== true && domain.compare(entity, item) < 0);
  if (at === -1) {
    if (more) return items;
    at = items.length;
  }
  return [...items.slice(0, at), stripMarkers(entity), ...items.slice(at)];
}

function hasMore(data: ListData<AnyEntity>): boolean {
  if (Array.isArray(data)) return false;
  if (isInfinite<AnyEntity>(data)) return (data.pages[0]?.next_cursor ?? null) !== null || data.pages.length > 1;
  return data.next_cursor !== null;
}
