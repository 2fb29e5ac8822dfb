// Admin service: the console's actions (disconnect, broadcast, users, API keys), each audited first, and
// the `admin` topic's events (connections opened/updated/closed, topic figures, user/key changes, audit).
// In a cluster its figures cover every instance: the others' come from the reports they send with
// their heartbeats (their sockets also from the opens and closes heard since: peer-sockets.ts), and
// actions on their sockets and caches reach them as control messages on the bus.
import type { AdminBroadcastBody, AdminBroadcastResponse, AdminConnectionsResponse, UpdateUserBody, UpdateUserResponse } from "@/lib/api/admin";
import { adminBroadcastBody } from "@/lib/api/admin";
import type {
  AdminConnection,
  AdminTopicsSnapshot,
  AdminUser,
  ApiKey,
  AuditAction,
  AuditEntry,
} from "@/lib/protocol/entities/admin";
import type { EventDataInputOf, EventType } from "@/lib/protocol/events";
import type { JsonObject } from "@/lib/protocol/entities/common";
import { parsePattern, patternMatches, topics } from "@/lib/protocol/topics";
import { canRead } from "../auth/permissions";
import type { ApiKeyStore } from "../auth/api-keys";
import type { Principal, Role } from "../auth/principal";
import type { SessionStore } from "../auth/sessions";
import type { Bus } from "../bus/bus";
import { newId } from "../ids";
import type { Logger } from "../log";
import type { Repositories } from "../storage/repositories";
import type { ApiKeyRow } from "../storage/repositories/api-keys";
import type { AuditRow } from "../storage/repositories/audit";
import type { UserRow } from "../storage/repositories/users";
import { decodeCursor, nowMs, pageOf } from "./cursor";
import { ServiceError } from "./errors";
import type { NotificationsService } from "./notifications";
import { createPeerSockets } from "./peer-sockets";
import type { UsersService } from "./users";

/** One open socket as the hub describes it (the hub's ConnectionInfo, seen through this port). */
export interface LiveConnection {
  client_id: string;
  principal: Principal | null;
  remote_address: string;
  opened_at: string;
  subscriptions: string[];
  messages_in: number;
  messages_out: number;
  buffered_bytes: number;
  user_agent: string | null;
  last_seen_at: string;
  resyncs_served: number;
}

/** What the admin service needs of the process's sockets; app.ts hands it the hub (services never import it). */
export interface ConnectionsPort {
  readonly instanceId: string;
  connections(): LiveConnection[];
  figures(): { connections: number; subscriptions: number; by_pattern: Record<string, number>; resyncs_served: number };
  topicRates(): { topic: string; per_second: number; last_minute: number; buckets: number[] }[];
  countReaching(topic: string, match?: (principal: Principal) => boolean): number;
  disconnect(match: (principal: Principal | null, clientId: string) => boolean, code?: number, reason?: string): number;
}

/** What an instance reports of its sockets with each heartbeat. */
export interface InstanceReport {
  connections: AdminConnection[];
  figures: { connections: number; subscriptions: number; by_pattern: Record<string, number>; resyncs_served: number };
}

/** Another live instance of the cluster and its latest report (null before its first). */
export interface PeerInstance {
  instance_id: string;
  hostname: string;
  report: InstanceReport | null;
}

/** Sockets a report lists at most (a heartbeat must stay small). */
const MAX_REPORTED_CONNECTIONS = 2_000;

/** Control messages this service sends to every instance. */
const CONTROL = {
  disconnect: "admin.disconnect",
  forgetUser: "admin.forget_user",
  forgetApiKey: "admin.forget_api_key",
} as const;

type RemoteTarget = { client_id: string } | { user_id: string } | { api_key_id: string };

/** Who acts: the signed-in admin. */
export interface Actor {
  id: string;
  email: string;
}

const POLICY = 1008;
const MAX_RATE_TOPICS = 100;
const DEFAULT_TITLE = "Message from an administrator";

export interface AdminServiceDeps {
  repos: Repositories;
  bus: Bus;
  connections: ConnectionsPort;
  sessions: SessionStore;
  apiKeys: ApiKeyStore;
  users: UsersService;
  notifications: NotificationsService;
  log: Logger;
  now?: () => Date;
  /** The other live instances with their reports (default: none, a single instance). */
  peers?: () => Promise<PeerInstance[]>;
  /** How often the instances send their reports (their heartbeat), in ms. */
  reportIntervalMs?: number;
}

export function createAdminService(deps: AdminServiceDeps) {
  const { repos, bus, connections: port, sessions, apiKeys, users, notifications, log } = deps;
  const now = deps.now ?? (() => new Date());
  const peers = deps.peers ?? (async () => []);

  const matcher = (target: RemoteTarget) => (p: Principal | null, clientId: string) =>
    "client_id" in target ? clientId === target.client_id : "user_id" in target ? p?.kind === "user" && p.id === target.user_id : p?.kind === "api_key" && p.id === target.api_key_id;

  // Requests from other instances: close sockets held here, forget cached sessions and keys.
  bus.onControl((message) => {
    if (message.from === port.instanceId) return;
    const data = message.data as { target?: RemoteTarget; user_id?: string; api_key_id?: string; reason?: string };
    if (message.kind === CONTROL.disconnect && data.target) port.disconnect(matcher(data.target), POLICY, data.reason ?? "disconnected by an admin");
    else if (message.kind === CONTROL.forgetUser && data.user_id) sessions.forgetUser(data.user_id);
    else if (message.kind === CONTROL.forgetApiKey && data.api_key_id) apiKeys.forget(data.api_key_id);
  });

  async function tellOthers(kind: string, data: unknown): Promise<void> {
    await bus.sendControl({ kind, from: port.instanceId, data }).catch((err: unknown) => log.error({ err, kind }, "could not reach the other instances"));
  }

  /** Closes matching sockets here and asks every other instance to; resolves with how many the cluster holds. */
  async function disconnectEverywhere(target: RemoteTarget, reason: string): Promise<number> {
    const match = matcher(target);
    const closed = port.disconnect(match, POLICY, reason);
    // Told always: a socket opened elsewhere since its instance's last report must close too.
    await tellOthers(CONTROL.disconnect, { target, reason });
    const remote = (await remoteConnections()).filter((c) => match(principalOf(c), c.client_id)).length;
    return closed + remote;
  }

  // The other instances' sockets: their reports, brought up to date by the opens and closes heard since.
  const peerSockets = createPeerSockets({
    bus,
    instanceId: port.instanceId,
    reports: async () => (await peers()).map((p) => ({ instance_id: p.instance_id, connections: p.report?.connections ?? [] })),
    // What was heard outranks the reports for three of them at least.
    bridgeMs: Math.max(30_000, 3 * (deps.reportIntervalMs ?? 0)),
  });
  const remoteConnections = () => peerSockets.list();
  /** Per open socket: its version, the figures that version has, and whether the admins have had it. */
  interface Tracked {
    version: number;
    signature: string;
    announced: boolean;
  }
  const tracked = new Map<string, Tracked>();

  async function publish<T extends EventType>(type: T, data: EventDataInputOf<T>, ephemeral = false): Promise<void> {
    await bus.publish({ type, topic: topics.admin(), data, ephemeral });
  }

  function toConnection(info: LiveConnection, version: number): AdminConnection {
    const p = info.principal;
    const isKey = p?.kind === "api_key";
    return {
      client_id: info.client_id,
      instance_id: port.instanceId,
      kind: p?.kind === "user" ? "browser" : "program",
      user_id: p?.kind === "user" ? p.id : null,
      email: p?.email ?? null,
      role: p?.kind === "user" ? p.role : null,
      api_key_id: isKey ? p.id : null,
      api_key_name: isKey ? p.email.replace(/^api-key:/, "") : null,
      user_agent: info.user_agent,
      address: info.remote_address,
      topics: info.subscriptions,
      connected_at: info.opened_at,
      messages_in: info.messages_in,
      messages_out: info.messages_out,
      buffer_bytes: info.buffered_bytes,
      last_seen_at: info.last_seen_at,
      resyncs_served: info.resyncs_served,
      version,
    };
  }

  function signatureOf(info: LiveConnection): string {
    return `${info.messages_in}|${info.messages_out}|${info.buffered_bytes}|${info.last_seen_at}|${info.resyncs_served}|${info.subscriptions.join(",")}`;
  }

  /**
   * The socket's entry for its figures as they are now: figures that changed are a new version
   * (announced by the next report), whoever asks first, so a list fetched between two reports is
   * never older than the version it carries.
   */
  function trackedNow(info: LiveConnection): Tracked {
    const signature = signatureOf(info);
    const entry = tracked.get(info.client_id);
    if (!entry) {
      const first = { version: 1, signature, announced: true };
      tracked.set(info.client_id, first);
      return first;
    }
    if (entry.signature !== signature) {
      entry.version += 1;
      entry.signature = signature;
      entry.announced = false;
    }
    return entry;
  }

  const connectionNow = (info: LiveConnection) => toConnection(info, trackedNow(info).version);

  /** Per user: open sockets on every instance and when one was last heard from. */
  async function liveByUser(): Promise<Map<string, { sockets: number; lastSeen: string | null }>> {
    const out = new Map<string, { sockets: number; lastSeen: string | null }>();
    const seen = [
      ...port.connections().map((c) => ({ userId: c.principal?.kind === "user" ? c.principal.id : null, lastSeen: c.last_seen_at })),
      ...(await remoteConnections()).map((c) => ({ userId: c.user_id, lastSeen: c.last_seen_at })),
    ];
    for (const c of seen) {
      if (!c.userId) continue;
      const entry = out.get(c.userId) ?? { sockets: 0, lastSeen: null };
      entry.sockets += 1;
      if (entry.lastSeen === null || c.lastSeen > entry.lastSeen) entry.lastSeen = c.lastSeen;
      out.set(c.userId, entry);
    }
    return out;
  }

  function toUser(row: UserRow, live: Map<string, { sockets: number; lastSeen: string | null }>): AdminUser {
    const l = live.get(row.id);
    const stored = row.last_seen_at?.toISOString() ?? null;
    const lastSeen = [stored, l?.lastSeen ?? null].filter((t): t is string => t !== null).sort().at(-1) ?? null;
    return {
      id: row.id,
      email: row.email,
      role: row.role,
      disabled: row.disabled,
      disabled_at: row.disabled_at?.toISOString() ?? null,
      created_at: row.created_at.toISOString(),
      last_seen_at: lastSeen,
      open_sockets: l?.sockets ?? 0,
      version: row.version,
    };
  }

  /** Sockets of the cluster that would receive an event on `topic` now: exact here, as last reported elsewhere. */
  async function countReaching(topic: string, match?: (principal: Principal) => boolean): Promise<number> {
    let n = port.countReaching(topic, match);
    for (const c of await remoteConnections()) {
      const principal = principalOf(c);
      if (!principal || !canRead(principal, topic) || (match && !match(principal))) continue;
      if (c.topics.some((t) => {
        const pattern = parsePattern(t);
        return pattern !== null && patternMatches(pattern, topic);
      })) n += 1;
    }
    return n;
  }

  const service = {
    // --- The admin topic's live figures -------------------------------------------------------

    /** A socket authenticated: track it and tell the admins. */
    async connectionOpened(info: LiveConnection): Promise<void> {
      tracked.delete(info.client_id);
      await publish("admin_connection_opened", connectionNow(info));
    },

    /** An authenticated socket closed. */
    async connectionClosed(info: LiveConnection, close: { code: number | null; reason: string; closed_at: string }): Promise<void> {
      tracked.delete(info.client_id);
      const p = info.principal;
      await publish("admin_connection_closed", {
        client_id: info.client_id,
        instance_id: port.instanceId,
        user_id: p?.kind === "user" ? p.id : null,
        api_key_id: p?.kind === "api_key" ? p.id : null,
        closed_at: close.closed_at,
        code: close.code,
        reason: close.reason,
      });
    },

    /** Publishes `admin_connection_updated` for every socket whose figures changed since the last call; returns how many. */
    async reportUpdates(): Promise<number> {
      const seen = new Set<string>();
      const changed: AdminConnection[] = [];
      for (const info of port.connections()) {
        if (!info.principal) continue;
        seen.add(info.client_id);
        const entry = trackedNow(info);
        if (entry.announced) continue;
        entry.announced = true;
        changed.push(toConnection(info, entry.version));
      }
      for (const id of tracked.keys()) if (!seen.has(id)) tracked.delete(id);
      for (const connection of changed) await publish("admin_connection_updated", connection, true);
      return changed.length;
    },

    /** What this instance reports of its sockets with each heartbeat. */
    instanceReport(): InstanceReport {
      const figures = port.figures();
      const connections: AdminConnection[] = [];
      for (const c of port.connections()) {
        if (c.principal === null) continue;
        if (connections.length >= MAX_REPORTED_CONNECTIONS) break;
        connections.push(connectionNow(c));
      }
      return { connections, figures: { connections: figures.connections, subscriptions: figures.subscriptions, by_pattern: figures.by_pattern, resyncs_served: figures.resyncs_served } };
    },

    /**
     * The topic figures of the whole cluster: sockets and subscribers summed over the instances,
     * rates as this instance's hub sees them (every instance sees every event).
     */
    async topics(): Promise<AdminTopicsSnapshot> {
      const own = service.instanceReport().figures;
      const others = (await peers()).flatMap((p) => (p.report ? [p.report.figures] : []));
      const all = [own, ...others];
      const byPattern: Record<string, number> = {};
      for (const f of all) for (const [pattern, n] of Object.entries(f.by_pattern)) byPattern[pattern] = (byPattern[pattern] ?? 0) + n;
      const stats = bus.stats();
      return {
        instance_id: port.instanceId,
        instances: all.length,
        at: now().toISOString(),
        connections: all.reduce((n, f) => n + f.connections, 0),
        subscriptions: all.reduce((n, f) => n + f.subscriptions, 0),
        subscribers: Object.entries(byPattern)
          .map(([pattern, subscribers]) => ({ pattern, subscribers }))
          .sort((a, b) => b.subscribers - a.subscribers || a.pattern.localeCompare(b.pattern)),
        rates: port.topicRates().slice(0, MAX_RATE_TOPICS),
        replay_log: { size: stats.log_size, capacity: stats.log_capacity, oldest_id: stats.oldest_id, newest_id: stats.newest_id, epoch: stats.epoch },
        resyncs_served: all.reduce((n, f) => n + f.resyncs_served, 0),
      };
    },

    async reportTopics(): Promise<void> {
      await publish("admin_topics_update", await service.topics(), true);
    },

    /** Every authenticated socket of the cluster: this instance's as they are now, the others' as last reported. */
    async listConnections(): Promise<AdminConnectionsResponse> {
      const items = port
        .connections()
        .filter((c) => c.principal !== null)
        .map(connectionNow);
      return { instance_id: port.instanceId, at: now().toISOString(), items: [...items, ...(await remoteConnections())] };
    },

    // --- Audit ----------------------------------------------------------------------------------

    /** Stores an admin action and tells the admins; every action calls this before it takes effect. */
    async audit(
      actor: Actor,
      action: AuditAction,
      target: { type: AuditEntry["target_type"]; id: string | null; label: string | null },
      details: JsonObject = {},
    ): Promise<AuditEntry> {
      const row = await repos.audit.insert({
        id: newId("aud"),
        actor_id: actor.id,
        actor_email: actor.email,
        action,
        target_type: target.type,
        target_id: target.id,
        target_label: target.label,
        details,
        created_at: nowMs(now),
      });
      const entry = toAuditEntry(row);
      await publish("audit_entry", entry);
      return entry;
    },

    async listAudit(query: { cursor?: string; limit: number }) {
      const rows = await repos.audit.list({ after: decodeCursor(query.cursor), limit: query.limit + 1 });
      return pageOf(rows, query.limit, toAuditEntry, (r) => ({ created_at: r.created_at, id: r.id }));
    },

    // --- Connections ----------------------------------------------------------------------------

    async disconnectConnection(actor: Actor, clientId: string): Promise<{ closed: number }> {
      const local = port.connections().find((c) => c.client_id === clientId && c.principal !== null);
      const info = local ? toConnection(local, 1) : (await remoteConnections()).find((c) => c.client_id === clientId);
      if (!info) throw new ServiceError("not_found", "no open connection with this id");
      await service.audit(actor, "connection_disconnected", { type: "connection", id: clientId, label: info.email }, {
        address: info.address,
        user_agent: info.user_agent,
        instance_id: info.instance_id,
      });
      return { closed: await disconnectEverywhere({ client_id: clientId }, "disconnected by an admin") };
    },

    async disconnectUser(actor: Actor, userId: string): Promise<{ closed: number }> {
      const row = await repos.users.findById(userId);
      if (!row) throw new ServiceError("not_found", "no such user");
      const open = (await liveByUser()).get(userId)?.sockets ?? 0;
      await service.audit(actor, "user_disconnected", { type: "user", id: userId, label: row.email }, { open_sockets: open });
      return { closed: await disconnectEverywhere({ user_id: userId }, "disconnected by an admin") };
    },

    // --- Broadcast ------------------------------------------------------------------------------

    async broadcast(actor: Actor, input: AdminBroadcastBody): Promise<AdminBroadcastResponse> {
      const body = adminBroadcastBody.parse(input);
      const { target } = body;
      if (target.kind === "everyone") {
        await service.audit(actor, "broadcast_sent", { type: "broadcast", id: null, label: "everyone" }, { message: body.message, level: body.level, target });
        const delivered = await countReaching(topics.announcements());
        const event = await notifications.announce(body.message, body.level);
        return { target, delivered_sockets: delivered, users: 0, id: event.id ?? null, notification_ids: [], connections: delivered };
      }
      let recipients: UserRow[];
      let label: string;
      if (target.kind === "user") {
        const row = await repos.users.findById(target.user_id);
        if (!row) throw new ServiceError("validation_failed", "no such user", [{ path: "target.user_id", message: "no such user" }]);
        recipients = [row];
        label = row.email;
      } else {
        recipients = await repos.users.listByRole(target.role);
        label = `role ${target.role}`;
      }
      await service.audit(actor, "broadcast_sent", { type: "broadcast", id: target.kind === "user" ? target.user_id : null, label }, {
        message: body.message,
        level: body.level,
        target,
        users: recipients.length,
      });
      let delivered = 0;
      const ids: string[] = [];
      for (const user of recipients) {
        delivered += await countReaching(topics.user(user.id), (p) => p.kind === "user" && p.id === user.id);
        const notification = await notifications.notify(user.id, { title: body.title ?? DEFAULT_TITLE, message: body.message, level: body.level });
        ids.push(notification.id);
      }
      return { target, delivered_sockets: delivered, users: recipients.length, id: null, notification_ids: ids, connections: delivered };
    },

    // --- Users ----------------------------------------------------------------------------------

    async listUsers(): Promise<{ items: AdminUser[]; next_cursor: null }> {
      const live = await liveByUser();
      return { items: (await repos.users.list()).map((row) => toUser(row, live)), next_cursor: null };
    },

    async createUser(actor: Actor, input: { email: string; password: string; role: Role }): Promise<AdminUser> {
      const email = input.email.trim().toLowerCase();
      if (await repos.users.findByEmail(email)) {
        throw new ServiceError("conflict", "a user with this email already exists", [{ path: "email", message: "is already taken" }]);
      }
      const id = newId("usr");
      await service.audit(actor, "user_created", { type: "user", id, label: email }, { role: input.role });
      await users.create({ ...input, email, id });
      const user = toUser((await repos.users.findById(id))!, new Map());
      await publish("admin_user_changed", { ...user, change: "created" });
      return user;
    },

    async updateUser(actor: Actor, userId: string, change: UpdateUserBody): Promise<UpdateUserResponse> {
      const row = await repos.users.findById(userId);
      if (!row) throw new ServiceError("not_found", "no such user");
      if (userId === actor.id && (change.disabled === true || (change.role !== undefined && change.role !== "admin"))) {
        throw new ServiceError("forbidden", "an admin cannot disable or demote themselves");
      }
      const roleChanged = change.role !== undefined && change.role !== row.role;
      const disabledChanged = change.disabled !== undefined && change.disabled !== row.disabled;
      if (!roleChanged && !disabledChanged) return { ...toUser(row, await liveByUser()), closed_connections: 0 };

      const target = { type: "user" as const, id: userId, label: row.email };
      if (roleChanged) await service.audit(actor, "user_role_changed", target, { from: row.role, to: change.role! });
      if (disabledChanged) await service.audit(actor, change.disabled ? "user_disabled" : "user_enabled", target, {});

      const updated = await repos.users.update(userId, { role: roleChanged ? change.role : undefined, disabled: disabledChanged ? change.disabled : undefined }, nowMs(now));
      if (!updated) throw new ServiceError("not_found", "no such user");
      let closed = 0;
      if (disabledChanged && change.disabled) {
        // Sessions end in storage and in the 5 s cache at once; then the open sockets close.
        await repos.sessions.deleteForUser(userId);
        sessions.forgetUser(userId);
        await tellOthers(CONTROL.forgetUser, { user_id: userId });
        closed = await disconnectEverywhere({ user_id: userId }, "account disabled");
      } else if (roleChanged) {
        sessions.forgetUser(userId);
        await tellOthers(CONTROL.forgetUser, { user_id: userId });
        // A demoted admin's sockets still carry the old role: close them so they come back as a user.
        if (change.role === "user") closed = await disconnectEverywhere({ user_id: userId }, "role changed");
      }
      const user = toUser(updated, await liveByUser());
      await publish("admin_user_changed", { ...user, change: disabledChanged ? (change.disabled ? "disabled" : "enabled") : "role_changed" });
      log.info({ user_id: userId, by: actor.id, role: updated.role, disabled: updated.disabled }, "admin changed a user");
      return { ...user, closed_connections: closed };
    },

    // --- API keys -------------------------------------------------------------------------------

    async listApiKeys(): Promise<{ items: ApiKey[]; next_cursor: null }> {
      return { items: (await repos.apiKeys.list()).map(toApiKey), next_cursor: null };
    },

    async createApiKey(actor: Actor, name: string): Promise<ApiKey & { key: string }> {
      const id = newId("key");
      await service.audit(actor, "api_key_created", { type: "api_key", id, label: name }, {});
      const { key } = await apiKeys.create(name, actor.id, id);
      const apiKey = toApiKey((await repos.apiKeys.findById(id))!);
      await publish("api_key_changed", { ...apiKey, change: "created" });
      return { ...apiKey, key };
    },

    async revokeApiKey(actor: Actor, id: string): Promise<ApiKey & { closed_connections: number }> {
      const row = await repos.apiKeys.findById(id);
      if (!row || row.revoked_at) throw new ServiceError("not_found", "no active API key with this id");
      await service.audit(actor, "api_key_revoked", { type: "api_key", id, label: row.name }, {});
      const revoked = await apiKeys.revoke(id);
      if (!revoked) throw new ServiceError("not_found", "no active API key with this id");
      await tellOthers(CONTROL.forgetApiKey, { api_key_id: id });
      const closed = await disconnectEverywhere({ api_key_id: id }, "API key revoked");
      const apiKey = toApiKey((await repos.apiKeys.findById(id))!);
      await publish("api_key_changed", { ...apiKey, change: "revoked" });
      return { ...apiKey, closed_connections: closed };
    },
  };
  return service;
}

export type AdminService = ReturnType<typeof createAdminService>;

/** The principal a reported socket authenticated as. */
function principalOf(c: AdminConnection): Principal | null {
  if (c.user_id && c.role) return { kind: "user", id: c.user_id, email: c.email ?? "", role: c.role };
  if (c.api_key_id) return { kind: "api_key", id: c.api_key_id, email: c.email ?? `api-key:${c.api_key_name ?? ""}`, role: "user" };
  return null;
}

function toApiKey(row: ApiKeyRow): ApiKey {
  return {
    id: row.id,
    name: row.name,
    prefix: row.prefix,
    created_at: row.created_at.toISOString(),
    created_by: row.created_by,
    revoked_at: row.revoked_at?.toISOString() ?? null,
    last_used_at: row.last_used_at?.toISOString() ?? null,
    version: row.revoked_at ? 2 : 1,
  };
}

function toAuditEntry(row: AuditRow): AuditEntry {
  const details = typeof row.details === "string" ? (JSON.parse(row.details) as unknown) : row.details;
  return {
    id: row.id,
    actor_id: row.actor_id,
    actor_email: row.actor_email,
    action: row.action as AuditAction,
    target_type: row.target_type as AuditEntry["target_type"],
    target_id: row.target_id,
    target_label: row.target_label,
    details: (details && typeof details === "object" && !Array.isArray(details) ? details : {}) as JsonObject,
    created_at: row.created_at.toISOString(),
  };
}
