// The versioned entity domains: how to read an entity's id and version, filter lists and sort them.
import type { Job } from "@/lib/protocol/entities/jobs";
import type { Task } from "@/lib/protocol/entities/tasks";
import type { Agent } from "@/lib/protocol/entities/agents";
import type { KnowledgeItem } from "@/lib/protocol/entities/knowledge";
import type { Insight } from "@/lib/protocol/entities/insights";
import type { Dag, DagRun, DagRunStep } from "@/lib/protocol/entities/dags";
import type { Notification } from "@/lib/protocol/entities/notifications";
import { isRecord } from "./collections";

/** Any cached entity: an object, possibly with client markers. */
export type AnyEntity = Record<string, unknown>;

export interface EntityDomain<T extends object = AnyEntity> {
  /** The store's domain name and the first element of the domain's query keys. */
  readonly name: string;
  readonly idField: keyof T & string;
  /** List params that filter by an entity field; the accessor gives the value compared. */
  readonly filters: Readonly<Record<string, (e: T) => unknown>>;
  /** Negative when `a` is listed before `b`. */
  readonly compare: (a: T, b: T) => number;
  /** Event-only fields that are not part of the entity (e.g. `updated_fields`). */
  readonly eventOnlyFields?: readonly string[];
  /** With equal versions, true when the held copy should win over a fetched one. */
  readonly preferHeld?: (held: T, fetched: T) => boolean;
}

/** A run detail as the dag-run detail query holds it: the run with its steps. */
export type DagRunDetail = DagRun & { steps: DagRunStep[] };

/** List params that never filter (paging). */
const PAGING_PARAMS = new Set(["limit", "cursor", "page_size"]);
/** List params that change the order: pushed items are not inserted into such lists. */
const ORDER_PARAMS = new Set(["sort", "order", "order_by", "sort_by"]);

const byCreatedDesc = (a: { created_at?: unknown }, b: { created_at?: unknown }) => compareTimeDesc(a.created_at, b.created_at);

export const jobsDomain = defineDomain<Job>({
  name: "jobs",
  idField: "job_id",
  filters: { status: (j) => j.status, type: (j) => j.type, run_id: (j) => j.run_id },
  compare: byCreatedDesc,
});

export const tasksDomain = defineDomain<Task>({
  name: "tasks",
  idField: "task_id",
  filters: {
    status: (t) => t.status,
    agent_id: (t) => t.agent_id,
    job_id: (t) => t.job_id,
    type: (t) => t.type,
    priority: (t) => t.priority,
    standalone: (t) => t.job_id === null,
  },
  compare: byCreatedDesc,
});

export const agentsDomain = defineDomain<Agent>({
  name: "agents",
  idField: "agent_id",
  filters: { status: (a) => a.status, type: (a) => a.type },
  // GET /api/agents lists the hive oldest first: a new agent joins at the end.
  compare: (a, b) => -byCreatedDesc(a, b),
  eventOnlyFields: ["old_status", "new_status", "reason"],
});

export const knowledgeDomain = defineDomain<KnowledgeItem>({
  name: "knowledge",
  idField: "item_id",
  filters: { type: (k) => k.type, tag: (k) => k.tags, source_job: (k) => k.source_job },
  compare: byCreatedDesc,
  eventOnlyFields: ["updated_fields"],
});

export const insightsDomain = defineDomain<Insight>({
  name: "insights",
  idField: "insight_id",
  filters: { type: (i) => i.type },
  compare: byCreatedDesc,
});

/** DAG definitions have no creation time: listed by name. */
export const dagsDomain = defineDomain<Dag>({
  name: "dags",
  idField: "dag_id",
  filters: {},
  compare: (a, b) => String(a.name ?? "").localeCompare(String(b.name ?? "")) || String(a.dag_id).localeCompare(String(b.dag_id)),
});

/** Runs are listed newest start first; queued runs (not started) first of all. */
export const dagRunsDomain = defineDomain<DagRun>({
  name: "dag-runs",
  idField: "run_id",
  filters: { dag_id: (r) => r.dag_id, status: (r) => r.status },
  compare: (a, b) => {
    if (a.started_at == null && b.started_at != null) return -1;
    if (b.started_at == null && a.started_at != null) return 1;
    return compareTimeDesc(a.started_at, b.started_at) || String(b.run_id).localeCompare(String(a.run_id));
  },
});

/** Steps are versioned on their own; they live inside the run detail (`DagRunDetail.steps`). */
export const DAG_STEP_DOMAIN = "dag-steps";
export const dagStepId = (s: { run_id: string; step_id: string }) => `${s.run_id}/${s.step_id}`;

export const notificationsDomain = defineDomain<Notification>({
  name: "notifications",
  idField: "id",
  filters: { unread: (n) => n.read_at == null, level: (n) => n.level },
  compare: byCreatedDesc,
  // notification_read sets read_at without a version change: a fetch that started before it must not undo it.
  preferHeld: (held, fetched) => held.read_at != null && fetched.read_at == null,
});

export const ENTITY_DOMAINS: Readonly<Record<string, EntityDomain>> = Object.fromEntries(
  [jobsDomain, tasksDomain, agentsDomain, knowledgeDomain, insightsDomain, dagsDomain, dagRunsDomain, notificationsDomain].map(
    (d) => [d.name, d],
  ),
);

/** Types a domain against its entity, and erases the type for the generic cache code. */
function defineDomain<T extends object>(domain: EntityDomain<T>): EntityDomain {
  return domain as unknown as EntityDomain;
}

export function domainOf(name: unknown): EntityDomain | undefined {
  return typeof name === "string" && Object.hasOwn(ENTITY_DOMAINS, name) ? ENTITY_DOMAINS[name] : undefined;
}

export function idOf(domain: EntityDomain, e: unknown): string | undefined {
  if (!isRecord(e)) return undefined;
  const id = e[domain.idField];
  return typeof id === "string" && id.length > 0 ? id : undefined;
}

export function versionOf(e: unknown): number {
  if (!isRecord(e)) return 0;
  const v = e.version;
  return typeof v === "number" && Number.isFinite(v) ? v : 0;
}

/**
 * Whether `e` belongs in a list with `params`: true, false, or null when the client cannot tell
 * (a param it cannot evaluate, such as the full-text `q`).
 */
export function membership(domain: EntityDomain, e: AnyEntity, params: unknown): boolean | null {
  if (!isRecord(params)) return true;
  let unknown = false;
  for (const [key, wanted] of Object.entries(params)) {
    if (wanted === undefined || wanted === null || wanted === "" || PAGING_PARAMS.has(key) || ORDER_PARAMS.has(key)) continue;
    const accessor = domain.filters[key];
    if (!accessor) {
      unknown = true;
      continue;
    }
    if (!valueMatches(accessor(e), wanted)) return false;
  }
  return unknown ? null : true;
}

/** Whether pushed items may be inserted into a list with `params` (its order must be the domain's). */
export function insertable(params: unknown): boolean {
  if (!isRecord(params)) return true;
  return !Object.entries(params).some(([k, v]) => ORDER_PARAMS.has(k) && v !== undefined && v !== null && v !== "");
}

/** The entity without event-only fields and client markers. */
export function entityFromEvent(domain: EntityDomain, data: unknown): AnyEntity {
  const out: AnyEntity = { ...(data as AnyEntity) };
  for (const f of domain.eventOnlyFields ?? []) delete out[f];
  return out;
}

function valueMatches(actual: unknown, wanted: unknown): boolean {
  const wantedList = Array.isArray(wanted) ? wanted : [wanted];
  const actualList = Array.isArray(actual) ? actual : [actual];
  return wantedList.some((w) => actualList.some((a) => a !== undefined && String(a) === String(w)));
}

function compareTimeDesc(a: unknown, b: unknown): number {
  const ta = toTime(a);
  const tb = toTime(b);
  // Items without a time (e.g. optimistic ones) come first.
  if (ta === null && tb === null) return 0;
  if (ta === null) return -1;
  if (tb === null) return 1;
  return tb - ta;
}

function toTime(v: unknown): number | null {
  if (typeof v !== "string") return null;
  const t = Date.parse(v);
  return Number.isNaN(t) ? null : t;
}
