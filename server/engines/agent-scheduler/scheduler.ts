// The agent scheduler: assigns ready tasks to the best idle capable agent, runs them (an agent
// works on one task at a time), retries failures with backoff, and moves a task to another agent
// when its agent is paused or removed. A job's steps come in through `run`, which resolves when
// the task is done for good.
import type { ErrorInfo } from "@/lib/protocol/entities/common";
import type { Agent } from "@/lib/protocol/entities/agents";
import type { Task } from "@/lib/protocol/entities/tasks";
import type { Logger } from "../../log";
import type { AgentsService } from "../../services/agents";
import type { NewTask, TasksService } from "../../services/tasks";
import { matchAgent } from "./matching";
import { decideRetry, DEFAULT_RETRY_POLICY, type RetryPolicy } from "../retry-policy";
import { errorInfoOf, isRetryable, type TaskHandler } from "./task-handler";

export interface AgentSchedulerOptions {
  agents: AgentsService;
  tasks: TasksService;
  /** Handlers of direct tasks, by type. */
  handlers: Record<string, TaskHandler>;
  log: Logger;
  retryPolicy?: RetryPolicy;
  /** How often the queue is looked at without a reason (retries falling due, other instances' changes). */
  pollMs?: number;
  /** A pause at the start of every task (JOB_STEP_DELAY_MS): for demos and tests that watch agents work. */
  taskDelayMs?: number;
}

export type TaskOutcome<V> =
  | { status: "completed"; task: Task; value: V | undefined }
  | { status: "failed"; task: Task; error: ErrorInfo }
  | { status: "cancelled"; task: Task | null };

type AbortReason = { kind: "moved" | "cancelled" | "stopping"; message: string };

interface Running {
  agentId: string;
  controller: AbortController;
}

interface LocalTask {
  handler: TaskHandler;
  settle: (outcome: TaskOutcome<unknown>) => void;
}

export interface AgentScheduler {
  start(): Promise<void>;
  stop(): Promise<void>;
  /** Creates the task, lets an agent run `handler` for it, and resolves when it is done for good. */
  run<V>(task: NewTask, handler: TaskHandler<V>): Promise<TaskOutcome<V>>;
  /** Looks at the queue now. */
  wake(): void;
  figures(): { running: number; waiting_local: number; completed: number; failed: number; moved: number };
}

export function createAgentScheduler(options: AgentSchedulerOptions): AgentScheduler {
  const { agents, tasks, log } = options;
  const policy = options.retryPolicy ?? DEFAULT_RETRY_POLICY;
  const pollMs = options.pollMs ?? 1_000;
  const taskDelayMs = options.taskDelayMs ?? 0;
  const running = new Map<string, Running>();
  const local = new Map<string, LocalTask>();
  const inFlight = new Set<Promise<void>>();
  const counts = { completed: 0, failed: 0, moved: 0 };
  const teardowns: (() => void)[] = [];
  let active = false;
  let sweeping = false;
  let again = false;
  let poll: NodeJS.Timeout | null = null;
  let sweepDone: Promise<void> = Promise.resolve();

  function wake() {
    if (!active) return;
    if (sweeping) {
      again = true;
      return;
    }
    sweeping = true;
    sweepDone = (async () => {
      do {
        again = false;
        try {
          await sweep();
        } catch (err) {
          if (active) log.error({ err }, "the agent scheduler could not look at the queue");
        }
      } while (again && active);
      sweeping = false;
    })();
  }

  async function sweep() {
    const before = [...running.entries()];
    const ready = await tasks.ready([...local.keys()]);
    if (ready.length === 0 && before.length === 0) return; // the idle poll: one query
    const list = await agents.list();
    stopOrphans(before, list);
    if (ready.length === 0) return;
    const pool: Agent[] = list.map((a) => ({ ...a }));
    for (const task of ready) {
      if (!active) return;
      const match = matchAgent(task.required_capabilities, pool);
      if (!match.agent) {
        await tasks.wait(task, match.reason);
        continue;
      }
      const chosen = match.agent;
      chosen.status = "working"; // taken for this sweep whatever happens next
      const claimed = await agents.claim(chosen.agent_id, task.task_id);
      if (!claimed) continue;
      const assigned = await tasks.assign(task, claimed, match.reason);
      if (!assigned) {
        await agents.release(claimed.agent_id, task.task_id, { kind: "moved" });
        continue;
      }
      track(execute(assigned, claimed));
    }
  }

  /** Tasks this instance runs whose agent was paused or removed elsewhere. */
  function stopOrphans(before: [string, Running][], list: Agent[]) {
    const byId = new Map(list.map((a) => [a.agent_id, a]));
    for (const [taskId, entry] of before) {
      const agent = byId.get(entry.agentId);
      if (running.get(taskId) !== entry) continue;
      if (!agent || agent.status !== "working" || agent.current_task !== taskId) {
        abort(entry, { kind: "moved", message: agent ? `${agent.name} is ${agent.status}; moved back to the queue` : "its agent was removed; moved back to the queue" });
      }
    }
  }

  function track(p: Promise<void>) {
    inFlight.add(p);
    void p.finally(() => inFlight.delete(p));
  }

  function abort(entry: Running, reason: AbortReason) {
    if (!entry.controller.signal.aborted) entry.controller.abort(reason);
  }

  async function execute(task: Task, agent: Agent): Promise<void> {
    const entry: Running = { agentId: agent.agent_id, controller: new AbortController() };
    running.set(task.task_id, entry);
    const signal = entry.controller.signal;
    const startedAt = performance.now();
    try {
      const started = await tasks.start(task.task_id, null);
      if (!started) {
        await agents.release(agent.agent_id, task.task_id, { kind: "cancelled" });
        return;
      }
      if (taskDelayMs > 0) await delay(taskDelayMs, signal);
      const handler = local.get(task.task_id)?.handler ?? options.handlers[task.type];
      if (!handler) throw new Error(`no agent knows how to run a "${task.type}" task`);
      const out = await handler({
        task: started,
        signal,
        progress: async (fraction, step) => {
          if (signal.aborted) return;
          await tasks.progress(task.task_id, fraction, step ?? null);
          await agents.progress(agent.agent_id, task.task_id, Math.min(1, Math.max(0, fraction)));
        },
      });
      signal.throwIfAborted();
      const done = await tasks.complete(task.task_id, out.result);
      await agents.release(agent.agent_id, task.task_id, {
        kind: "completed",
        taskType: task.type,
        jobId: task.job_id,
        durationMs: performance.now() - startedAt,
        result: out.result,
      });
      if (done) {
        counts.completed += 1;
        settle(task.task_id, { status: "completed", task: done, value: out.value });
      }
    } catch (err) {
      await settleFailure(task, agent, err, signal.aborted ? (signal.reason as AbortReason) : null);
    } finally {
      if (running.get(task.task_id) === entry) running.delete(task.task_id);
      wake();
    }
  }

  async function settleFailure(task: Task, agent: Agent, err: unknown, aborted: AbortReason | null) {
    if (aborted?.kind === "moved") {
      counts.moved += 1;
      await tasks.requeue(task.task_id, aborted.message);
      await agents.release(agent.agent_id, task.task_id, { kind: "moved" });
      await agents.activity(agent.agent_id, "task_moved", { task_id: task.task_id, reason: aborted.message });
      return;
    }
    if (aborted) {
      // Cancelled (the service already recorded it) or stopping (recovered at the next boot).
      if (aborted.kind === "cancelled") await agents.release(agent.agent_id, task.task_id, { kind: "cancelled" });
      settle(task.task_id, { status: "cancelled", task: null });
      return;
    }
    counts.failed += 1;
    const error = errorInfoOf(err);
    const retryable = isRetryable(err);
    if (retryable) log.warn({ err, task_id: task.task_id, agent_id: agent.agent_id }, "a task failed unexpectedly");
    const failed = await tasks.fail(task.task_id, error, ({ attempt, maxAttempts }) => decideRetry({ attempt, maxAttempts, retryable, now: new Date() }, policy));
    await agents.reportError(agent.agent_id, { error: error.message, severity: retryable ? "error" : "warning", canRetry: failed?.retry_scheduled ?? false, jobId: task.job_id });
    await agents.release(agent.agent_id, task.task_id, { kind: "failed" });
    if (failed && !failed.retry_scheduled) settle(task.task_id, { status: "failed", task: failed, error });
  }

  function settle(taskId: string, outcome: TaskOutcome<unknown>) {
    const entry = local.get(taskId);
    if (!entry) return;
    local.delete(taskId);
    entry.settle(outcome);
  }

  return {
    async start() {
      const released = await agents.releaseInterrupted();
      const recovered = await tasks.recoverInterrupted();
      if (released.length > 0 || recovered.requeued + recovered.cancelled > 0) {
        log.info({ agents: released.length, ...recovered }, "recovered agents and tasks interrupted by the last stop");
      }
      active = true;
      teardowns.push(
        tasks.onReady(wake),
        agents.onAvailable(wake),
        agents.onReleased(({ taskId, reason }) => {
          const entry = running.get(taskId);
          if (entry) abort(entry, { kind: "moved", message: `${reason}; moved back to the queue` });
        }),
        tasks.onCancelled((task) => {
          const entry = running.get(task.task_id);
          if (entry) abort(entry, { kind: "cancelled", message: "cancelled" });
          else settle(task.task_id, { status: "cancelled", task });
        }),
      );
      poll = setInterval(wake, pollMs);
      poll.unref();
      wake();
    },

    async stop() {
      active = false;
      if (poll) clearInterval(poll);
      for (const t of teardowns.splice(0)) t();
      for (const entry of running.values()) abort(entry, { kind: "stopping", message: "the server is stopping" });
      await sweepDone;
      await Promise.allSettled([...inFlight]);
      for (const taskId of [...local.keys()]) settle(taskId, { status: "cancelled", task: null });
    },

    run<V>(input: NewTask, handler: TaskHandler<V>): Promise<TaskOutcome<V>> {
      return new Promise<TaskOutcome<V>>((resolve, reject) => {
        if (!active) {
          resolve({ status: "cancelled", task: null });
          return;
        }
        tasks.create(input).then((task) => {
          local.set(task.task_id, { handler: handler as TaskHandler, settle: resolve as (o: TaskOutcome<unknown>) => void });
          wake();
        }, reject);
      });
    },

    wake,

    figures: () => ({ running: running.size, waiting_local: local.size, ...counts }),
  };
}

function delay(ms: number, signal: AbortSignal): Promise<void> {
  return new Promise((resolve, reject) => {
    if (signal.aborted) return reject(signal.reason);
    const timer = setTimeout(done, ms);
    timer.unref();
    signal.addEventListener("abort", onAbort, { once: true });
    function done() {
      signal.removeEventListener("abort", onAbort);
      resolve();
    }
    function onAbort() {
      clearTimeout(timer);
      reject(signal.reason);
    }
  });
}
