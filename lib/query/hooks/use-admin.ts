"use client";
// Admin console data hooks: live connections (disconnect one socket or a user's, optimistic until the
// close is pushed), topic figures, broadcast, users (create; role, disable and enable optimistic,
// confirmed by push), API keys (create, shown once; optimistic revoke) and the live audit log.
import * as React from "react";
import { useInfiniteQuery, useMutation, useQuery, useQueryClient, type QueryClient } from "@tanstack/react-query";
import { toast } from "sonner";

import type {
  AdminBroadcastBody,
  AdminBroadcastResponse,
  AdminConnectionsResponse,
  AdminTopicsResponse,
  AuditPage,
  CreateApiKeyBody,
  CreatedApiKey,
  CreateUserBody,
  DisconnectResponse,
  RevokedApiKey,
  UpdateUserBody,
  UpdateUserResponse,
} from "@/lib/api/admin";
import type { AdminTopicsSnapshot, AdminUser } from "@/lib/protocol/entities/admin";
import { apiFetch, isApiError } from "../fetchers";
import { queryKeys } from "../keys";
import {
  ADMIN_DOMAINS,
  combineTopicSnapshots,
  markConnections,
  mergeFetchedAudit,
  mergeFetchedRows,
  removeConnection,
  restoreAdminUser,
  restoreApiKey,
  upsertAdminUser,
  upsertApiKey,
  type AdminConnectionRow,
  type AdminUserRow,
  type ApiKeyRow,
} from "../patchers/admin";
import { getVersionStore } from "../version-store";
import { actionFailureReason } from "./use-entity-action";

export type { AdminConnectionRow, AdminUserRow, ApiKeyRow, TopicsOverview } from "../patchers/admin";

/** Pages read at most when loading users or keys (each page as the route sends it). */
export const MAX_LIST_PAGES = 20;
/** Audit entries per page. */
export const AUDIT_PAGE_SIZE = 50;

interface Enabled {
  /** False until the signed-in user is known to be an admin (others get 403). */
  enabled?: boolean;
}

// ---- reads ----

/** Every open socket, newest connection first; subscribe to `admin` beside it. */
export function useAdminConnections({ enabled = true }: Enabled = {}) {
  const qc = useQueryClient();
  return useQuery<AdminConnectionRow[], unknown, AdminConnectionRow[]>({
    queryKey: queryKeys.admin.connections(),
    queryFn: async ({ signal }) => {
      const seq = getVersionStore(qc).seq();
      const res = await apiFetch<AdminConnectionsResponse>("/api/admin/connections", { signal });
      return mergeFetchedRows(qc, ADMIN_DOMAINS.connections, seq, res.items, (c) => c.client_id);
    },
    select: sortConnections,
    enabled,
  });
}

/** The hub's topic figures: each instance's latest snapshot (pushed every 2 s) and their sum. */
export function useAdminTopics({ enabled = true }: Enabled = {}) {
  const qc = useQueryClient();
  const query = useQuery<AdminTopicsSnapshot[]>({
    queryKey: queryKeys.admin.topics(),
    queryFn: async ({ signal }) => {
      const fetched = await apiFetch<AdminTopicsResponse>("/api/admin/topics", { signal });
      const held = qc.getQueryData<AdminTopicsSnapshot[]>(queryKeys.admin.topics()) ?? [];
      const same = held.find((s) => s.instance_id === fetched.instance_id);
      const mine = same && same.at > fetched.at ? same : fetched;
      return [...held.filter((s) => s.instance_id !== fetched.instance_id), mine];
    },
    enabled,
  });
  const overview = React.useMemo(() => combineTopicSnapshots(query.data ?? []), [query.data]);
  return { ...query, overview };
}

/** Every user (all pages), oldest account first; subscribe to `admin` beside it. */
export function useAdminUsers({ enabled = true }: Enabled = {}) {
  const qc = useQueryClient();
  return useQuery<AdminUserRow[], unknown, AdminUserRow[]>({
    queryKey: queryKeys.admin.users(),
    queryFn: async ({ signal }) => {
      const seq = getVersionStore(qc).seq();
      const items = await fetchAllPages<AdminUser>("/api/admin/users", signal);
      return mergeFetchedRows(qc, ADMIN_DOMAINS.users, seq, items, (u) => u.id);
    },
    select: sortUsers,
    enabled,
  });
}

/** Every API key (all pages), newest first, revoked ones included. */
export function useApiKeys({ enabled = true }: Enabled = {}) {
  const qc = useQueryClient();
  return useQuery<ApiKeyRow[], unknown, ApiKeyRow[]>({
    queryKey: queryKeys.admin.apiKeys(),
    queryFn: async ({ signal }) => {
      const seq = getVersionStore(qc).seq();
      const items = await fetchAllPages<ApiKeyRow>("/api/admin/api-keys", signal);
      return mergeFetchedRows(qc, ADMIN_DOMAINS.apiKeys, seq, items, (k) => k.id);
    },
    select: sortKeys,
    enabled,
  });
}

/** The audit log, newest first, paged; pushed `audit_entry` events enter at the top. */
export function useAuditLog({ enabled = true }: Enabled = {}) {
  const qc = useQueryClient();
  const query = useInfiniteQuery({
    queryKey: queryKeys.admin.audit(),
    initialPageParam: null as string | null,
    queryFn: async ({ pageParam, signal }) => {
      const seq = getVersionStore(qc).seq();
      const page = await apiFetch<AuditPage>("/api/admin/audit", { query: { cursor: pageParam ?? undefined, limit: AUDIT_PAGE_SIZE }, signal });
      return pageParam === null ? mergeFetchedAudit(qc, seq, page) : page;
    },
    getNextPageParam: (last: AuditPage) => last.next_cursor ?? undefined,
    enabled,
  });
  const items = React.useMemo(() => dedupeById(query.data?.pages.flatMap((p) => p.items) ?? []), [query.data]);
  return { ...query, items };
}

// ---- connections ----

/**
 * Disconnects one socket: its row shows "disconnecting…" at once and leaves when the close is
 * pushed (or at once when the server says nothing was open). A failure unmarks it with a toast.
 */
export function useDisconnectConnection() {
  const qc = useQueryClient();
  return useMutation<DisconnectResponse, unknown, AdminConnectionRow>({
    mutationKey: ["admin", "connections", "disconnect"],
    mutationFn: (conn) => apiFetch<DisconnectResponse>(`/api/admin/connections/${encodeURIComponent(conn.client_id)}/disconnect`, { method: "POST" }),
    onMutate: async (conn) => {
      await qc.cancelQueries({ queryKey: queryKeys.admin.connections() });
      markConnections(qc, (r) => r.client_id === conn.client_id, "disconnect");
    },
    onSuccess: (res, conn) => {
      if (res.closed === 0) removeConnection(qc, conn.client_id);
    },
    onError: (error, conn) => {
      if (isApiError(error) && error.status === 404) {
        removeConnection(qc, conn.client_id);
        return;
      }
      markConnections(qc, (r) => r.client_id === conn.client_id, undefined);
      errorToast(`Could not disconnect ${connectionName(conn)}`, actionFailureReason(error, "the table"));
    },
  });
}

export interface DisconnectUserVariables {
  user_id: string;
  /** For the toast. */
  email: string | null;
}

/** Disconnects every socket of a user: their rows show "disconnecting…" until each close is pushed. */
export function useDisconnectUser() {
  const qc = useQueryClient();
  return useMutation<DisconnectResponse, unknown, DisconnectUserVariables>({
    mutationKey: ["admin", "users", "disconnect"],
    mutationFn: ({ user_id }) => apiFetch<DisconnectResponse>(`/api/admin/users/${encodeURIComponent(user_id)}/disconnect`, { method: "POST" }),
    onMutate: async ({ user_id }) => {
      await qc.cancelQueries({ queryKey: queryKeys.admin.connections() });
      markConnections(qc, (r) => r.user_id === user_id, "disconnect");
    },
    onSuccess: (res, { user_id }) => {
      if (res.closed > 0) return;
      for (const row of qc.getQueryData<AdminConnectionRow[]>(queryKeys.admin.connections()) ?? []) {
        if (row.user_id === user_id && row._pending === "disconnect") removeConnection(qc, row.client_id);
      }
    },
    onError: (error, { user_id, email }) => {
      markConnections(qc, (r) => r.user_id === user_id, undefined);
      errorToast(`Could not disconnect ${email ?? "the user"}`, actionFailureReason(error, "the table"));
    },
  });
}

// ---- broadcast ----

/** Sends an announcement (everyone) or a notification (a user, a role); resolves with how many sockets it reached. */
export function useBroadcast() {
  return useMutation<AdminBroadcastResponse, unknown, AdminBroadcastBody>({
    mutationKey: ["admin", "broadcast"],
    mutationFn: (body) => apiFetch<AdminBroadcastResponse>("/api/admin/broadcast", { method: "POST", json: body }),
  });
}

// ---- users ----

/**
 * Creates an account. Not optimistic: the server checks the email (taken: 409) and the password, and
 * the dialog shows what it refused. The 201 enters the list at once (the push is then a no-op).
 */
export function useCreateUser() {
  const qc = useQueryClient();
  return useMutation<AdminUser, unknown, CreateUserBody>({
    mutationKey: ["admin", "users", "create"],
    mutationFn: (body) => apiFetch<AdminUser>("/api/admin/users", { method: "POST", json: body }),
    onSuccess: (user) => {
      if (typeof user?.version === "number") upsertAdminUser(qc, user);
      else void qc.invalidateQueries({ queryKey: queryKeys.admin.users() });
    },
  });
}

export interface UpdateUserVariables {
  user: AdminUserRow;
  body: UpdateUserBody;
}

/**
 * Changes a user's role, or disables / enables them: the row shows the change at once (pending), the
 * answer or the pushed `admin_user_changed` confirms it; on failure the row goes back to the
 * server's copy with a toast. With several changes in flight, the row settles when the last one does.
 */
export function useUpdateUser() {
  const qc = useQueryClient();
  return useMutation<UpdateUserResponse, unknown, UpdateUserVariables>({
    mutationKey: ["admin", "users", "update"],
    mutationFn: ({ user, body }) => apiFetch<UpdateUserResponse>(`/api/admin/users/${encodeURIComponent(user.id)}`, { method: "PATCH", json: body }),
    onMutate: async ({ user, body }) => {
      await qc.cancelQueries({ queryKey: queryKeys.admin.users() });
      inflight(qc).set(user.id, (inflight(qc).get(user.id) ?? 0) + 1);
      const pending: AdminUserRow["_pending"] = body.disabled === true ? "disable" : body.disabled === false ? "enable" : "role";
      qc.setQueryData<AdminUserRow[]>(queryKeys.admin.users(), (rows) =>
        rows?.map((r) =>
          r.id === user.id
            ? {
                ...r,
                ...(body.role !== undefined ? { role: body.role } : {}),
                ...(body.disabled !== undefined ? { disabled: body.disabled, disabled_at: body.disabled ? new Date().toISOString() : null } : {}),
                _pending: pending,
              }
            : r,
        ),
      );
    },
    onSuccess: (saved) => upsertAdminUser(qc, saved),
    onError: (error, { user, body }) => {
      const what = body.disabled === true ? "disable" : body.disabled === false ? "enable" : "change the role of";
      errorToast(`Could not ${what} ${user.email}`, actionFailureReason(error, "the list"));
      if (isApiError(error) && error.status === 404) void qc.invalidateQueries({ queryKey: queryKeys.admin.users() });
    },
    onSettled: (_data, _error, { user }) => {
      const left = (inflight(qc).get(user.id) ?? 1) - 1;
      if (left > 0) {
        inflight(qc).set(user.id, left);
        return;
      }
      inflight(qc).delete(user.id);
      const row = qc.getQueryData<AdminUserRow[]>(queryKeys.admin.users())?.find((r) => r.id === user.id);
      if (row?._pending) restoreAdminUser(qc, user.id);
    },
  });
}

// ---- API keys ----

/** Creates an API key; the answer carries its secret, which the dialog shows once. Not optimistic. */
export function useCreateApiKey() {
  const qc = useQueryClient();
  return useMutation<CreatedApiKey, unknown, CreateApiKeyBody>({
    mutationKey: ["admin", "api-keys", "create"],
    mutationFn: (body) => apiFetch<CreatedApiKey>("/api/admin/api-keys", { method: "POST", json: body }),
    onSuccess: (created) => {
      if (typeof created?.version === "number") upsertApiKey(qc, created);
      else void qc.invalidateQueries({ queryKey: queryKeys.admin.apiKeys() });
    },
  });
}

/** Revokes a key: its row shows "revoking…" at once; the answer or the pushed `api_key_changed` confirms it. */
export function useRevokeApiKey() {
  const qc = useQueryClient();
  return useMutation<RevokedApiKey, unknown, ApiKeyRow>({
    mutationKey: ["admin", "api-keys", "revoke"],
    mutationFn: (key) => apiFetch<RevokedApiKey>(`/api/admin/api-keys/${encodeURIComponent(key.id)}`, { method: "DELETE" }),
    onMutate: async (key) => {
      await qc.cancelQueries({ queryKey: queryKeys.admin.apiKeys() });
      qc.setQueryData<ApiKeyRow[]>(queryKeys.admin.apiKeys(), (rows) => rows?.map((r) => (r.id === key.id ? { ...r, _pending: "revoke" } : r)));
    },
    onSuccess: (revoked) => {
      if (typeof revoked?.version === "number") upsertApiKey(qc, revoked);
    },
    onError: (error, key) => {
      errorToast(`Could not revoke “${key.name}”`, actionFailureReason(error, "the list"));
      // Already revoked or gone: fetch the list as it is.
      if (isApiError(error) && error.status === 404) void qc.invalidateQueries({ queryKey: queryKeys.admin.apiKeys() });
    },
    onSettled: (_data, _error, key) => {
      const row = qc.getQueryData<ApiKeyRow[]>(queryKeys.admin.apiKeys())?.find((r) => r.id === key.id);
      if (row?._pending) restoreApiKey(qc, key.id);
    },
  });
}

// ---- helpers ----

/** Whether an error (of a query or mutation) is the API's "admins only". */
export function isForbidden(error: unknown): boolean {
  return isApiError(error) && error.status === 403;
}

/** "ada@example.com", "api-key:ingest", or the socket id. */
export function connectionName(conn: Pick<AdminConnectionRow, "email" | "api_key_name" | "client_id">): string {
  if (conn.email) return conn.email;
  if (conn.api_key_name) return `key “${conn.api_key_name}”`;
  return `socket ${conn.client_id}`;
}

export function sortConnections(rows: AdminConnectionRow[]): AdminConnectionRow[] {
  return [...rows].sort((a, b) => b.connected_at.localeCompare(a.connected_at) || a.client_id.localeCompare(b.client_id));
}

export function sortUsers(rows: AdminUserRow[]): AdminUserRow[] {
  return [...rows].sort((a, b) => a.created_at.localeCompare(b.created_at) || a.email.localeCompare(b.email));
}

export function sortKeys(rows: ApiKeyRow[]): ApiKeyRow[] {
  return [...rows].sort((a, b) => b.created_at.localeCompare(a.created_at) || a.id.localeCompare(b.id));
}

async function fetchAllPages<T>(path: string, signal: AbortSignal): Promise<T[]> {
  const items: T[] = [];
  let cursor: string | null = null;
  for (let i = 0; i < MAX_LIST_PAGES; i++) {
    const page: { items: T[]; next_cursor: string | null } = await apiFetch(path, { query: { cursor: cursor ?? undefined }, signal });
    items.push(...page.items);
    cursor = page.next_cursor;
    if (!cursor) break;
  }
  return items;
}

function dedupeById<T extends { id: string }>(items: T[]): T[] {
  const seen = new Set<string>();
  return items.filter((i) => (seen.has(i.id) ? false : (seen.add(i.id), true)));
}

const inflightByClient = new WeakMap<QueryClient, Map<string, number>>();
function inflight(qc: QueryClient): Map<string, number> {
  let m = inflightByClient.get(qc);
  if (!m) inflightByClient.set(qc, (m = new Map()));
  return m;
}

/** Error toasts in sonner's neutral style (its rich colours fail WCAG AA contrast). */
function errorToast(title: string, description: string): void {
  toast.error(title, { description, richColors: false });
}
