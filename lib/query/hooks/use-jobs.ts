"use client";
// Jobs data hooks: the filtered, cursor-paged list, one job, uploads (pending rows confirmed by
// client_mutation_id) and the optimistic retry / cancel / delete actions.
import { jobTypeFor } from "@/lib/api/document-formats";
import * as React from "react";
import { useMutation, useQueryClient, type QueryClient } from "@tanstack/react-query";
import { toast } from "sonner";

import { DEFAULT_MAX_UPLOAD_BYTES, JOB_TYPES, type JobsPage } from "@/lib/api/jobs";
import { JOB_STATUSES, type Job, type JobStatus } from "@/lib/protocol/entities/jobs";
import { formatBytes } from "@/lib/utils";
import { isListData, pagesOf, withPages, type ClientMarkers } from "../collections";
import { removeEntity } from "../entity-cache";
import { jobsDomain, type AnyEntity } from "../entity-domains";
import { apiFetch, isApiError, type QueryParams } from "../fetchers";
import { queryKeys, type JobListParams } from "../keys";
import { applyServerEntity, confirmPending, insertPending, optimisticPatch, rollbackPending, type OptimisticPatchHandle } from "../optimistic";
import { getVersionStore } from "../version-store";
import { useEntityDetail, useEntityList } from "./use-entity-query";
import { getJobStatsTracker } from "./use-job-stats";

export type JobType = (typeof JOB_TYPES)[number];

/** An action sent to the server and not answered yet (shown on the row; never part of the job). */
export type PendingJobAction = "retry" | "cancel" | "delete";

/** A job as the caches hold it: a pending upload carries `_pending`, a job with an action in flight `_action`. */
export type JobRow = Job & ClientMarkers & { _action?: PendingJobAction };

/** What the jobs page filters by (server-side filters: they go into the list's params). */
export interface JobFilters {
  status?: readonly JobStatus[];
  type?: readonly string[];
}

/** The list params of `filters`: sorted, so equal filters give equal query keys. */
export function jobListParams(filters: JobFilters = {}, limit?: number): JobListParams {
  const status = JOB_STATUSES.filter((s) => filters.status?.includes(s));
  const type = [...new Set(filters.type ?? [])].sort();
  return {
    ...(status.length > 0 ? { status } : {}),
    ...(type.length > 0 ? { type } : {}),
    ...(limit !== undefined ? { limit } : {}),
  };
}

/** GET /api/jobs query string of a list: `status=failed,cancelled&type=pdf&cursor=&limit=`. */
export function jobListQuery(params: JobListParams, cursor: string | null): QueryParams {
  const csv = (v: JobListParams["status"] | JobListParams["type"]) => (v === undefined ? undefined : Array.isArray(v) ? v.join(",") : String(v));
  return { status: csv(params.status), type: csv(params.type), limit: params.limit, cursor: cursor ?? undefined };
}

/** The jobs matching `filters`, newest first, paged by cursor; pending uploads included. Subscribe to `jobs` beside it. */
export function useJobsList(filters: JobFilters = {}, options: { limit?: number; enabled?: boolean } = {}) {
  const params = jobListParams(filters, options.limit);
  return useEntityList<JobRow>(
    queryKeys.jobs.list(params),
    ({ cursor, signal }) => apiFetch<JobsPage>("/api/jobs", { query: jobListQuery(params, cursor), signal }),
    { enabled: options.enabled },
  );
}

/** One job; `_deleted: true` once it was deleted. A 404 is an ApiError with status 404. */
export function useJob(jobId: string) {
  return useEntityDetail<JobRow>(queryKeys.jobs.detail(jobId), (signal) =>
    apiFetch<JobRow>(`/api/jobs/${encodeURIComponent(jobId)}`, { signal }),
  );
}

// ---- uploads ----

/**
 * Uploads files, one request per file, all in parallel. Each file shows at once as a pending row
 * (`_pending`, status "queued", progress 0) and becomes the real job when the push or the HTTP 201
 * with its client_mutation_id arrives, whichever is first; on failure it is removed with a toast
 * that names the file and the reason.
 */
export function useUploadJobs() {
  const qc = useQueryClient();
  const [inFlight, setInFlight] = React.useState(0);
  const upload = React.useCallback(
    (files: Iterable<File>) => {
      const list = [...files];
      if (list.length === 0) return Promise.resolve([]);
      setInFlight((n) => n + list.length);
      return Promise.all(
        list.map((file) => uploadJob(qc, file).finally(() => setInFlight((n) => Math.max(0, n - 1)))),
      );
    },
    [qc],
  );
  return { upload, inFlight };
}

/** Uploads one file with its pending row; resolves with the job, or null when it failed (and was rolled back). */
export async function uploadJob(qc: QueryClient, file: File): Promise<Job | null> {
  const cmid = newClientMutationId();
  insertPending(qc, queryKeys.jobs.lists(), pendingJob(file.name, cmid), {
    // The HTTP answer settles it (201 or an error); a slow upload must not be undone by a timer.
    timeoutMs: 0,
  });
  const form = new FormData();
  form.append("client_mutation_id", cmid);
  form.append("file", file, file.name);
  try {
    const job = await apiFetch<Job>("/api/jobs", { method: "POST", body: form });
    confirmPending(qc, cmid, job, queryKeys.jobs.lists());
    return job;
  } catch (error) {
    rollbackPending(qc, cmid, uploadErrorMessage(file.name, error), { toast: errorToast });
    return null;
  }
}

/**
 * Error toasts in sonner's neutral style: its "rich" colours are below WCAG AA contrast (4.35:1 for
 * errors in light mode), and the icon already says it is an error.
 */
function errorToast(message: string): void {
  toast.error(message, { richColors: false });
}

/** The optimistic row of an upload. */
export function pendingJob(filename: string, clientMutationId: string, now = new Date()): JobRow & { client_mutation_id: string } {
  return {
    job_id: `pending-${clientMutationId}`,
    run_id: null,
    type: jobTypeOf(filename),
    filename,
    status: "queued",
    progress: 0,
    current_step: null,
    created_at: now.toISOString(),
    started_at: null,
    estimated_completion: null,
    completed_at: null,
    failed_at: null,
    result: null,
    error: null,
    retry_count: 0,
    can_retry: false,
    client_mutation_id: clientMutationId,
    version: 0,
    _pending: true,
  };
}

/** The job type the server will give a file, from its extension (for the pending row). */
export const jobTypeOf = jobTypeFor;

/** What to tell the user when the upload of `filename` failed: names the file and says why. */
export function uploadErrorMessage(filename: string, error: unknown, maxBytes = DEFAULT_MAX_UPLOAD_BYTES): string {
  const name = filename.trim() || "The file";
  if (isApiError(error)) {
    if (error.status === 413 || error.code === "file_too_large") {
      return `${name} is larger than ${formatBytes(limitFrom(error.body) ?? limitInMessage(error.message) ?? maxBytes)}`;
    }
    if (error.status === 400 || error.status === 422) {
      const issue = error.issues.find((i) => i.path === "file") ?? error.issues[0];
      const reason = issue ? [issue.path, sentence(issue.message)].filter(Boolean).join(" ") : sentence(error.message);
      return `${name} was not accepted: ${reason}`;
    }
    if (error.status === 401) return `${name} was not uploaded: your session has ended, sign in again`;
    if (error.status === 403) return `${name} was not uploaded: you are not allowed to upload files`;
    if (error.status === 429) return `${name} was not uploaded: too many uploads at once, try again shortly`;
    if (error.status >= 500) return `${name} could not be uploaded: the server failed (${sentence(error.message)})`;
    return `${name} could not be uploaded: ${sentence(error.message)}`;
  }
  if (error instanceof DOMException && error.name === "AbortError") return `${name}: the upload was cancelled`;
  return `${name} could not be uploaded: the server could not be reached`;
}

/** A fresh client_mutation_id (random UUID; works outside secure contexts too). */
export function newClientMutationId(): string {
  const c = globalThis.crypto;
  if (c && typeof c.randomUUID === "function") return c.randomUUID();
  const bytes = new Uint8Array(16);
  if (c && typeof c.getRandomValues === "function") c.getRandomValues(bytes);
  else for (let i = 0; i < bytes.length; i += 1) bytes[i] = Math.floor(Math.random() * 256);
  return [...bytes].map((b) => b.toString(16).padStart(2, "0")).join("");
}

// ---- actions ----

const ACTION_PATCHES: Record<"retry" | "cancel", Partial<JobRow>> = {
  retry: {
    status: "queued",
    progress: 0,
    current_step: null,
    error: null,
    failed_at: null,
    completed_at: null,
    estimated_completion: null,
    can_retry: false,
  },
  cancel: { status: "cancelled", current_step: null, estimated_completion: null },
};

const ACTION_VERBS: Record<PendingJobAction, string> = { retry: "retry", cancel: "cancel", delete: "delete" };

interface ActionContext {
  handle: OptimisticPatchHandle;
}

/** Retries a failed or cancelled job: it shows "queued" at once; the push confirms it. */
export function useRetryJob() {
  return useJobAction("retry", (job) => apiFetch<Job>(`/api/jobs/${encodeURIComponent(job.job_id)}/retry`, { method: "POST" }));
}

/** Cancels a queued or processing job: it shows "cancelled" at once; the push confirms it. */
export function useCancelJob() {
  return useJobAction("cancel", (job) => apiFetch<Job>(`/api/jobs/${encodeURIComponent(job.job_id)}/cancel`, { method: "POST" }));
}

/** Deletes a job: it shows as being deleted at once and leaves every list on the 204 (or the push). */
export function useDeleteJob() {
  return useJobAction("delete", async (job) => {
    await apiFetch<void>(`/api/jobs/${encodeURIComponent(job.job_id)}`, { method: "DELETE" });
    return null;
  });
}

/** Which actions the server allows for a job in its current state. */
export function allowedJobActions(job: Pick<JobRow, "status" | "_pending" | "_action">): Record<PendingJobAction, boolean> {
  const idle = !job._pending && !job._action;
  return {
    retry: idle && (job.status === "failed" || job.status === "cancelled"),
    cancel: idle && (job.status === "queued" || job.status === "processing"),
    delete: idle && job.status !== "processing",
  };
}

function useJobAction(action: PendingJobAction, send: (job: JobRow) => Promise<Job | null>) {
  const qc = useQueryClient();
  return useMutation<Job | null, unknown, JobRow, ActionContext>({
    mutationKey: ["jobs", "action", action],
    mutationFn: send,
    onMutate: async (job) => {
      // The store's copy is the server's; the HTTP answer will replace it before the push arrives,
      // so the live stats learn the state before the change now.
      const held = getVersionStore(qc).get(jobsDomain.name, job.job_id);
      getJobStatsTracker(qc).remember(held?.entity ? { ...(held.entity as object), version: held.version } : job);
      const patch = action === "delete" ? {} : ACTION_PATCHES[action];
      const handle = await optimisticPatch(qc, { domain: jobsDomain.name, id: job.job_id }, { ...patch, _action: action });
      return { handle };
    },
    onSuccess: (server, job) => {
      if (action === "delete") removeEntity(qc, jobsDomain, job.job_id);
      else if (server) applyServerEntity(qc, jobsDomain.name, server);
    },
    onError: (error, job, context) => {
      context?.handle.rollback();
      toast.error(`Could not ${ACTION_VERBS[action]} ${job.filename ?? job.job_id}`, { description: actionErrorReason(error), richColors: false });
    },
    onSettled: (_data, _error, job, context) => {
      clearAction(qc, job.job_id, action);
      context?.handle.settle();
    },
  });
}

/** Why an action failed, in words. */
export function actionErrorReason(error: unknown): string {
  if (isApiError(error)) {
    if (error.status === 409) return `${sentence(error.message)} (its state changed; the list shows the current one).`;
    if (error.status === 404) return "The job no longer exists.";
    return sentence(error.message);
  }
  return "The server could not be reached.";
}

/** Removes the `_action` marker from every copy of the job (detail and lists). */
function clearAction(qc: QueryClient, jobId: string, action: PendingJobAction): void {
  const strip = (e: AnyEntity): AnyEntity => {
    if (e._action !== action) return e;
    const next = { ...e };
    delete next._action;
    return next;
  };
  qc.setQueryData(queryKeys.jobs.detail(jobId), (old: unknown) =>
    typeof old === "object" && old !== null ? strip(old as AnyEntity) : old,
  );
  for (const query of qc.getQueryCache().findAll({ queryKey: queryKeys.jobs.lists() })) {
    qc.setQueryData(query.queryKey, (old: unknown) => {
      if (!isListData<AnyEntity>(old)) return old;
      const pages = pagesOf(old).map((items) =>
        items.some((i) => i.job_id === jobId && i._action === action) ? items.map((i) => (i.job_id === jobId ? strip(i) : i)) : items,
      );
      return withPages(old, pages);
    });
  }
}

/** A byte limit the server put in its error body, if any. */
function limitFrom(body: unknown): number | null {
  const err = typeof body === "object" && body !== null ? ((body as { error?: unknown }).error ?? body) : null;
  if (typeof err !== "object" || err === null) return null;
  for (const key of ["max_bytes", "limit_bytes", "limit", "max_size"]) {
    const v = (err as Record<string, unknown>)[key];
    if (typeof v === "number" && v > 0) return v;
  }
  return null;
}

/** The limit a message states, e.g. "the file is larger than the 10 MiB limit" -> 10485760. */
function limitInMessage(message: string): number | null {
  const m = /(\d+(?:\.\d+)?)\s*(KiB|MiB|GiB|KB|MB|GB)\b/i.exec(message);
  if (!m) return null;
  const unit = m[2]!.toUpperCase()[0] as "K" | "M" | "G";
  const bytes = Number(m[1]) * { K: 1024, M: 1024 ** 2, G: 1024 ** 3 }[unit];
  return Number.isFinite(bytes) && bytes > 0 ? Math.round(bytes) : null;
}

/** "File is required." -> "file is required" (to follow a colon). */
function sentence(message: string): string {
  const m = message.trim().replace(/\.$/, "");
  if (m.length === 0) return "unknown error";
  return /^[A-Z][a-z]/.test(m) ? m[0]!.toLowerCase() + m.slice(1) : m;
}
