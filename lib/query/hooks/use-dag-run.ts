"use client";
// DAG run data hooks: one run with its steps (live on `dag-runs:{run_id}`), the overview's latest runs,
// and the optimistic cancel. (The definition a run ran comes from `useDag` in use-dags.ts.)
import { useMutation, useQueryClient, type QueryClient } from "@tanstack/react-query";
import { toast } from "sonner";

import type { DagRunDetail, DagRunsPage } from "@/lib/api/dags";
import type { DagRunStatus } from "@/lib/protocol/entities/dags";
import type { ClientMarkers } from "../collections";
import { dagRunsDomain } from "../entity-domains";
import { apiFetch, isApiError } from "../fetchers";
import { queryKeys } from "../keys";
import { applyServerEntity, optimisticPatch, type OptimisticPatchHandle } from "../optimistic";
import { upsertStep } from "../patchers/dags";
import { actionFailureReason, clearEntityAction } from "./use-entity-action";
import { useEntityDetail, useEntityList } from "./use-entity-query";

/** An action sent to the server and not answered yet (shown on the run; never part of it). */
export type PendingRunAction = "cancel";

/** A run as the caches hold it: an action in flight carries `_action`. */
export type DagRunRow = DagRunDetail & ClientMarkers & { _action?: PendingRunAction };

const runPath = (runId: string) => `/api/dag-runs/${encodeURIComponent(runId)}`;

/** One run with its steps; `_deleted: true` once removed. A 404 is an ApiError with status 404. Subscribe to `dag-runs:{run_id}` beside it. */
export function useDagRun(runId: string) {
  return useEntityDetail<DagRunRow>(queryKeys.dagRuns.detail(runId), (signal) => apiFetch<DagRunRow>(runPath(runId), { signal }));
}

/** The newest runs of every DAG (newest first), with their steps; pushes on `dags` keep it live. */
export function useLatestDagRuns(limit: number) {
  return useEntityList<DagRunRow>(queryKeys.dagRuns.list({ limit }), ({ cursor, signal }) =>
    apiFetch<DagRunsPage>("/api/dag-runs", { query: { limit, cursor: cursor ?? undefined }, signal }),
  );
}

/** Whether a run is still going (its Cancel button shows). */
export function isRunActive(status: DagRunStatus): boolean {
  return status === "queued" || status === "running";
}

/** Whether the Cancel button is enabled: an active run with no action in flight. */
export function canCancelRun(run: Pick<DagRunRow, "status" | "_action">): boolean {
  return isRunActive(run.status) && !run._action;
}

/** Whether the run shows "Cancelling…": the cancel was sent and the run has not ended yet. */
export function isCancelling(run: Pick<DagRunRow, "status" | "_action">): boolean {
  return run._action === "cancel" && isRunActive(run.status);
}

interface CancelContext {
  handle: OptimisticPatchHandle;
}

/**
 * Cancels a queued or running run: it shows "Cancelling…" at once; the HTTP answer or the pushed
 * `dag_run_status` confirms it (running steps stop, pending ones become skipped). On failure (409:
 * it already ended) the mark is rolled back, the run is refetched, and a toast gives the server's reason.
 */
export function useCancelRun() {
  const qc = useQueryClient();
  return useMutation<DagRunDetail, unknown, DagRunRow, CancelContext>({
    mutationKey: [dagRunsDomain.name, "action", "cancel"],
    mutationFn: (run) => apiFetch<DagRunDetail>(`${runPath(run.run_id)}/cancel`, { method: "POST", json: {} }),
    onMutate: async (run) => ({
      handle: await optimisticPatch(qc, { domain: dagRunsDomain.name, id: run.run_id }, { _action: "cancel" }),
    }),
    onSuccess: (server) => applyServerRun(qc, server),
    onError: (error, run, context) => {
      context?.handle.rollback();
      if (isApiError(error) && (error.status === 409 || error.status === 404)) {
        void qc.invalidateQueries({ queryKey: queryKeys.dagRuns.detail(run.run_id), exact: true });
      }
      toast.error(`Could not cancel run ${run.run_id}`, { description: actionFailureReason(error, "the page"), richColors: false });
    },
    onSettled: (_data, _error, run, context) => {
      clearEntityAction(qc, dagRunsDomain, run.run_id, "cancel");
      context?.handle.settle();
    },
  });
}

/**
 * Writes a run an HTTP answer returned: the run's fields version-gated like a pushed
 * `dag_run_status`, and each step like a pushed `step_status` (so an answer that was overtaken by
 * pushes never rolls a step back).
 */
export function applyServerRun(qc: QueryClient, server: DagRunDetail): void {
  const { steps, ...run } = server;
  applyServerEntity(qc, dagRunsDomain.name, run);
  for (const step of Array.isArray(steps) ? steps : []) upsertStep(qc, step);
}
