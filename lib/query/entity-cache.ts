// Version-gated writes of entities into every loaded list and detail of their domain (upsert, remove).
import type { Query, QueryClient, QueryKey } from "@tanstack/react-query";
import { hasMoreAfter, isListData, pagesOf, withPages, type ListData } from "./collections";
import {
  entityFromEvent,
  idOf,
  insertable,
  membership,
  versionOf,
  type AnyEntity,
  type EntityDomain,
} from "./entity-domains";
import { settlePending } from "./pending";
import { getVersionStore } from "./version-store";

export type UpsertResult = "applied" | "stale";

/**
 * Writes a pushed (or HTTP-returned) entity everywhere it is loaded, unless a copy at least as new
 * was seen. A pending optimistic item with the same `client_mutation_id` is replaced by it.
 * Never creates a cache entry.
 */
export function upsertEntity(qc: QueryClient, domain: EntityDomain, data: unknown): UpsertResult {
  const entity = entityFromEvent(domain, data);
  const id = idOf(domain, entity);
  if (id === undefined) return "stale";
  const version = versionOf(entity);
  const store = getVersionStore(qc);
  const cmid = typeof entity.client_mutation_id === "string" ? entity.client_mutation_id : null;

  if (!store.offer(domain.name, id, version, entity)) {
    // Stale or duplicate; it may still be the confirmation of a pending item that a newer push beat.
    if (cmid !== null) replacePendingWithHeld(qc, domain, cmid, id);
    return "stale";
  }
  if (cmid !== null) settlePending(qc, cmid);

  qc.setQueryData(domainKey(domain, "detail", id), (old: unknown) => patchDetail(old, entity, version));
  for (const query of loadedLists(qc, domain)) {
    qc.setQueryData(query.queryKey, (old: unknown) => patchList(domain, old, listParams(query.queryKey), entity, cmid));
  }
  return "applied";
}

/**
 * Removes an entity from every loaded list and marks its detail `_deleted`, and keeps a tombstone
 * at `version` (Infinity: for good) so an older upsert arriving later cannot bring it back.
 */
export function removeEntity(qc: QueryClient, domain: EntityDomain, id: string, version = Number.POSITIVE_INFINITY): boolean {
  if (!getVersionStore(qc).tombstone(domain.name, id, version)) return false;
  qc.setQueryData(domainKey(domain, "detail", id), (old: unknown) => {
    if (old === undefined || old === null || typeof old !== "object") return old;
    if ((old as AnyEntity)._deleted === true) return old;
    return { ...(old as AnyEntity), _deleted: true };
  });
  for (const query of loadedLists(qc, domain)) {
    qc.setQueryData(query.queryKey, (old: unknown) => removeFromList(domain, old, (item) => idOf(domain, item) === id && item._pending !== true));
  }
  return true;
}

/** Applies a change without a version bump to every loaded copy (e.g. notification_read). */
export function touchEntities(
  qc: QueryClient,
  domain: EntityDomain,
  select: (e: AnyEntity) => boolean,
  change: (e: AnyEntity) => AnyEntity,
): void {
  const store = getVersionStore(qc);
  const touch = (e: AnyEntity): AnyEntity => {
    const next = change(e);
    const id = idOf(domain, next);
    if (id !== undefined && next !== e) store.touch(domain.name, id, { ...(store.get(domain.name, id)?.entity as AnyEntity), ...next });
    return next;
  };
  for (const query of loadedLists(qc, domain)) {
    const params = listParams(query.queryKey);
    qc.setQueryData(query.queryKey, (old: unknown) => {
      if (!isListData<AnyEntity>(old)) return old;
      let delta = 0;
      const pages = pagesOf(old).map((items) => {
        let changed = false;
        const out: AnyEntity[] = [];
        for (const item of items) {
          if (!select(item)) {
            out.push(item);
            continue;
          }
          const next = touch(item);
          if (next !== item) changed = true;
          if (next !== item && membership(domain, next, params) === false) {
            delta -= 1;
            continue;
          }
          out.push(next);
        }
        return changed ? out : items;
      });
      return withPages(old, pages, delta);
    });
  }
}

// ---- list and detail edits (pure) ----

/** The new detail data: `old` merged with `entity` when `entity` is newer; never creates one. */
export function patchDetail(old: unknown, entity: AnyEntity, version: number): unknown {
  if (old === undefined || old === null || typeof old !== "object") return old;
  const held = old as AnyEntity;
  if (versionOf(held) >= version) return old;
  const next: AnyEntity = { ...held, ...entity };
  delete next._pending;
  delete next._deleted;
  return next;
}

/**
 * The new list data after an upsert of `entity`: updated in place where it is (only when newer),
 * removed where it no longer matches the filters, replacing a pending item with its
 * `client_mutation_id`, or inserted into the first page where it sorts when it matches.
 */
export function patchList(
  domain: EntityDomain,
  data: unknown,
  params: unknown,
  entity: AnyEntity,
  cmid: string | null,
): unknown {
  if (!isListData<AnyEntity>(data)) return data;
  const id = idOf(domain, entity);
  const version = versionOf(entity);
  const member = membership(domain, entity, params);
  const pages = pagesOf(data);

  let real: { page: number; index: number } | null = null;
  let pendingAt: { page: number; index: number } | null = null;
  pages.forEach((items, p) =>
    items.forEach((item, i) => {
      if (item._pending === true) {
        if (cmid !== null && item.client_mutation_id === cmid && pendingAt === null) pendingAt = { page: p, index: i };
      } else if (idOf(domain, item) === id && real === null) {
        real = { page: p, index: i };
      }
    }),
  );
  const realAt = real as { page: number; index: number } | null;
  const pendAt = pendingAt as { page: number; index: number } | null;

  let keep: { page: number; index: number; value: AnyEntity } | null = null;
  if (realAt) {
    const held = pages[realAt.page]![realAt.index]!;
    if (versionOf(held) >= version) keep = { ...realAt, value: held };
    else if (member !== false) keep = { ...realAt, value: stripMarkers({ ...held, ...entity }) };
  } else if (pendAt && member !== false) {
    keep = { ...pendAt, value: stripMarkers(entity) };
  }

  // Drop every copy (real or pending with this cmid) except the one kept.
  let removed = 0;
  let changed = false;
  const next = pages.map((items, p) => {
    let out: AnyEntity[] | null = null;
    items.forEach((item, i) => {
      const isCopy =
        item._pending === true ? cmid !== null && item.client_mutation_id === cmid : idOf(domain, item) === id;
      if (!isCopy) {
        out?.push(item);
        return;
      }
      if (keep && keep.page === p && keep.index === i) {
        if (keep.value !== item) {
          out ??= items.slice(0, i);
          out.push(keep.value);
        } else {
          out?.push(item);
        }
        return;
      }
      out ??= items.slice(0, i);
      if (item._pending !== true) removed += 1;
    });
    if (out) changed = true;
    return out ?? items;
  });
  if (keep && pendAt && !realAt) removed -= 1; // a pending item became a real one
  if (changed) return withPages(data, next, -removed);

  if (realAt || pendAt || member !== true || !insertable(params)) return data;
  return insertSorted(domain, data, entity);
}

/** Inserts `entity` into the first page where it sorts; not at all when it sorts past a page with more after it. */
export function insertSorted(domain: EntityDomain, data: ListData<AnyEntity>, entity: AnyEntity): ListData<AnyEntity> {
  const pages = pagesOf(data);
  const first = pages[0] ?? [];
  let at = first.findIndex((item) => domain.compare(entity, item) < 0);
  if (at === -1) {
    if (hasMoreAfter(data, 0)) return data;
    at = first.length;
  }
  const items = [...first.slice(0, at), stripMarkers(entity), ...first.slice(at)];
  const nextPages = pages.slice();
  nextPages[0] = items;
  return withPages(data, nextPages, 1);
}

export function removeFromList(domain: EntityDomain, data: unknown, match: (item: AnyEntity) => boolean): unknown {
  if (!isListData<AnyEntity>(data)) return data;
  let removed = 0;
  const pages = pagesOf(data).map((items) => {
    if (!items.some(match)) return items;
    return items.filter((item) => {
      if (!match(item)) return true;
      if (item._pending !== true) removed += 1;
      return false;
    });
  });
  return withPages(data, pages, -removed);
}

// ---- queries ----

export function domainKey(domain: EntityDomain, kind: "list" | "detail", id?: string): QueryKey {
  return id === undefined ? [domain.name, kind] : [domain.name, kind, id];
}

/** List queries of a domain that hold data. */
export function loadedLists(qc: QueryClient, domain: EntityDomain): Query[] {
  return qc
    .getQueryCache()
    .findAll({ queryKey: [domain.name, "list"] })
    .filter((q) => q.state.data !== undefined);
}

export function listParams(queryKey: QueryKey): unknown {
  return queryKey[2] ?? {};
}

export function stripMarkers(e: AnyEntity): AnyEntity {
  if (!("_pending" in e) && !("_deleted" in e)) return e;
  const out = { ...e };
  delete out._pending;
  delete out._deleted;
  return out;
}

/** A stale confirmation: swap any pending copy for the newest held copy of the entity. */
function replacePendingWithHeld(qc: QueryClient, domain: EntityDomain, cmid: string, id: string): void {
  settlePending(qc, cmid);
  const held = getVersionStore(qc).get(domain.name, id);
  for (const query of loadedLists(qc, domain)) {
    const params = listParams(query.queryKey);
    qc.setQueryData(query.queryKey, (old: unknown) => {
      if (!isListData<AnyEntity>(old)) return old;
      const hasPending = pagesOf(old).some((items) => items.some((i) => i._pending === true && i.client_mutation_id === cmid));
      if (!hasPending) return old;
      if (!held || held.entity === null) {
        return removeFromList(domain, old, (i) => i._pending === true && i.client_mutation_id === cmid);
      }
      return patchList(domain, old, params, { ...(held.entity as AnyEntity), version: held.version }, cmid);
    });
  }
}
