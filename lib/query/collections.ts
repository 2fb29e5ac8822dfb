// Shapes of cached collections (infinite pages, one page, plain array) and shape-preserving edits of them.
import type { InfiniteData } from "@tanstack/react-query";

/** One page of a list route: `{items, next_cursor}` (a numeric `total` is kept right when present). */
export interface Page<T> {
  items: T[];
  next_cursor: string | null;
  total?: number;
}

/** What a list query may hold: an infinite query's pages, a single page, or a plain array. */
export type ListData<T> = InfiniteData<Page<T>, unknown> | Page<T> | T[];

/** Markers the client adds to cached entities. */
export interface ClientMarkers {
  /** An optimistic item or change not yet confirmed by the server. */
  _pending?: boolean;
  /** The entity was removed on the server (details keep their last copy with this flag). */
  _deleted?: boolean;
}

export function isInfinite<T>(data: unknown): data is InfiniteData<Page<T>, unknown> {
  return isRecord(data) && Array.isArray(data.pages) && Array.isArray(data.pageParams);
}

export function isPage<T>(data: unknown): data is Page<T> {
  return isRecord(data) && Array.isArray(data.items);
}

export function isListData<T>(data: unknown): data is ListData<T> {
  return Array.isArray(data) || isPage(data) || (isInfinite(data) && data.pages.every((p) => isPage(p)));
}

/** The item arrays of a collection, first page first. */
export function pagesOf<T>(data: ListData<T>): T[][] {
  if (Array.isArray(data)) return [data];
  if (isInfinite<T>(data)) return data.pages.map((p) => p.items);
  return [data.items];
}

/** Whether more items exist after page `index` (a plain array is complete). */
export function hasMoreAfter<T>(data: ListData<T>, index: number): boolean {
  if (Array.isArray(data)) return false;
  if (isInfinite<T>(data)) {
    if (index < data.pages.length - 1) return true;
    return (data.pages[index]?.next_cursor ?? null) !== null;
  }
  return data.next_cursor !== null;
}

/**
 * Rebuilds a collection from new item arrays (same count as `pagesOf`), keeping every untouched
 * page object and adjusting the first page's `total` by `totalDelta`. Returns `data` itself when
 * nothing changed, so React Query sees no change.
 */
export function withPages<T>(data: ListData<T>, pages: T[][], totalDelta = 0): ListData<T> {
  const old = pagesOf(data);
  const same = totalDelta === 0 && pages.every((p, i) => p === old[i]);
  if (same) return data;
  if (Array.isArray(data)) return pages[0] ?? [];
  if (isInfinite<T>(data)) {
    return {
      ...data,
      pages: data.pages.map((page, i) => {
        const items = pages[i] ?? page.items;
        const total = i === 0 ? adjustTotal(page.total, totalDelta) : page.total;
        if (items === page.items && total === page.total) return page;
        return total === undefined ? { ...page, items } : { ...page, items, total };
      }),
    };
  }
  const total = adjustTotal(data.total, totalDelta);
  return total === undefined ? { ...data, items: pages[0] ?? [] } : { ...data, items: pages[0] ?? [], total };
}

/** Prepends (or appends) to a push-fed collection, dropping the oldest past `cap`. */
export function addToFeed<T>(
  data: unknown,
  entries: readonly T[],
  opts: { cap: number; at: "start" | "end"; sameAs?: (a: T, b: T) => boolean },
): unknown {
  if (data === undefined || entries.length === 0 || !isListData<T>(data)) return data;
  const first = pagesOf(data)[0] ?? [];
  const fresh = opts.sameAs ? entries.filter((e) => !first.some((x) => opts.sameAs!(x, e))) : [...entries];
  if (fresh.length === 0) return data;
  let items = opts.at === "start" ? [...[...fresh].reverse(), ...first] : [...first, ...fresh];
  if (items.length > opts.cap) items = opts.at === "start" ? items.slice(0, opts.cap) : items.slice(items.length - opts.cap);
  const pages = pagesOf(data).slice();
  pages[0] = items;
  return withPages(data, pages);
}

/** Replaces the entry that `sameAs` the new one, or adds it (keyed collections such as processes by pid). */
export function upsertInArray<T>(data: unknown, entry: T, sameAs: (a: T, b: T) => boolean, cap = 1_000): unknown {
  if (!Array.isArray(data)) return data;
  const i = data.findIndex((x: T) => sameAs(x, entry));
  if (i >= 0) {
    const next = data.slice();
    next[i] = entry;
    return next;
  }
  const next = [...data, entry];
  return next.length > cap ? next.slice(next.length - cap) : next;
}

function adjustTotal(total: number | undefined, delta: number): number | undefined {
  if (typeof total !== "number" || delta === 0) return total;
  return Math.max(0, total + delta);
}

export function isRecord(v: unknown): v is Record<string, unknown> {
  return typeof v === "object" && v !== null && !Array.isArray(v);
}
