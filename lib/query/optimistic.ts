// Optimistic helpers for mutations: pending items (insert, confirm by push or HTTP, rollback, auto
// rollback) and optimistic field changes on existing entities.
import type { QueryClient, QueryKey } from "@tanstack/react-query";
import { toast } from "sonner";
import { isListData, pagesOf, withPages } from "./collections";
import { removeFromList, upsertEntity, type UpsertResult } from "./entity-cache";
import {
  ENTITY_DOMAINS,
  domainOf,
  idOf,
  insertable,
  membership,
  versionOf,
  type AnyEntity,
  type EntityDomain,
} from "./entity-domains";
import { pendingRegistry, settlePending } from "./pending";

/** How long a pending item waits for its confirmation before it is rolled back. */
export const PENDING_TIMEOUT_MS = 10_000;

export type ToastFn = (message: string) => void;

const defaultToast: ToastFn = (message) => {
  toast.error(message);
};
let currentToast: ToastFn = defaultToast;

/** Replaces the error toast (tests); null restores sonner's `toast.error`. */
export function setOptimisticToast(fn: ToastFn | null): void {
  currentToast = fn ?? defaultToast;
}

export interface InsertPendingOptions {
  /** Default PENDING_TIMEOUT_MS; 0 or Infinity: no automatic rollback. */
  timeoutMs?: number;
  /** Toast shown by the automatic rollback. */
  timeoutMessage?: string;
  toast?: ToastFn;
}

/**
 * Shows `item` at the top of every loaded list under `listKeyPrefix` (e.g. `queryKeys.jobs.lists()`)
 * whose filters it matches, marked `_pending: true`, until `confirmPending` (or a pushed entity with
 * the same `client_mutation_id`) replaces it, or `rollbackPending` removes it. Returns the id.
 */
export function insertPending<T extends { client_mutation_id: string }>(
  qc: QueryClient,
  listKeyPrefix: QueryKey,
  item: T,
  opts: InsertPendingOptions = {},
): string {
  const domain = requireDomain(listKeyPrefix[0], "insertPending");
  const cmid = item.client_mutation_id;
  if (typeof cmid !== "string" || cmid.length === 0) throw new Error("insertPending: item.client_mutation_id is required");
  settlePending(qc, cmid);
  const pendingItem: AnyEntity = { ...(item as unknown as AnyEntity), _pending: true };

  const timeoutMs = opts.timeoutMs ?? PENDING_TIMEOUT_MS;
  const timer =
    timeoutMs > 0 && Number.isFinite(timeoutMs)
      ? setTimeout(
          () => rollbackPending(qc, cmid, opts.timeoutMessage ?? "The server did not confirm the change in time; it was undone.", { toast: opts.toast }),
          timeoutMs,
        )
      : null;
  pendingRegistry(qc).set(cmid, { domain: domain.name, item: pendingItem, timer });

  for (const query of qc.getQueryCache().findAll({ queryKey: listKeyPrefix })) {
    if (query.queryKey[1] !== "list" || query.state.data === undefined) continue;
    const params = query.queryKey[2] ?? {};
    if (membership(domain, pendingItem, params) !== true || !insertable(params)) continue;
    qc.setQueryData(query.queryKey, (old: unknown) => {
      if (!isListData<AnyEntity>(old)) return old;
      const pages = pagesOf(old);
      if (pages.some((items) => items.some((i) => i.client_mutation_id === cmid))) return old;
      const next = pages.slice();
      next[0] = [pendingItem, ...(pages[0] ?? [])];
      return withPages(old, next);
    });
  }
  return cmid;
}

/**
 * Replaces the pending item with the server's entity (e.g. from the HTTP answer). Whichever of this
 * and the pushed event comes first wins; the other is a no-op, and the item is never duplicated.
 * `listKeyPrefix` names the domain when the entity alone cannot (default: the pending entry's).
 */
export function confirmPending(qc: QueryClient, clientMutationId: string, entity: object, listKeyPrefix?: QueryKey): UpsertResult {
  const entry = pendingRegistry(qc).get(clientMutationId);
  const domain =
    (listKeyPrefix ? domainOf(listKeyPrefix[0]) : undefined) ??
    (entry ? domainOf(entry.domain) : undefined) ??
    guessDomain(entity);
  if (!domain) throw new Error("confirmPending: cannot tell the entity's domain; pass listKeyPrefix");
  const withId: AnyEntity = { ...(entity as AnyEntity) };
  if (typeof withId.client_mutation_id !== "string") withId.client_mutation_id = clientMutationId;
  settlePending(qc, clientMutationId);
  return upsertEntity(qc, domain, withId);
}

export interface RollbackOptions {
  toast?: ToastFn;
}

/**
 * Removes the pending item everywhere and shows `message` as an error toast. Does nothing (and
 * shows nothing) when the item was already confirmed. Returns whether something was rolled back.
 */
export function rollbackPending(qc: QueryClient, clientMutationId: string, message?: string, opts: RollbackOptions = {}): boolean {
  const entry = settlePending(qc, clientMutationId);
  const domains = entry ? [domainOf(entry.domain)].filter((d): d is EntityDomain => !!d) : Object.values(ENTITY_DOMAINS);
  let removed = false;
  const isPendingCopy = (i: AnyEntity) => i._pending === true && i.client_mutation_id === clientMutationId;
  for (const domain of domains) {
    for (const query of qc.getQueryCache().findAll({ queryKey: [domain.name, "list"] })) {
      const data = query.state.data;
      if (!isListData<AnyEntity>(data) || !pagesOf(data).some((items) => items.some(isPendingCopy))) continue;
      removed = true;
      qc.setQueryData(query.queryKey, (old: unknown) => removeFromList(domain, old, isPendingCopy));
    }
  }
  if ((entry || removed) && message) (opts.toast ?? currentToast)(message);
  return entry !== undefined || removed;
}

/** Writes an entity returned by an HTTP answer, version-gated like a pushed one. */
export function applyServerEntity(qc: QueryClient, domainName: string, entity: object): UpsertResult {
  return upsertEntity(qc, requireDomain(domainName, "applyServerEntity"), entity);
}

export interface EntityRef {
  /** A domain of queryKeys: "jobs", "tasks", "agents", "knowledge", "dags", "dag-runs", "notifications"... */
  domain: string;
  id: string;
}

/** Undoes an optimistic patch (callable); `settle()` when the mutation settles (success or not). */
export interface OptimisticPatchHandle {
  (): void;
  rollback(): void;
  settle(): void;
}

/**
 * Applies `patch` at once to the entity's detail and every loaded list copy (after cancelling
 * their in-flight fetches, which would otherwise overwrite it). Call in `onMutate`; on error call
 * the returned rollback (it restores only the fields still showing this patch, and only while no
 * newer version arrived); in `onSettled` call `.settle()`: when the last mutation in flight on the
 * entity settles, the fetches that were cancelled are run again.
 */
export async function optimisticPatch(qc: QueryClient, ref: EntityRef, patch: Record<string, unknown>): Promise<OptimisticPatchHandle> {
  const domain = requireDomain(ref.domain, "optimisticPatch");
  const detailKey: QueryKey = [domain.name, "detail", ref.id];
  const listKey: QueryKey = [domain.name, "list"];
  const state = patchState(qc);
  const entityKey = `${domain.name}\u0000${ref.id}`;

  const wasFetching = [
    ...qc.getQueryCache().findAll({ queryKey: detailKey, exact: true, fetchStatus: "fetching" }),
    ...qc.getQueryCache().findAll({ queryKey: listKey, fetchStatus: "fetching" }),
  ].map((q) => q.queryKey);
  await Promise.all([qc.cancelQueries({ queryKey: detailKey, exact: true }), qc.cancelQueries({ queryKey: listKey })]);

  const inflight = state.get(entityKey) ?? { count: 0, cancelled: [] as QueryKey[] };
  inflight.count += 1;
  inflight.cancelled.push(...wasFetching);
  state.set(entityKey, inflight);

  let previous: Record<string, unknown> | null = null;
  let baseVersion: number | null = null;
  const apply = (item: AnyEntity): AnyEntity => {
    if (previous === null) {
      previous = Object.fromEntries(Object.keys(patch).map((k) => [k, item[k]]));
      baseVersion = versionOf(item);
    }
    return { ...item, ...patch };
  };
  qc.setQueryData(detailKey, (old: unknown) => (isEntity(old) && !old._deleted ? apply(old) : old));
  forEachListCopy(qc, domain, ref.id, apply);

  let rolledBack = false;
  let settled = false;
  const rollback = () => {
    if (rolledBack || previous === null) return;
    rolledBack = true;
    const prev = previous as Record<string, unknown>;
    const undo = (item: AnyEntity): AnyEntity => {
      if (versionOf(item) !== baseVersion) return item; // the server moved on: its copy wins
      let next: AnyEntity | null = null;
      for (const [k, v] of Object.entries(patch)) {
        if (!sameValue(item[k], v)) continue; // changed since (another mutation or a push)
        next ??= { ...item };
        next[k] = prev[k];
      }
      return next ?? item;
    };
    qc.setQueryData(detailKey, (old: unknown) => (isEntity(old) ? undo(old) : old));
    forEachListCopy(qc, domain, ref.id, undo);
  };
  const handle = (() => rollback()) as OptimisticPatchHandle;
  handle.rollback = rollback;
  handle.settle = () => {
    if (settled) return;
    settled = true;
    const current = state.get(entityKey);
    if (!current) return;
    current.count -= 1;
    if (current.count > 0) return;
    state.delete(entityKey);
    const seen = new Set<string>();
    for (const key of current.cancelled) {
      const hash = JSON.stringify(key);
      if (seen.has(hash)) continue;
      seen.add(hash);
      void qc.invalidateQueries({ queryKey: key, exact: true });
    }
  };
  return handle;
}

// ---- helpers ----

const patchStates = new WeakMap<QueryClient, Map<string, { count: number; cancelled: QueryKey[] }>>();

function patchState(qc: QueryClient) {
  let s = patchStates.get(qc);
  if (!s) {
    s = new Map();
    patchStates.set(qc, s);
  }
  return s;
}

function forEachListCopy(qc: QueryClient, domain: EntityDomain, id: string, change: (item: AnyEntity) => AnyEntity): void {
  for (const query of qc.getQueryCache().findAll({ queryKey: [domain.name, "list"] })) {
    if (query.state.data === undefined) continue;
    qc.setQueryData(query.queryKey, (old: unknown) => {
      if (!isListData<AnyEntity>(old)) return old;
      const pages = pagesOf(old).map((items) => {
        if (!items.some((i) => i._pending !== true && idOf(domain, i) === id)) return items;
        return items.map((i) => (i._pending !== true && idOf(domain, i) === id ? change(i) : i));
      });
      return withPages(old, pages);
    });
  }
}

function requireDomain(name: unknown, fn: string): EntityDomain {
  const domain = domainOf(name);
  if (!domain) {
    throw new Error(`${fn}: "${String(name)}" is not an entity domain (expected one of ${Object.keys(ENTITY_DOMAINS).join(", ")})`);
  }
  return domain;
}

/** The domain of an entity by its id field (most specific first: a task also has job_id). */
function guessDomain(entity: object): EntityDomain | undefined {
  const order = ["tasks", "jobs", "knowledge", "insights", "dag-runs", "dags", "agents", "notifications"];
  return order.map((n) => ENTITY_DOMAINS[n]!).find((d) => typeof (entity as AnyEntity)[d.idField] === "string");
}

/** Equal values; arrays and objects by content (the cache's structural sharing copies them). */
function sameValue(a: unknown, b: unknown): boolean {
  if (Object.is(a, b)) return true;
  return typeof a === "object" && typeof b === "object" && a !== null && b !== null && JSON.stringify(a) === JSON.stringify(b);
}

function isEntity(v: unknown): v is AnyEntity {
  return typeof v === "object" && v !== null && !Array.isArray(v);
}
