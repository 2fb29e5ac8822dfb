// Admin console patchers: live connections, each instance's topic figures, users, API keys and the
// audit log, version-gated through the version store (so a slow fetch never undoes a push).
import type { InfiniteData, QueryClient } from "@tanstack/react-query";
import type { AuditPage } from "@/lib/api/admin";
import type { AdminConnection, AdminTopicsSnapshot, AdminUser, ApiKey, AuditEntry, TopicRate } from "@/lib/protocol/entities/admin";
import { queryKeys } from "../keys";
import { getVersionStore } from "../version-store";
import { updateIfLoaded, type PatcherMap } from "./types";

/** Version-store domains of the console's collections (not entity domains of entity-domains.ts). */
export const ADMIN_DOMAINS = {
  connections: "admin-connections",
  users: "admin-users",
  apiKeys: "admin-api-keys",
  audit: "admin-audit",
} as const;

/** A socket as the cache holds it: `_pending: "disconnect"` from the click until its close is pushed. */
export type AdminConnectionRow = AdminConnection & { _pending?: "disconnect" };
/** A user as the cache holds it: `_pending` while a role change, disable or enable is in flight. */
export type AdminUserRow = AdminUser & { _pending?: "role" | "disable" | "enable" };
/** A key as the cache holds it: `_pending: "revoke"` while its revocation is in flight. */
export type ApiKeyRow = ApiKey & { _pending?: "revoke" };

/** Snapshots older than this behind the newest one belong to an instance that stopped reporting. */
export const STALE_SNAPSHOT_MS = 10_000;

// ---- connections ----

/** Puts a socket into the loaded list when it is newer than the copy held (a pending disconnect stays marked). */
export function upsertConnection(qc: QueryClient, conn: AdminConnection): void {
  if (!getVersionStore(qc).offer(ADMIN_DOMAINS.connections, conn.client_id, conn.version, conn)) return;
  updateIfLoaded<AdminConnectionRow[]>(qc, queryKeys.admin.connections(), (rows) => upsertRow(rows, conn, (r) => r.client_id, (held) => ({ ...conn, _pending: held?._pending })));
}

/** A figures update: applied only to a socket this tab already holds (never resurrects a closed one). */
export function updateConnection(qc: QueryClient, conn: AdminConnection): void {
  const held = getVersionStore(qc).get(ADMIN_DOMAINS.connections, conn.client_id);
  if (held?.entity === null) return;
  // The store may have forgotten a long-lived socket (it keeps the newest entries): the list still shows it.
  const listed = qc.getQueryData<AdminConnectionRow[]>(queryKeys.admin.connections())?.some((r) => r.client_id === conn.client_id);
  if (!held && !listed) return;
  upsertConnection(qc, conn);
}

/** A socket closed: it leaves the list for good (a late fetch or figures update cannot bring it back). */
export function removeConnection(qc: QueryClient, clientId: string): void {
  getVersionStore(qc).tombstone(ADMIN_DOMAINS.connections, clientId, Number.POSITIVE_INFINITY);
  updateIfLoaded<AdminConnectionRow[]>(qc, queryKeys.admin.connections(), (rows) => (rows.some((r) => r.client_id === clientId) ? rows.filter((r) => r.client_id !== clientId) : rows));
}

/** Marks (or unmarks, with undefined) the sockets matching `which` as being disconnected. */
export function markConnections(qc: QueryClient, which: (row: AdminConnectionRow) => boolean, pending: "disconnect" | undefined): void {
  updateIfLoaded<AdminConnectionRow[]>(qc, queryKeys.admin.connections(), (rows) =>
    rows.some((r) => which(r) && r._pending !== pending) ? rows.map((r) => (which(r) ? { ...r, _pending: pending } : r)) : rows,
  );
}

// ---- users and keys ----

/** Puts a user into the loaded list when newer than the copy held; the newer copy clears a pending mark. */
export function upsertAdminUser(qc: QueryClient, user: AdminUser): void {
  const { change: _change, closed_connections: _closed, ...plain } = user as AdminUser & { change?: string; closed_connections?: number };
  if (!getVersionStore(qc).offer(ADMIN_DOMAINS.users, plain.id, plain.version, plain)) return;
  updateIfLoaded<AdminUserRow[]>(qc, queryKeys.admin.users(), (rows) => upsertRow(rows, plain, (r) => r.id, () => plain));
}

/** Puts a key into the loaded list when newer than the copy held (never with its secret). */
export function upsertApiKey(qc: QueryClient, key: ApiKey): void {
  const { change: _change, key: _secret, closed_connections: _closed, ...plain } = key as ApiKey & { change?: string; key?: string; closed_connections?: number };
  if (!getVersionStore(qc).offer(ADMIN_DOMAINS.apiKeys, plain.id, plain.version, plain)) return;
  updateIfLoaded<ApiKeyRow[]>(qc, queryKeys.admin.apiKeys(), (rows) => upsertRow(rows, plain, (r) => r.id, () => plain));
}

/** Puts back the newest server copy of a user (after a failed change), dropping the pending mark. */
export function restoreAdminUser(qc: QueryClient, id: string): void {
  const held = getVersionStore(qc).get(ADMIN_DOMAINS.users, id)?.entity as AdminUser | undefined;
  updateIfLoaded<AdminUserRow[]>(qc, queryKeys.admin.users(), (rows) => rows.map((r) => (r.id === id ? (held ?? { ...r, _pending: undefined }) : r)));
}

/** Puts back the newest server copy of a key (after a failed revoke). */
export function restoreApiKey(qc: QueryClient, id: string): void {
  const held = getVersionStore(qc).get(ADMIN_DOMAINS.apiKeys, id)?.entity as ApiKey | undefined;
  updateIfLoaded<ApiKeyRow[]>(qc, queryKeys.admin.apiKeys(), (rows) => rows.map((r) => (r.id === id ? (held ?? { ...r, _pending: undefined }) : r)));
}

/**
 * Merges a fetched list against what was pushed meanwhile: a held newer copy wins, a removed item
 * stays removed, and items pushed after the fetch started (`seqBefore`) are added. Every fetched
 * copy is recorded in the version store.
 */
export function mergeFetchedRows<T extends { version: number }>(qc: QueryClient, domain: string, seqBefore: number, fetched: readonly T[], idOf: (item: T) => string): T[] {
  const store = getVersionStore(qc);
  const out: T[] = [];
  const seen = new Set<string>();
  for (const item of fetched) {
    const id = idOf(item);
    seen.add(id);
    store.offer(domain, id, item.version, item);
    const held = store.get(domain, id);
    if (held && held.entity === null) continue;
    out.push(held && held.version > item.version ? (held.entity as T) : item);
  }
  for (const entity of store.changedSince(domain, seqBefore) as T[]) {
    if (!seen.has(idOf(entity))) out.push(entity);
  }
  return out;
}

// ---- topics ----

/** Replaces an instance's snapshot with a newer one (several instances each report their own). */
export function upsertTopicSnapshot(qc: QueryClient, snapshot: AdminTopicsSnapshot): void {
  qc.setQueryData<AdminTopicsSnapshot[]>(queryKeys.admin.topics(), (old) => {
    const list = old ?? [];
    const i = list.findIndex((s) => s.instance_id === snapshot.instance_id);
    if (i === -1) return [...list, snapshot];
    if (list[i]!.at > snapshot.at) return list;
    const next = list.slice();
    next[i] = snapshot;
    return next;
  });
}

/** The cluster's figures: every live instance's snapshot summed (subscribers by pattern, rates by topic). */
export interface TopicsOverview {
  instances: number;
  at: string | null;
  connections: number;
  subscriptions: number;
  subscribers: { pattern: string; subscribers: number }[];
  rates: TopicRate[];
  replay_log: AdminTopicsSnapshot["replay_log"] | null;
  resyncs_served: number;
}

export function combineTopicSnapshots(snapshots: readonly AdminTopicsSnapshot[], staleMs = STALE_SNAPSHOT_MS): TopicsOverview {
  const newest = snapshots.reduce<AdminTopicsSnapshot | null>((a, s) => (a === null || s.at > a.at ? s : a), null);
  if (!newest) return { instances: 0, at: null, connections: 0, subscriptions: 0, subscribers: [], rates: [], replay_log: null, resyncs_served: 0 };
  const cutoff = Date.parse(newest.at) - staleMs;
  // A cluster's leader reports the whole cluster (`instances` set): its newest report alone counts,
  // or a leader that just handed over would be counted twice. Older servers report one instance each.
  const live = newest.instances !== undefined ? [newest] : snapshots.filter((s) => Date.parse(s.at) >= cutoff);
  const subscribers = new Map<string, number>();
  const rates = new Map<string, TopicRate>();
  for (const s of live) {
    for (const p of s.subscribers) subscribers.set(p.pattern, (subscribers.get(p.pattern) ?? 0) + p.subscribers);
    for (const r of s.rates) {
      const held = rates.get(r.topic);
      rates.set(r.topic, held ? { topic: r.topic, per_second: held.per_second + r.per_second, last_minute: held.last_minute + r.last_minute, buckets: addAligned(held.buckets, r.buckets) } : r);
    }
  }
  return {
    instances: newest.instances ?? live.length,
    at: newest.at,
    connections: sum(live, (s) => s.connections),
    subscriptions: sum(live, (s) => s.subscriptions),
    subscribers: [...subscribers].map(([pattern, n]) => ({ pattern, subscribers: n })).sort((a, b) => b.subscribers - a.subscribers || a.pattern.localeCompare(b.pattern)),
    rates: [...rates.values()].sort((a, b) => b.last_minute - a.last_minute || a.topic.localeCompare(b.topic)),
    replay_log: newest.replay_log,
    resyncs_served: sum(live, (s) => s.resyncs_served),
  };
}

// ---- audit ----

/** An audit entry enters the top of the loaded log (newest first) unless some page already holds it. */
export function prependAuditEntry(qc: QueryClient, entry: AuditEntry): void {
  getVersionStore(qc).offer(ADMIN_DOMAINS.audit, entry.id, 1, entry);
  updateIfLoaded<InfiniteData<AuditPage, unknown>>(qc, queryKeys.admin.audit(), (data) => {
    if (data.pages.some((p) => p.items.some((e) => e.id === entry.id))) return data;
    const [first, ...rest] = data.pages;
    if (!first) return data;
    return { ...data, pages: [{ ...first, items: sortAudit([entry, ...first.items]) }, ...rest] };
  });
}

/** The first page of the log as fetched, plus entries pushed since the fetch started. */
export function mergeFetchedAudit(qc: QueryClient, seqBefore: number, page: AuditPage): AuditPage {
  const pushed = (getVersionStore(qc).changedSince(ADMIN_DOMAINS.audit, seqBefore) as AuditEntry[]).filter((e) => !page.items.some((i) => i.id === e.id));
  for (const e of page.items) getVersionStore(qc).offer(ADMIN_DOMAINS.audit, e.id, 1, e);
  return pushed.length === 0 ? page : { ...page, items: sortAudit([...pushed, ...page.items]) };
}

export const adminPatchers: PatcherMap = {
  admin_connection_opened: (qc, e) => upsertConnection(qc, e.data),
  admin_connection_updated: (qc, e) => updateConnection(qc, e.data),
  admin_connection_closed: (qc, e) => removeConnection(qc, e.data.client_id),
  admin_topics_update: (qc, e) => upsertTopicSnapshot(qc, e.data),
  admin_user_changed: (qc, e) => upsertAdminUser(qc, e.data),
  api_key_changed: (qc, e) => upsertApiKey(qc, e.data),
  audit_entry: (qc, e) => prependAuditEntry(qc, e.data),
};

// ---- helpers ----

function upsertRow<R, T>(rows: R[], item: T, idOf: (r: R | T) => string, make: (held: R | undefined) => R): R[] {
  const id = idOf(item);
  const i = rows.findIndex((r) => idOf(r) === id);
  if (i === -1) return [...rows, make(undefined)];
  const next = rows.slice();
  next[i] = make(rows[i]);
  return next;
}

/** Newest first; ties by id, descending. */
function sortAudit(entries: AuditEntry[]): AuditEntry[] {
  return entries.sort((a, b) => b.created_at.localeCompare(a.created_at) || b.id.localeCompare(a.id));
}

/** Sums two per-second series that end at the same second. */
function addAligned(a: readonly number[], b: readonly number[]): number[] {
  const n = Math.max(a.length, b.length);
  const out = new Array<number>(n).fill(0);
  for (let i = 0; i < a.length; i++) out[n - a.length + i]! += a[i]!;
  for (let i = 0; i < b.length; i++) out[n - b.length + i]! += b[i]!;
  return out;
}

function sum<T>(items: readonly T[], f: (t: T) => number): number {
  return items.reduce((n, t) => n + f(t), 0);
}
