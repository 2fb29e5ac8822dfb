"use client";
// DAG data hooks: the definitions (list, one, create, optimistic edit and delete), each DAG's recent
// runs for the grid (steps kept at their newest pushed version), and triggering a run (a pending
// queued run confirmed by client_mutation_id).
import * as React from "react";
import { useMutation, useQuery, useQueryClient, type QueryClient, type QueryKey } from "@tanstack/react-query";
import { toast } from "sonner";

import type { CreateDagBody, DagRunDetail, DagRunsPage, DagsPage, UpdateDagBody } from "@/lib/api/dags";
import type { Dag, DagRunStep } from "@/lib/protocol/entities/dags";
import type { ClientMarkers } from "../collections";
import { isListData, pagesOf } from "../collections";
import { insertSorted, removeEntity, removeFromList } from "../entity-cache";
import { dagsDomain, type AnyEntity } from "../entity-domains";
import { apiFetch, isApiError } from "../fetchers";
import { queryKeys } from "../keys";
import { applyServerEntity, confirmPending, insertPending, optimisticPatch, rollbackPending, type OptimisticPatchHandle } from "../optimistic";
import { entityDetailOptions } from "../query-options";
import { getVersionStore } from "../version-store";
import { clearEntityAction, rejectionMessage } from "./use-entity-action";
import { useEntityList } from "./use-entity-query";
import { newClientMutationId } from "./use-jobs";

/** A definition as the caches hold it: an edit in flight carries `_action: "update"`. */
export type DagRow = Dag & ClientMarkers & { _action?: "update" };

/** A run with its steps as the caches hold it; a run being triggered is `_pending` (its run_id is made up). */
export type DagRunRow = DagRunDetail & ClientMarkers;

/** How many runs the grid shows per DAG. */
export const DAG_GRID_RUNS = 20;

const dagPath = (dagId: string) => `/api/dags/${encodeURIComponent(dagId)}`;

/** Every DAG (sorted by name). Subscribe to `dags` beside it. */
export function useDagsList(options: { enabled?: boolean } = {}) {
  return useEntityList<DagRow>(
    queryKeys.dags.list(),
    ({ cursor, signal }) => apiFetch<DagsPage>("/api/dags", { query: { cursor: cursor ?? undefined }, signal }),
    options,
  );
}

/** One DAG (null: none); starts from the copy this tab already holds (listed or pushed). */
export function useDag(dagId: string | null) {
  const qc = useQueryClient();
  const id = dagId ?? "";
  return useQuery<DagRow>({
    ...entityDetailOptions<DagRow>(qc, queryKeys.dags.detail(id), (signal) => apiFetch<DagRow>(dagPath(id), { signal })),
    enabled: id !== "",
    initialData: () => {
      const held = id ? getVersionStore(qc).get(dagsDomain.name, id) : undefined;
      return held?.entity ? ({ ...(held.entity as DagRow), version: held.version } as DagRow) : undefined;
    },
  });
}

/**
 * The DAG's recent runs, newest first, each with its steps (the grid). Key `dagRuns.list({dag_id})`:
 * pushed runs enter it, pushed steps recolour it. Subscribe to `dags` (or `dags:{dag_id}`) beside it.
 */
export function useDagRuns(dagId: string, limit: number = DAG_GRID_RUNS, options: { enabled?: boolean } = {}) {
  return useEntityList<DagRunRow>(
    queryKeys.dagRuns.list({ dag_id: dagId }),
    ({ cursor, signal }) => apiFetch<DagRunsPage>("/api/dag-runs", { query: { dag_id: dagId, limit, cursor: cursor ?? undefined }, signal }),
    options,
  );
}

// ---- create ----

/** What the editor sends to POST /api/dags (the schema's input: defaults may be left out). */
export type CreateDagInput = Omit<CreateDagBody, "description"> & { description?: string | null };

/**
 * Creates a DAG. Not optimistic: a hand-written definition is checked by the server (a taken
 * dag_id is a 409), so the editor stays open until the answer and shows what the server refused.
 * The 201's DAG enters the list at once (the pushed `dag_created` is then a no-op).
 */
export function useCreateDag() {
  const qc = useQueryClient();
  return useMutation<Dag, unknown, CreateDagInput>({
    mutationKey: ["dags", "create"],
    mutationFn: (body) => apiFetch<Dag>("/api/dags", { method: "POST", json: body }),
    onSuccess: (dag) => {
      applyServerEntity(qc, dagsDomain.name, dag);
    },
  });
}

// ---- update ----

export interface UpdateDagVariables {
  dag: DagRow;
  body: Omit<UpdateDagBody, "description"> & { description?: string | null };
}

/**
 * Saves an edited definition: the card shows the new name, description and steps at once (marked
 * `_action: "update"`); the answer or the pushed `dag_updated` confirms it. On failure the card goes
 * back to the server's copy with a toast; the rejected `error` (an ApiError with `issues` such as
 * `steps.2.params.ms`) is for the editor to show.
 */
export function useUpdateDag() {
  const qc = useQueryClient();
  return useMutation<Dag, unknown, UpdateDagVariables, { handle: OptimisticPatchHandle }>({
    mutationKey: ["dags", "update"],
    mutationFn: ({ dag, body }) => apiFetch<Dag>(dagPath(dag.dag_id), { method: "PUT", json: body }),
    onMutate: async ({ dag, body }) => {
      const handle = await optimisticPatch(
        qc,
        { domain: dagsDomain.name, id: dag.dag_id },
        { name: body.name.trim(), description: body.description?.trim() || null, steps: body.steps, _action: "update" },
      );
      return { handle };
    },
    onSuccess: (dag) => {
      applyServerEntity(qc, dagsDomain.name, dag);
    },
    onError: (error, { dag, body }, context) => {
      context?.handle.rollback();
      if (isApiError(error) && error.status === 404) removeEntity(qc, dagsDomain, dag.dag_id);
      errorToast(rejectionMessage(`DAG “${body.name.trim() || dag.name}”`, "saved", error));
    },
    onSettled: (_data, _error, { dag }, context) => {
      clearEntityAction(qc, dagsDomain, dag.dag_id, "update");
      context?.handle.settle();
    },
  });
}

// ---- delete ----

/**
 * Deletes a DAG: its card leaves at once; the 204 (or the pushed `dag_deleted`) makes it final.
 * When the server refuses (409 while a run is queued or running) the card comes back with a toast.
 */
export function useDeleteDag() {
  const qc = useQueryClient();
  return useMutation<void, unknown, DagRow, { cancelled: QueryKey[] }>({
    mutationKey: ["dags", "delete"],
    mutationFn: (dag) => apiFetch<void>(dagPath(dag.dag_id), { method: "DELETE" }),
    onMutate: async (dag) => {
      const cancelled = qc
        .getQueryCache()
        .findAll({ queryKey: queryKeys.dags.lists(), fetchStatus: "fetching" })
        .map((q) => q.queryKey);
      await qc.cancelQueries({ queryKey: queryKeys.dags.lists() });
      for (const query of loadedDagLists(qc)) {
        qc.setQueryData(query.queryKey, (old: unknown) => removeFromList(dagsDomain, old, (i) => i._pending !== true && i.dag_id === dag.dag_id));
      }
      return { cancelled };
    },
    onSuccess: (_data, dag) => {
      removeEntity(qc, dagsDomain, dag.dag_id);
    },
    onError: (error, dag) => {
      if (isApiError(error) && error.status === 404) {
        removeEntity(qc, dagsDomain, dag.dag_id);
      } else {
        restoreDag(qc, dag);
      }
      toast.error(`Could not delete “${dag.name}”`, { description: deleteFailureReason(error), richColors: false });
    },
    onSettled: (_data, _error, _dag, context) => {
      for (const key of context?.cancelled ?? []) void qc.invalidateQueries({ queryKey: key, exact: true });
    },
  });
}

/** Why a delete failed, in words. */
export function deleteFailureReason(error: unknown): string {
  if (isApiError(error)) {
    if (error.status === 404) return "It no longer exists.";
    if (error.status === 403) return "You are not allowed to do this.";
    const m = error.message.trim().replace(/\.$/, "");
    return m ? `${m[0]!.toUpperCase()}${m.slice(1)}.` : "Unknown error.";
  }
  return "The server could not be reached.";
}

/** Puts a DAG whose delete failed back where it sorts (its newest copy), unless it was removed meanwhile. */
function restoreDag(qc: QueryClient, dag: DagRow): void {
  const held = getVersionStore(qc).get(dagsDomain.name, dag.dag_id);
  if (held && held.entity === null) return; // a pushed dag_deleted won the race
  const copy = (held?.entity ?? dag) as AnyEntity;
  for (const query of loadedDagLists(qc)) {
    qc.setQueryData(query.queryKey, (old: unknown) => {
      if (!isListData<AnyEntity>(old)) return old;
      if (pagesOf(old).some((items) => items.some((i) => i._pending !== true && i.dag_id === dag.dag_id))) return old;
      return insertSorted(dagsDomain, old, copy);
    });
  }
}

function loadedDagLists(qc: QueryClient) {
  return qc
    .getQueryCache()
    .findAll({ queryKey: queryKeys.dags.lists() })
    .filter((q) => q.state.data !== undefined);
}

// ---- trigger ----

export interface TriggerRunInput {
  dag: Pick<Dag, "dag_id" | "name" | "steps">;
  params?: Record<string, unknown>;
  client_mutation_id?: string;
}
type TriggerRunVariables = TriggerRunInput & { client_mutation_id: string };

/**
 * Triggers a run: a queued run with every step pending appears at once in the DAG's grid
 * (`_pending`), and becomes the real run when the 201 or a pushed run with its
 * client_mutation_id arrives, whichever is first (never twice). On failure it goes away with a
 * toast that says why.
 */
export function useTriggerRun() {
  const qc = useQueryClient();
  const mutation = useMutation<DagRunDetail, unknown, TriggerRunVariables>({
    mutationKey: ["dag-runs", "trigger"],
    mutationFn: ({ dag, params, client_mutation_id }) =>
      apiFetch<DagRunDetail>(`${dagPath(dag.dag_id)}/runs`, { method: "POST", json: { params: params ?? {}, client_mutation_id } }),
    onMutate: (vars) => {
      insertPending(qc, queryKeys.dagRuns.lists(), pendingRun(vars), { timeoutMs: 0 });
    },
    onSuccess: (run, vars) => {
      confirmPending(qc, vars.client_mutation_id, run, queryKeys.dagRuns.lists());
    },
    onError: (error, vars) => {
      rollbackPending(qc, vars.client_mutation_id, rejectionMessage(`A run of “${vars.dag.name}”`, "started", error), { toast: errorToast });
    },
  });
  const { mutate } = mutation;
  const trigger = React.useCallback(
    (input: TriggerRunInput, callbacks?: Parameters<typeof mutate>[1]) =>
      mutate({ ...input, client_mutation_id: input.client_mutation_id ?? newClientMutationId() }, callbacks),
    [mutate],
  );
  return { ...mutation, trigger };
}

/** The optimistic run of a trigger: queued, every step of the definition pending. */
export function pendingRun(input: TriggerRunVariables, now = new Date()): DagRunRow & { client_mutation_id: string } {
  const runId = `pending-${input.client_mutation_id}`;
  const steps: DagRunStep[] = input.dag.steps.map((s) => ({
    dag_id: input.dag.dag_id,
    run_id: runId,
    step_id: s.step_id,
    status: "pending",
    start_time: null,
    end_time: null,
    duration: null,
    retry_count: 0,
    error: null,
    version: 0,
  }));
  return {
    dag_id: input.dag.dag_id,
    run_id: runId,
    status: "queued",
    started_at: null,
    ended_at: null,
    total_steps: steps.length,
    completed_steps: 0,
    running_steps: 0,
    failed_steps: 0,
    pending_steps: steps.length,
    completion_percentage: 0,
    params: (input.params ?? {}) as DagRunRow["params"],
    error: null,
    created_at: now.toISOString(),
    client_mutation_id: input.client_mutation_id,
    version: 0,
    steps,
    _pending: true,
  };
}

// ---- helpers ----

/** Error toasts in sonner's neutral style (its rich colours fail WCAG AA contrast). */
function errorToast(message: string): void {
  toast.error(message, { richColors: false });
}
