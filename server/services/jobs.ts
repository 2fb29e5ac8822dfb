// Jobs service: uploaded files become processing jobs. It owns every job state change (create,
// the processor's steps, complete, fail, retry, cancel, delete) and publishes each one on `jobs`,
// `jobs:{job_id}` and `runs:{run_id}`.
import { localCluster, type ClusterDeps } from "../cluster/deps";
import { mkdir, rm, writeFile } from "node:fs/promises";
import path from "node:path";
import type { Job, JobResult } from "@/lib/protocol/entities/jobs";
import type { JobStats } from "@/lib/api/jobs";
import { JOB_STATUSES } from "@/lib/protocol/entities/jobs";
import { topics } from "@/lib/protocol/topics";
import type { Bus, PublishInput } from "../bus/bus";
import { newId } from "../ids";
import type { Repositories } from "../storage/repositories";
import type { JobPatch, JobRow, JobStatusValue } from "../storage/repositories/jobs";
import { decodeCursor, nowMs, pageOf } from "./cursor";
import { ServiceError } from "./errors";
import type { NotificationsService } from "./notifications";

export interface JobsServiceDeps {
  repos: Repositories;
  bus: Bus;
  notifications: NotificationsService;
  /** Folder for uploaded files (one sub-folder per job). */
  uploadDir: string;
  maxUploadBytes: number;
  /** Tells the file's job type from its name (the processor's own rule). */
  typeOf: (filename: string) => string;
  now?: () => Date;
  /** This instance in the cluster and the signals its engines hear (default: a single instance of its own). */
  cluster?: ClusterDeps;
}

export interface UploadInput {
  ownerId: string | null;
  filename: string;
  bytes: Uint8Array;
  clientMutationId?: string | null;
  runId?: string | null;
}

const EVENT_FOR_STATUS: Record<JobStatusValue, string> = {
  queued: "processing_job_status",
  processing: "processing_job_status",
  completed: "processing_job_completed",
  failed: "processing_job_failed",
  cancelled: "processing_job_cancelled",
};

export function createJobsService(deps: JobsServiceDeps) {
  const { repos, bus } = deps;
  const now = () => nowMs(deps.now ?? (() => new Date()));
  const { identity, signals } = deps.cluster ?? localCluster();
  const queued = signals.channel("jobs.queued");
  const cancelled = signals.channel<string>("jobs.cancelled");
  /** Told the id of every job that reaches completed, failed or cancelled (on any instance). */
  const finishedSignal = signals.channel<string>("jobs.finished");

  async function publish(row: JobRow, type = EVENT_FOR_STATUS[row.status]): Promise<Job> {
    const job = toJob(row);
    await bus.publishMany(jobTopics(row).map((topic): PublishInput => ({ type, topic, data: job, ephemeral: false })));
    if (row.status === "completed" || row.status === "failed" || row.status === "cancelled") finishedSignal.emit(row.job_id);
    return job;
  }

  function wakeProcessors() {
    queued.emit();
  }

  async function mustFind(jobId: string): Promise<JobRow> {
    const row = await repos.jobs.findById(jobId);
    if (!row) throw new ServiceError("not_found", `no job ${jobId}`);
    return row;
  }

  return {
    async create(input: UploadInput): Promise<Job> {
      const filename = cleanFilename(input.filename);
      if (input.bytes.byteLength > deps.maxUploadBytes) {
        throw new ServiceError("validation_failed", "the file is too large", [{ path: "file", message: `is larger than ${deps.maxUploadBytes} bytes` }]);
      }
      const jobId = newId("job");
      const dir = path.join(deps.uploadDir, jobId);
      const filePath = path.join(dir, storedName(filename));
      await mkdir(dir, { recursive: true });
      await writeFile(filePath, input.bytes);
      const row = await repos.jobs.insert({
        job_id: jobId,
        owner_id: input.ownerId,
        run_id: input.runId ?? null,
        type: deps.typeOf(filename),
        filename,
        file_path: filePath,
        file_size: input.bytes.byteLength,
        status: "queued",
        current_step: null,
        created_at: now(),
        started_at: null,
        estimated_completion: null,
        completed_at: null,
        failed_at: null,
        error: null,
        client_mutation_id: input.clientMutationId ?? null,
      });
      const job = await publish(row, "processing_job_created");
      wakeProcessors();
      return job;
    },

    async list(query: { statuses?: JobStatusValue[]; types?: string[]; cursor?: string; limit: number }) {
      const after = decodeCursor(query.cursor);
      const rows = await repos.jobs.list({
        statuses: query.statuses,
        types: query.types,
        after: after && { created_at: after.created_at, job_id: after.id },
        limit: query.limit + 1,
      });
      return pageOf(rows, query.limit, toJob, (r) => ({ created_at: r.created_at, id: r.job_id }));
    },

    async get(jobId: string): Promise<Job> {
      return toJob(await mustFind(jobId));
    },

    /** A failed or cancelled job goes back to the queue; its retry count grows. */
    async retry(jobId: string): Promise<Job> {
      const current = await mustFind(jobId);
      const row = await repos.jobs.transition(
        jobId,
        { status: "queued", progress: 0, current_step: null, error: null, failed_at: null, completed_at: null, estimated_completion: null, result: null, retry_count: current.retry_count + 1 },
        ["failed", "cancelled"],
      );
      if (!row) throw new ServiceError("conflict", `a ${current.status} job cannot be retried; only failed or cancelled jobs can`);
      const job = await publish(row);
      wakeProcessors();
      return job;
    },

    /** A queued or processing job is cancelled at once; a processor working on it stops at its next step. */
    async cancel(jobId: string): Promise<Job> {
      const current = await mustFind(jobId);
      const row = await repos.jobs.transition(jobId, { status: "cancelled", cancel_requested: true, current_step: null, estimated_completion: null }, ["queued", "processing"]);
      if (!row) throw new ServiceError("conflict", `a ${current.status} job cannot be cancelled; only queued or processing jobs can`);
      const job = await publish(row);
      cancelled.emit(jobId);
      return job;
    },

    /** Called after a job is cancelled (its step tasks stop). Returns a teardown. */
    onCancelled(listener: (jobId: string) => void): () => void {
      return cancelled.on(listener);
    },

    async delete(jobId: string): Promise<void> {
      const current = await mustFind(jobId);
      const row = await repos.jobs.delete(jobId, ["processing"]);
      if (!row) throw new ServiceError("conflict", `a ${current.status} job cannot be deleted while it is processing; cancel it first`);
      await rm(path.dirname(row.file_path), { recursive: true, force: true });
      const data = { job_id: row.job_id, version: row.version + 1 };
      await bus.publishMany(jobTopics(row).map((topic) => ({ type: "processing_job_deleted", topic, data, ephemeral: false })));
    },

    async stats(): Promise<JobStats> {
      const at = now();
      const since = new Date(Math.floor(at.getTime() / 60_000) * 60_000 - 59 * 60_000);
      const [counts, minutes] = await Promise.all([repos.jobs.countsByStatus(), repos.jobs.perMinute(since)]);
      const byMinute = new Map(minutes.map((m) => [m.minute.getTime(), m]));
      const per_minute = Array.from({ length: 60 }, (_, i) => {
        const t = since.getTime() + i * 60_000;
        const m = byMinute.get(t);
        return { minute: new Date(t).toISOString(), created: m?.created ?? 0, completed: m?.completed ?? 0, failed: m?.failed ?? 0 };
      });
      const full = Object.fromEntries(JOB_STATUSES.map((s) => [s, counts[s] ?? 0])) as JobStats["counts"];
      return { counts: full, total: Object.values(full).reduce((a, b) => a + b, 0), per_minute, generated_at: at.toISOString() };
    },

    // ---- for the job processor -------------------------------------------------------------

    /** Called whenever a job enters the queue. Returns a teardown. */
    onQueued(listener: () => void): () => void {
      return queued.on(listener);
    },

    /** Takes the next queued job (marks it processing), or undefined when the queue is empty. */
    async claimNext(): Promise<{ job: Job; filePath: string; ownerId: string | null } | undefined> {
      const row = await repos.jobs.claimNext(now(), identity.instanceId);
      if (!row) return undefined;
      return { job: await publish(row), filePath: row.file_path, ownerId: row.owner_id };
    },

    /** Records progress while the job is still processing; false when it was cancelled meanwhile. */
    async progress(jobId: string, patch: { current_step: string; progress: number; estimated_completion: Date | null }): Promise<boolean> {
      const row = await repos.jobs.transition(jobId, patch satisfies JobPatch, ["processing"]);
      if (!row) return false;
      await publish(row);
      return true;
    },

    async complete(jobId: string, result: JobResult): Promise<Job | undefined> {
      const row = await repos.jobs.transition(
        jobId,
        { status: "completed", progress: 100, current_step: null, estimated_completion: null, completed_at: now(), result },
        ["processing"],
      );
      if (!row) return undefined;
      const job = await publish(row);
      if (row.owner_id) {
        await deps.notifications.notify(row.owner_id, { title: `${row.filename} is processed`, message: summaryLine(result), level: "success", link: `/jobs/${row.job_id}` });
      }
      return job;
    },

    async fail(jobId: string, error: string): Promise<Job | undefined> {
      const row = await repos.jobs.transition(jobId, { status: "failed", current_step: null, estimated_completion: null, failed_at: now(), error }, ["processing"]);
      if (!row) return undefined;
      const job = await publish(row);
      if (row.owner_id) {
        await deps.notifications.notify(row.owner_id, { title: `${row.filename} failed`, message: error, level: "error", link: `/jobs/${row.job_id}` });
      }
      return job;
    },

    /** Jobs an instance that is gone (a stopped process, a dead one) left mid-way go back to the queue (retry count + 1). */
    async requeueInterrupted(): Promise<Job[]> {
      const rows = await repos.jobs.requeueInterrupted(identity.leaseMs);
      const jobs = await Promise.all(rows.map((row) => publish(row)));
      if (jobs.length > 0) wakeProcessors();
      return jobs;
    },

    /**
     * Resolves with the job once it is completed, failed or cancelled (a DAG step waits for its
     * document). Hears of changes on any instance at once, and looks every `pollMs` in case a signal was lost.
     */
    async waitUntilFinished(jobId: string, options: { signal: AbortSignal; pollMs?: number }): Promise<Job> {
      const finished = (row: JobRow | undefined) => row && (row.status === "completed" || row.status === "failed" || row.status === "cancelled");
      return new Promise<Job>((resolve, reject) => {
        let timer: NodeJS.Timeout | null = null;
        let stopListening = () => {};
        const stop = () => {
          if (timer) clearTimeout(timer);
          stopListening();
          options.signal.removeEventListener("abort", onAbort);
        };
        const check = async () => {
          try {
            const row = await repos.jobs.findById(jobId);
            if (!row) {
              stop();
              reject(new ServiceError("not_found", `job ${jobId} was deleted`));
            } else if (finished(row)) {
              stop();
              resolve(toJob(row));
            } else if (!options.signal.aborted) {
              timer = setTimeout(check, options.pollMs ?? 2_000);
              timer.unref();
            }
          } catch (err) {
            stop();
            reject(err);
          }
        };
        const onChange = (changedId: string) => {
          if (changedId !== jobId) return;
          if (timer) clearTimeout(timer);
          void check();
        };
        const onAbort = () => {
          stop();
          reject(options.signal.reason);
        };
        if (options.signal.aborted) return reject(options.signal.reason);
        options.signal.addEventListener("abort", onAbort, { once: true });
        stopListening = finishedSignal.on(onChange);
        void check();
      });
    },

    async isProcessing(jobId: string): Promise<boolean> {
      return (await repos.jobs.findById(jobId))?.status === "processing";
    },
  };
}

export type JobsService = ReturnType<typeof createJobsService>;

export function toJob(row: JobRow): Job {
  return {
    job_id: row.job_id,
    run_id: row.run_id,
    type: row.type,
    filename: row.filename,
    status: row.status,
    progress: row.progress,
    current_step: row.current_step,
    created_at: row.created_at.toISOString(),
    started_at: row.started_at?.toISOString() ?? null,
    estimated_completion: row.estimated_completion?.toISOString() ?? null,
    completed_at: row.completed_at?.toISOString() ?? null,
    failed_at: row.failed_at?.toISOString() ?? null,
    result: (row.result as JobResult | null) ?? null,
    error: row.error,
    retry_count: row.retry_count,
    can_retry: row.status === "failed" || row.status === "cancelled",
    client_mutation_id: row.client_mutation_id,
    version: row.version,
  };
}

function jobTopics(row: { job_id: string; run_id: string | null }): string[] {
  return [topics.jobs(), topics.job(row.job_id), ...(row.run_id ? [topics.run(row.run_id)] : [])];
}

/** The name as the user gave it, minus any path and control characters; never empty. */
function cleanFilename(name: string): string {
  // eslint-disable-next-line no-control-regex
  const base = name.split(/[\\/]/).pop()!.replace(/[\u0000-\u001f\u007f]/g, "").trim().slice(0, 255);
  return base.length > 0 ? base : "upload";
}

/** A safe name on disk that keeps the extension (the processor reads the format from it). */
function storedName(filename: string): string {
  const ext = path.extname(filename).toLowerCase().replace(/[^a-z0-9.]/g, "").slice(0, 16);
  return `file${ext}`;
}

function summaryLine(result: JobResult): string {
  const summary = result.summary?.trim() ?? "";
  return summary.length > 200 ? `${summary.slice(0, 197)}...` : summary || "Processing finished.";
}
