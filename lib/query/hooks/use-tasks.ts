"use client";
// Tasks data hooks: the filtered, cursor-paged queue, one task, creating a task (a pending row confirmed
// by client_mutation_id) and the optimistic cancel.
import * as React from "react";
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { toast } from "sonner";

import { DEFAULT_MIN_PROFICIENCY, TASK_TYPES, type CreateTaskBody, type TaskType, type TasksPage } from "@/lib/api/tasks";
import { TASK_STATUSES, type Task, type TaskStatus } from "@/lib/protocol/entities/tasks";
import type { ClientMarkers } from "../collections";
import { tasksDomain } from "../entity-domains";
import { apiFetch, type QueryParams } from "../fetchers";
import { queryKeys, type TaskListParams } from "../keys";
import { confirmPending, insertPending, rollbackPending } from "../optimistic";
import { entityDetailOptions } from "../query-options";
import { getVersionStore } from "../version-store";
import { useEntityList } from "./use-entity-query";
import { rejectionMessage, useEntityAction } from "./use-entity-action";
import { newClientMutationId } from "./use-jobs";

/** An action sent to the server and not answered yet. */
export type PendingTaskAction = "cancel";

/** A task as the caches hold it: a pending "create" carries `_pending`, a cancel in flight `_action`. */
export type TaskRow = Task & ClientMarkers & { _action?: PendingTaskAction };

/** The queue's status views. */
export const TASK_SCOPES = {
  active: ["pending", "assigned", "running"],
  finished: ["completed", "failed", "cancelled"],
  all: [],
} as const satisfies Record<string, readonly TaskStatus[]>;
export type TaskScope = keyof typeof TASK_SCOPES;

/** Standalone tasks (created directly), job steps, or both. */
export type TaskKind = "all" | "standalone" | "job";

export interface TaskFilters {
  scope?: TaskScope;
  kind?: TaskKind;
  agentId?: string;
  jobId?: string;
}

/** Page size of the queue. */
export const TASKS_PAGE_SIZE = 50;

/** The list params of `filters` (statuses in protocol order, so equal filters give equal keys). */
export function taskListParams(filters: TaskFilters = {}, limit?: number): TaskListParams {
  const wanted: readonly TaskStatus[] = TASK_SCOPES[filters.scope ?? "active"];
  const status = TASK_STATUSES.filter((s) => wanted.includes(s));
  return {
    ...(status.length > 0 ? { status } : {}),
    ...(filters.kind === "standalone" ? { standalone: true } : filters.kind === "job" ? { standalone: false } : {}),
    ...(filters.agentId ? { agent_id: filters.agentId } : {}),
    ...(filters.jobId ? { job_id: filters.jobId } : {}),
    ...(limit !== undefined ? { limit } : {}),
  };
}

/** GET /api/tasks query string of a list: `status=pending,running&standalone=true&cursor=&limit=`. */
export function taskListQuery(params: TaskListParams, cursor: string | null): QueryParams {
  const status = params.status === undefined ? undefined : Array.isArray(params.status) ? params.status.join(",") : String(params.status);
  return {
    status,
    standalone: params.standalone === undefined ? undefined : String(params.standalone),
    agent_id: params.agent_id,
    job_id: params.job_id,
    type: params.type,
    limit: params.limit,
    cursor: cursor ?? undefined,
  };
}

/** The tasks matching `filters` (default: active), newest first, paged by cursor. Subscribe to `tasks` beside it. */
export function useTasksList(filters: TaskFilters = {}, options: { limit?: number; enabled?: boolean } = {}) {
  const params = taskListParams(filters, options.limit ?? TASKS_PAGE_SIZE);
  return useEntityList<TaskRow>(
    queryKeys.tasks.list(params),
    ({ cursor, signal }) => apiFetch<TasksPage>("/api/tasks", { query: taskListQuery(params, cursor), signal }),
    { enabled: options.enabled },
  );
}

/**
 * One task (null: none). Starts from the copy this tab already holds (pushed or listed), so an
 * agent card naming its current task needs no request when the task was seen; pushes keep it current.
 */
export function useTask(taskId: string | null) {
  const qc = useQueryClient();
  const id = taskId ?? "";
  return useQuery<TaskRow>({
    ...entityDetailOptions<TaskRow>(qc, queryKeys.tasks.detail(id), (signal) => apiFetch<TaskRow>(`/api/tasks/${encodeURIComponent(id)}`, { signal })),
    enabled: taskId !== null && taskId !== "",
    initialData: () => {
      const held = taskId ? getVersionStore(qc).get(tasksDomain.name, taskId) : undefined;
      return held?.entity ? ({ ...(held.entity as TaskRow), version: held.version } as TaskRow) : undefined;
    },
  });
}

// ---- create ----

/** What the "New task" form sends. */
export type CreateTaskInput = Omit<CreateTaskBody, "client_mutation_id" | "priority" | "required_capabilities"> & {
  priority?: number;
  required_capabilities?: Array<{ name: string; min_proficiency?: number }>;
  client_mutation_id?: string;
};
type CreateTaskVariables = CreateTaskInput & { client_mutation_id: string };

/**
 * Creates a task: its row shows at once (`_pending`, "pending") in the lists it belongs to, and
 * becomes the real task when the 201 or the pushed `task_created` with its client_mutation_id
 * arrives, whichever is first. On failure the row goes away with a toast that says why; `error`
 * carries the ApiError (its `issues` name the fields) for the form.
 */
export function useCreateTask() {
  const qc = useQueryClient();
  const mutation = useMutation<Task, unknown, CreateTaskVariables>({
    mutationKey: ["tasks", "create"],
    mutationFn: (vars) => apiFetch<Task>("/api/tasks", { method: "POST", json: vars }),
    onMutate: (vars) => {
      insertPending(qc, queryKeys.tasks.lists(), pendingTask(vars), { timeoutMs: 0 });
    },
    onSuccess: (task, vars) => {
      confirmPending(qc, vars.client_mutation_id, task, queryKeys.tasks.lists());
    },
    onError: (error, vars) => {
      rollbackPending(qc, vars.client_mutation_id, rejectionMessage(`Task “${ellipsis(vars.description.trim(), 40) || "untitled"}”`, "created", error), {
        toast: errorToast,
      });
    },
  });
  const { mutate } = mutation;
  const create = React.useCallback(
    (input: CreateTaskInput, callbacks?: Parameters<typeof mutate>[1]) =>
      mutate({ ...input, client_mutation_id: input.client_mutation_id ?? newClientMutationId() }, callbacks),
    [mutate],
  );
  return { ...mutation, create };
}

/** The optimistic row of a task being created: pending, unassigned, first attempt. */
export function pendingTask(input: CreateTaskVariables, now = new Date()): TaskRow & { client_mutation_id: string } {
  const type = input.type as TaskType;
  const required =
    input.required_capabilities?.map((c) => ({ name: c.name.trim().toLowerCase(), min_proficiency: c.min_proficiency ?? DEFAULT_MIN_PROFICIENCY })) ??
    (TASK_TYPES[type] ? [{ name: TASK_TYPES[type].capability, min_proficiency: DEFAULT_MIN_PROFICIENCY }] : []);
  return {
    task_id: `pending-${input.client_mutation_id}`,
    job_id: null,
    description: input.description.trim(),
    type: input.type,
    priority: input.priority ?? 5,
    status: "pending",
    agent_id: null,
    progress: 0,
    current_step: null,
    required_capabilities: required,
    attempt_number: 1,
    estimated_completion: null,
    result: null,
    error: null,
    retry_scheduled: false,
    next_retry_at: null,
    assignment_reason: null,
    created_at: now.toISOString(),
    client_mutation_id: input.client_mutation_id,
    version: 0,
    _pending: true,
  };
}

// ---- cancel ----

/** Cancels an unfinished task: it shows "cancelled" (and "Cancelling…") at once; the push confirms it. */
export function useCancelTask() {
  return useEntityAction<TaskRow, "cancel">({
    domain: tasksDomain,
    action: "cancel",
    patch: () => ({ status: "cancelled" }),
    send: (task) => apiFetch<Task>(`/api/tasks/${encodeURIComponent(task.task_id)}/cancel`, { method: "POST" }),
    failure: (task) => `Could not cancel “${ellipsis(task.description, 40)}”`,
    shownOn: "the queue",
  });
}

/** Whether a task can still be cancelled (unfinished, confirmed, nothing in flight). */
export function canCancelTask(task: Pick<TaskRow, "status" | "_pending" | "_action">): boolean {
  return !task._pending && !task._action && (task.status === "pending" || task.status === "assigned" || task.status === "running");
}

function ellipsis(text: string, max: number): string {
  return text.length > max ? `${text.slice(0, max - 1).trimEnd()}…` : text;
}

/** Error toasts in sonner's neutral style (its rich colours fail WCAG AA contrast). */
function errorToast(message: string): void {
  toast.error(message, { richColors: false });
}
