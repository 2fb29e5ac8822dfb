// Tasks service: work for agents, created directly or as a job's processing steps. It owns every
// task change (create, assign, start, progress, complete, fail with retry scheduling, move back to
// the queue, cancel) with its attempt history, and publishes each on `tasks` and `tasks:{task_id}`.
import { localCluster, type ClusterDeps } from "../cluster/deps";
import type { ErrorInfo, JsonValue } from "@/lib/protocol/entities/common";
import type { RequiredCapability, Task, TaskStatus } from "@/lib/protocol/entities/tasks";
import { DEFAULT_MIN_PROFICIENCY, TASK_TYPES, type TaskType } from "@/lib/api/tasks";
import { topics } from "@/lib/protocol/topics";
import type { Bus } from "../bus/bus";
import { newId } from "../ids";
import type { Repositories } from "../storage/repositories";
import type { TaskRow, TaskStatusValue } from "../storage/repositories/tasks";
import { decodeCursor, nowMs, pageOf } from "./cursor";
import { ServiceError } from "./errors";

export interface TasksServiceDeps {
  repos: Repositories;
  bus: Bus;
  /** Attempts a task gets before it fails for good (default 3). */
  maxAttempts?: number;
  now?: () => Date;
  /** This instance in the cluster and the signals its engines hear (default: a single instance of its own). */
  cluster?: ClusterDeps;
}

export interface NewTask {
  description: string;
  type: TaskType;
  priority?: number;
  requiredCapabilities?: RequiredCapability[];
  jobId?: string | null;
  ownerId?: string | null;
  clientMutationId?: string | null;
}

/** Whether a failed attempt is tried again and when: the scheduler's retry policy, given the task's attempts. */
export type RetryDecider = (attempts: { attempt: number; maxAttempts: number }) => { retry: true; next_retry_at: Date } | { retry: false };

const EVENT_FOR_STATUS: Record<TaskStatusValue, string> = {
  pending: "task_progress",
  assigned: "task_assigned",
  running: "task_progress",
  completed: "task_completed",
  failed: "task_failed",
  cancelled: "task_cancelled",
};

const UNFINISHED: TaskStatusValue[] = ["pending", "assigned", "running"];

export function createTasksService(deps: TasksServiceDeps) {
  const { repos, bus } = deps;
  const maxAttempts = deps.maxAttempts ?? 3;
  const now = () => nowMs(deps.now ?? (() => new Date()));
  const { identity, signals } = deps.cluster ?? localCluster();
  const ready = signals.channel("tasks.ready");
  const cancelledSignal = signals.channel<Task>("tasks.cancelled");

  async function publish(row: TaskRow, type = EVENT_FOR_STATUS[row.status]): Promise<Task> {
    const task = toTask(row);
    await bus.publishMany([topics.tasks(), topics.task(row.task_id)].map((topic) => ({ type, topic, data: task, ephemeral: false })));
    return task;
  }

  function announceReady() {
    ready.emit();
  }

  async function mustFind(taskId: string): Promise<TaskRow> {
    const row = await repos.tasks.findById(taskId);
    if (!row) throw new ServiceError("not_found", `no task ${taskId}`);
    return row;
  }

  async function cancelRow(first: TaskRow, reason: string): Promise<Task | undefined> {
    // The task may move on (pending -> assigned -> running) while we cancel it: follow it a few times.
    let row: TaskRow | undefined = first;
    for (let tries = 0; row && tries < 4; tries++) {
      if (!cancellable(row)) return undefined;
      const at = now();
      const updated = await repos.tasks.transition(
        row.task_id,
        { status: "cancelled", retry_scheduled: false, next_retry_at: null, estimated_completion: null, ended_at: at, error: { code: "cancelled", message: reason, details: null } },
        [row.status],
      );
      if (updated) {
        const open = await repos.tasks.openAttempt(row.task_id);
        if (open) await repos.tasks.endAttempt(open.attempt_id, "cancelled", at);
        const task = await publish(updated);
        cancelledSignal.emit(task);
        return task;
      }
      row = await repos.tasks.findById(row.task_id);
    }
    return undefined;
  }

  return {
    async create(input: NewTask): Promise<Task> {
      const at = now();
      const required = input.requiredCapabilities ?? [{ name: TASK_TYPES[input.type].capability, min_proficiency: DEFAULT_MIN_PROFICIENCY }];
      const row = await repos.tasks.insert({
        task_id: newId("tsk"),
        job_id: input.jobId ?? null,
        owner_id: input.ownerId ?? null,
        description: input.description,
        type: input.type,
        priority: input.priority ?? 5,
        status: "pending",
        agent_id: null,
        current_step: null,
        required_capabilities: required,
        max_attempts: maxAttempts,
        estimated_completion: null,
        next_retry_at: null,
        assignment_reason: null,
        ready_at: at,
        created_at: at,
        started_at: null,
        ended_at: null,
        client_mutation_id: input.clientMutationId ?? null,
      });
      const task = await publish(row, "task_created");
      announceReady();
      return task;
    },

    async list(query: { statuses?: TaskStatus[]; agentId?: string; jobId?: string; type?: string; standalone?: boolean; cursor?: string; limit: number }) {
      const after = decodeCursor(query.cursor);
      const rows = await repos.tasks.list({ ...query, after: after && { created_at: after.created_at, task_id: after.id }, limit: query.limit + 1 });
      return pageOf(rows, query.limit, toTask, (r) => ({ created_at: r.created_at, id: r.task_id }));
    },

    async get(taskId: string): Promise<Task> {
      return toTask(await mustFind(taskId));
    },

    /** Cancels an unfinished task (and a failed one waiting for its retry); a running one stops. */
    async cancel(taskId: string, reason = "cancelled by an operator"): Promise<Task> {
      const row = await mustFind(taskId);
      if (!cancellable(row)) throw new ServiceError("conflict", `a ${row.status} task cannot be cancelled`);
      const task = await cancelRow(row, reason);
      if (!task) throw new ServiceError("conflict", "the task finished meanwhile");
      return task;
    },

    /** Cancels every unfinished task of a job (the job was cancelled or is being re-run). */
    async cancelForJob(jobId: string, reason: string): Promise<void> {
      for (const row of await repos.tasks.unfinishedOfJob(jobId)) await cancelRow(row, reason);
    },

    /** Called when a task may be assigned (created, moved back, retry scheduled). Returns a teardown. */
    onReady(listener: () => void): () => void {
      return ready.on(listener);
    },

    /** Called after a task is cancelled. Returns a teardown. */
    onCancelled(listener: (task: Task) => void): () => void {
      return cancelledSignal.on(listener);
    },

    // ---- for the agent scheduler -------------------------------------------------------------

    async ready(localIds: string[], limit = 50): Promise<Task[]> {
      return (await repos.tasks.ready(now(), localIds, limit)).map(toTask);
    },

    /**
     * No agent can take the task now: it waits as pending and says why (a failed task whose retry
     * fell due becomes pending for its next attempt). Publishes only when something changed.
     */
    async wait(task: Task, reason: string): Promise<void> {
      if (task.status === "pending" && task.assignment_reason === reason) return;
      const retrying = task.status === "failed";
      const row = await repos.tasks.transition(
        task.task_id,
        retrying
          ? { status: "pending", attempt_number: task.attempt_number + 1, retry_scheduled: false, next_retry_at: null, assignment_reason: reason, ready_at: now() }
          : { assignment_reason: reason },
        [task.status],
      );
      if (row) await publish(row, "task_progress");
    },

    /** pending (or failed with its retry due) -> assigned to `agentId`; undefined when it changed meanwhile. */
    async assign(task: Task, agent: { agent_id: string; capabilities: { name: string }[] }, reason: string): Promise<Task | undefined> {
      const retrying = task.status === "failed";
      const at = now();
      const current = await repos.tasks.findById(task.task_id);
      if (!current || current.version !== task.version) return undefined;
      const attemptNumber = retrying ? task.attempt_number + 1 : task.attempt_number;
      const row = await repos.tasks.transition(
        task.task_id,
        {
          status: "assigned",
          agent_id: agent.agent_id,
          attempt_number: attemptNumber,
          retry_scheduled: false,
          next_retry_at: null,
          progress: 0,
          current_step: null,
          assignment_reason: reason,
          owner_instance: identity.instanceId,
          ...(retrying ? { ready_at: current.next_retry_at ?? at } : {}),
        },
        [task.status],
      );
      if (!row) return undefined;
      await repos.tasks.insertAttempt({
        attempt_id: newId("att"),
        task_id: row.task_id,
        attempt_number: attemptNumber,
        agent_id: agent.agent_id,
        task_type: row.type,
        capabilities: (row.required_capabilities as RequiredCapability[]).map((c) => c.name),
        ready_at: row.ready_at,
        assigned_at: at,
      });
      return publish(row, "task_assigned");
    },

    async start(taskId: string, estimatedCompletion: Date | null): Promise<Task | undefined> {
      const at = now();
      const row = await repos.tasks.transition(taskId, { status: "running", started_at: at, estimated_completion: estimatedCompletion }, ["assigned"]);
      if (!row) return undefined;
      const open = await repos.tasks.openAttempt(taskId);
      if (open) await repos.tasks.startAttempt(open.attempt_id, at);
      return publish(row, "task_started");
    },

    async progress(taskId: string, progress: number, currentStep: string | null): Promise<boolean> {
      const row = await repos.tasks.transition(taskId, { progress: Math.min(1, Math.max(0, progress)), current_step: currentStep }, ["running"]);
      if (!row) return false;
      await publish(row, "task_progress");
      return true;
    },

    async complete(taskId: string, result: JsonValue): Promise<Task | undefined> {
      const at = now();
      const row = await repos.tasks.transition(
        taskId,
        { status: "completed", progress: 1, current_step: null, estimated_completion: null, ended_at: at, result, error: null },
        ["running"],
      );
      if (!row) return undefined;
      const open = await repos.tasks.openAttempt(taskId);
      if (open) await repos.tasks.endAttempt(open.attempt_id, "completed", at);
      return publish(row);
    },

    /** The attempt failed: failed for good, or failed with the next attempt scheduled (as `decide` says). */
    async fail(taskId: string, error: ErrorInfo, decide: RetryDecider): Promise<Task | undefined> {
      const at = now();
      const current = await repos.tasks.findById(taskId);
      if (!current) return undefined;
      const outcome = decide({ attempt: current.attempt_number, maxAttempts: current.max_attempts });
      const row = await repos.tasks.transition(
        taskId,
        {
          status: "failed",
          current_step: null,
          estimated_completion: null,
          error,
          retry_scheduled: outcome.retry,
          next_retry_at: outcome.retry ? outcome.next_retry_at : null,
          ended_at: outcome.retry ? null : at,
        },
        [current.status === "assigned" ? "assigned" : "running"],
      );
      if (!row) return undefined;
      const open = await repos.tasks.openAttempt(taskId);
      if (open) await repos.tasks.endAttempt(open.attempt_id, "failed", at, error.code);
      const task = await publish(row);
      if (outcome.retry) announceReady();
      return task;
    },

    /** Its agent stopped (paused, removed): the task goes back to the queue, same attempt. */
    async requeue(taskId: string, reason: string): Promise<Task | undefined> {
      const at = now();
      const row = await repos.tasks.transition(
        taskId,
        { status: "pending", agent_id: null, progress: 0, current_step: null, estimated_completion: null, assignment_reason: reason, ready_at: at },
        ["assigned", "running"],
      );
      if (!row) return undefined;
      const open = await repos.tasks.openAttempt(taskId);
      if (open) await repos.tasks.endAttempt(open.attempt_id, "moved", at);
      const task = await publish(row, "task_progress");
      announceReady();
      return task;
    },

    /**
     * Tasks an instance that is gone left assigned or running. A job's step tasks are cancelled
     * (the job is re-queued and makes new ones); direct tasks go back to the queue.
     */
    async recoverInterrupted(): Promise<{ requeued: number; cancelled: number }> {
      let requeued = 0;
      let cancelled = 0;
      for (const row of await repos.tasks.interrupted(identity.leaseMs)) {
        if (row.job_id) {
          if (await cancelRow(row, "interrupted by a restart; the job was queued again")) cancelled += 1;
        } else if (await this.requeue(row.task_id, "interrupted by a restart; back in the queue")) {
          requeued += 1;
        }
      }
      // Step tasks still waiting belong to jobs that are re-queued too.
      const waiting = await repos.tasks.orphanedSteps(identity.leaseMs);
      for (const row of waiting) if (await cancelRow(row, "interrupted by a restart; the job was queued again")) cancelled += 1;
      await repos.tasks.closeOpenAttempts(now());
      return { requeued, cancelled };
    },

    async counts(): Promise<{ pending: number; completedToday: number }> {
      const midnight = now();
      midnight.setUTCHours(0, 0, 0, 0);
      const [counts, completedToday] = await Promise.all([repos.tasks.countsByStatus(), repos.tasks.completedSince(midnight)]);
      return { pending: counts.pending ?? 0, completedToday };
    },
  };
}

export type TasksService = ReturnType<typeof createTasksService>;

/** Unfinished, or failed with another attempt scheduled. */
function cancellable(row: TaskRow): boolean {
  return UNFINISHED.includes(row.status) || (row.status === "failed" && row.retry_scheduled);
}

export function toTask(row: TaskRow): Task {
  return {
    task_id: row.task_id,
    job_id: row.job_id,
    description: row.description,
    type: row.type,
    priority: row.priority,
    status: row.status,
    agent_id: row.agent_id,
    progress: row.progress,
    current_step: row.current_step,
    required_capabilities: row.required_capabilities as RequiredCapability[],
    attempt_number: row.attempt_number,
    estimated_completion: row.estimated_completion?.toISOString() ?? null,
    result: (row.result as JsonValue | null) ?? null,
    error: (row.error as ErrorInfo | null) ?? null,
    retry_scheduled: row.retry_scheduled,
    next_retry_at: row.next_retry_at?.toISOString() ?? null,
    assignment_reason: row.assignment_reason,
    created_at: row.created_at.toISOString(),
    client_mutation_id: row.client_mutation_id,
    version: row.version,
  };
}
