// DAGs service: workflow definitions (create, edit, delete, seeds) and their runs. It owns every run
// and step change (trigger, start, step started / succeeded / failed with retry / upstream failures,
// cancel, finish, restart recovery) and publishes each on `dags`, `dags:{dag_id}` and `dag-runs:{run_id}`.
import { localCluster, type ClusterDeps } from "../cluster/deps";
import type { Dag, DagRun, DagRunStep, DagStepDefinition } from "@/lib/protocol/entities/dags";
import type { JsonObject } from "@/lib/protocol/entities/common";
import type { DagRunDetail, DagRunsPage } from "@/lib/api/dags";
import { descendantsOf, runOutcome } from "@/lib/api/dag-graph";
import { topics } from "@/lib/protocol/topics";
import type { Bus, PublishInput } from "../bus/bus";
import { newId } from "../ids";
import type { Repositories } from "../storage/repositories";
import type { DagRow, DagRunRow, DagRunStepRow, RunStatusValue } from "../storage/repositories/dags";
import { decodeCursor, nowMs, pageOf } from "./cursor";
import { ServiceError } from "./errors";
import type { NotificationsService } from "./notifications";

export interface DagsServiceDeps {
  repos: Repositories;
  bus: Bus;
  notifications: NotificationsService;
  now?: () => Date;
  /** This instance in the cluster and the signals its engines hear (default: a single instance of its own). */
  cluster?: ClusterDeps;
}

export interface DagDefinitionInput {
  name: string;
  description: string | null;
  steps: DagStepDefinition[];
}

const ACTIVE: RunStatusValue[] = ["queued", "running"];

export function createDagsService(deps: DagsServiceDeps) {
  const { repos, bus } = deps;
  const now = () => nowMs(deps.now ?? (() => new Date()));
  const { identity, signals } = deps.cluster ?? localCluster();
  const queued = signals.channel("dags.run_queued");
  const cancelled = signals.channel<string>("dags.run_cancelled");

  const runTopics = (r: { dag_id: string; run_id: string }) => [topics.dags(), topics.dag(r.dag_id), topics.dagRun(r.run_id)];

  async function publishDag(row: DagRow, type: "dag_created" | "dag_updated"): Promise<Dag> {
    const dag = toDag(row);
    await bus.publishMany([topics.dags(), topics.dag(row.dag_id)].map((topic) => ({ type, topic, data: dag, ephemeral: false })));
    return dag;
  }

  async function publishRun(row: DagRunRow, type: "dag_run_status" | "dag_run_progress", steps?: DagRunStepRow[]): Promise<DagRun> {
    const run = toRun(row, steps ?? (await repos.dags.stepsOf([row.run_id])));
    await bus.publishMany(runTopics(row).map((topic): PublishInput => ({ type, topic, data: run, ephemeral: false })));
    return run;
  }

  async function publishSteps(rows: DagRunStepRow[]): Promise<void> {
    if (rows.length === 0) return;
    await bus.publishMany(rows.flatMap((row) => runTopics(row).map((topic): PublishInput => ({ type: "step_status", topic, data: toStep(row), ephemeral: false }))));
  }

  /** Recomputes the run's counts and publishes `dag_run_progress`. */
  async function progress(runId: string): Promise<void> {
    const row = await repos.dags.transitionRun(runId, {}, ["running"]);
    if (row) await publishRun(row, "dag_run_progress");
  }

  async function mustFindDag(dagId: string): Promise<DagRow> {
    const row = await repos.dags.findDag(dagId);
    if (!row) throw new ServiceError("not_found", `no DAG ${dagId}`);
    return row;
  }

  async function mustFindRun(runId: string): Promise<DagRunRow> {
    const row = await repos.dags.findRun(runId);
    if (!row) throw new ServiceError("not_found", `no DAG run ${runId}`);
    return row;
  }

  async function detail(row: DagRunRow): Promise<DagRunDetail> {
    const steps = await repos.dags.stepsOf([row.run_id]);
    return { ...toRun(row, steps), steps: steps.map(toStep) };
  }

  return {
    // ---- definitions ----

    async list(): Promise<Dag[]> {
      return (await repos.dags.listDags()).map(toDag);
    },

    async get(dagId: string): Promise<Dag> {
      return toDag(await mustFindDag(dagId));
    },

    async create(input: DagDefinitionInput & { dagId?: string; ownerId: string | null }): Promise<Dag> {
      const at = now();
      const dagId = input.dagId ?? (await freeDagId(input.name));
      const row = await repos.dags.insertDag({ dag_id: dagId, name: input.name, description: input.description, steps: input.steps, owner_id: input.ownerId, created_at: at, updated_at: at });
      if (!row) throw new ServiceError("conflict", `a DAG with the id "${dagId}" exists already`, [{ path: "dag_id", message: "is taken" }]);
      return publishDag(row, "dag_created");
    },

    async update(dagId: string, input: DagDefinitionInput): Promise<Dag> {
      const row = await repos.dags.updateDag(dagId, input, now());
      if (!row) throw new ServiceError("not_found", `no DAG ${dagId}`);
      return publishDag(row, "dag_updated");
    },

    async delete(dagId: string): Promise<void> {
      await mustFindDag(dagId);
      const { deleted, active } = await repos.dags.deleteDag(dagId);
      if (!deleted) throw new ServiceError("conflict", `the DAG has ${active} run${active === 1 ? "" : "s"} queued or running; cancel ${active === 1 ? "it" : "them"} first`);
      const data = { dag_id: dagId, version: deleted.version + 1 };
      await bus.publishMany([topics.dags(), topics.dag(dagId)].map((topic) => ({ type: "dag_deleted", topic, data, ephemeral: false })));
    },

    /** On an empty database: the example DAGs. Returns how many were created. */
    async seed(examples: readonly (DagDefinitionInput & { dagId: string })[]): Promise<number> {
      if ((await repos.dags.countDags()) > 0) return 0;
      for (const example of examples) await this.create({ ...example, ownerId: null });
      return examples.length;
    },

    // ---- runs ----

    /** A queued run of the DAG as it is now, every step pending. */
    async trigger(dagId: string, input: { params: JsonObject; ownerId: string | null; clientMutationId?: string | null }): Promise<DagRunDetail> {
      const dag = toDag(await mustFindDag(dagId));
      const { run, steps } = await repos.dags.insertRun(
        {
          run_id: newId("run"),
          dag_id: dagId,
          owner_id: input.ownerId,
          status: "queued",
          params: input.params,
          definition: dag.steps,
          error: null,
          client_mutation_id: input.clientMutationId ?? null,
          created_at: now(),
          started_at: null,
          ended_at: null,
        },
        dag.steps.map((s) => s.step_id),
      );
      await publishRun(run, "dag_run_status", steps);
      queued.emit();
      return { ...toRun(run, steps), steps: steps.map(toStep) };
    },

    async listRuns(query: { dagId?: string; statuses?: RunStatusValue[]; cursor?: string; limit: number }): Promise<DagRunsPage> {
      const after = decodeCursor(query.cursor);
      const rows = await repos.dags.listRuns({ dagId: query.dagId, statuses: query.statuses, after: after && { created_at: after.created_at, run_id: after.id }, limit: query.limit + 1 });
      const steps = await repos.dags.stepsOf(rows.slice(0, query.limit).map((r) => r.run_id));
      const byRun = new Map<string, DagRunStepRow[]>();
      for (const s of steps) byRun.set(s.run_id, [...(byRun.get(s.run_id) ?? []), s]);
      return pageOf(
        rows,
        query.limit,
        (r) => ({ ...toRun(r, byRun.get(r.run_id) ?? []), steps: (byRun.get(r.run_id) ?? []).map(toStep) }),
        (r) => ({ created_at: r.created_at, id: r.run_id }),
      );
    },

    async getRun(runId: string): Promise<DagRunDetail> {
      return detail(await mustFindRun(runId));
    },

    /** Cancels a queued or running run: running steps stop (the runner is told), unfinished steps are skipped. */
    async cancel(runId: string, reason: string): Promise<DagRunDetail> {
      const current = await mustFindRun(runId);
      const row = await repos.dags.transitionRun(runId, { status: "cancelled", ended_at: now(), error: reason }, ACTIVE);
      if (!row) throw new ServiceError("conflict", `a ${current.status} run cannot be cancelled; only queued or running runs can`);
      cancelled.emit(runId); // running steps stop now, on whichever instance runs them
      const skipped: DagRunStepRow[] = [];
      for (const step of await repos.dags.stepsOf([runId])) {
        if (step.status !== "pending" && step.status !== "running") continue;
        const at = now();
        const s = await repos.dags.transitionStep(
          runId,
          step.step_id,
          { status: "skipped", end_time: step.status === "running" ? at : null, duration: step.start_time ? at.getTime() - step.start_time.getTime() : null, error: reason, next_attempt_at: null },
          [step.status],
        );
        if (s) skipped.push(s);
      }
      await publishSteps(skipped);
      await publishRun(row, "dag_run_status");
      await notifyOwner(row, "was cancelled", "warning");
      return detail(row);
    },

    onQueued(listener: () => void): () => void {
      return queued.on(listener);
    },

    onCancelled(listener: (runId: string) => void): () => void {
      return cancelled.on(listener);
    },

    // ---- for the DAG runner -------------------------------------------------------------------

    /** Takes the oldest queued run (running from now on) with the steps it runs and who triggered it (null: an API key), or undefined. */
    async claimQueued(): Promise<{ run: DagRun; definition: DagStepDefinition[]; ownerId: string | null } | undefined> {
      const row = await repos.dags.claimQueuedRun(now(), identity.instanceId);
      if (!row) return undefined;
      return { run: await publishRun(row, "dag_run_status"), definition: row.definition as DagStepDefinition[], ownerId: row.owner_id };
    },

    /** The run's status and its steps' states now (with when a step waiting for its retry may run). */
    async state(runId: string): Promise<{ status: RunStatusValue; steps: (DagRunStep & { next_attempt_at: Date | null })[] }> {
      const row = await mustFindRun(runId);
      return { status: row.status, steps: (await repos.dags.stepsOf([runId])).map((s) => ({ ...toStep(s), next_attempt_at: s.next_attempt_at })) };
    },

    async stepStarted(runId: string, stepId: string): Promise<boolean> {
      // Only while the run is running: a step never starts in a run being cancelled.
      const row = await repos.dags.transitionStep(runId, stepId, { status: "running", start_time: now(), end_time: null, duration: null, next_attempt_at: null }, ["pending"], "running");
      if (!row) return false;
      await publishSteps([row]);
      await progress(runId);
      return true;
    },

    async stepSucceeded(runId: string, stepId: string): Promise<void> {
      const at = now();
      const current = (await repos.dags.stepsOf([runId])).find((s) => s.step_id === stepId);
      const row = await repos.dags.transitionStep(
        runId,
        stepId,
        { status: "success", end_time: at, duration: current?.start_time ? at.getTime() - current.start_time.getTime() : null, error: null },
        ["running"],
      );
      if (!row) return;
      await publishSteps([row]);
      await progress(runId);
    },

    /**
     * The step's attempt failed: back to pending for its retry at `retryAt`, or failed for good, and
     * then every step below it is `upstream_failed`.
     */
    async stepFailed(runId: string, stepId: string, error: string, retryAt: Date | null, definition: readonly DagStepDefinition[]): Promise<void> {
      const at = now();
      const current = (await repos.dags.stepsOf([runId])).find((s) => s.step_id === stepId);
      if (!current) return;
      const duration = current.start_time ? at.getTime() - current.start_time.getTime() : null;
      const row = await repos.dags.transitionStep(
        runId,
        stepId,
        retryAt
          ? { status: "pending", retry_count: current.retry_count + 1, error, next_attempt_at: retryAt, end_time: at, duration }
          : { status: "failed", error, end_time: at, duration, next_attempt_at: null },
        ["running"],
      );
      if (!row) return;
      const changed = [row];
      if (!retryAt) {
        for (const below of descendantsOf(definition, stepId)) {
          const s = await repos.dags.transitionStep(runId, below, { status: "upstream_failed", error: `${stepId} failed` }, ["pending"]);
          if (s) changed.push(s);
        }
      }
      await publishSteps(changed);
      await progress(runId);
    },

    /** Ends the run once every step is done: success or failed, and tells its owner. */
    async finish(runId: string): Promise<DagRun | undefined> {
      const steps = await repos.dags.stepsOf([runId]);
      const outcome = runOutcome(steps);
      if (!outcome) return undefined;
      const failed = steps.filter((s) => s.status === "failed").map((s) => s.step_id);
      const row = await repos.dags.transitionRun(
        runId,
        { status: outcome, ended_at: now(), error: outcome === "failed" ? `step${failed.length === 1 ? "" : "s"} ${failed.join(", ")} failed` : null },
        ["running"],
      );
      if (!row) return undefined;
      const run = await publishRun(row, "dag_run_status", steps);
      await notifyOwner(row, outcome === "success" ? "succeeded" : `failed: ${row.error}`, outcome === "success" ? "success" : "error");
      return run;
    },

    /** Runs an instance that is gone (a stopped process, a dead one) left running are failed with the reason (their steps with them). */
    async failInterrupted(): Promise<number> {
      const reason = "interrupted: the server running it stopped; trigger it again";
      let count = 0;
      for (const run of await repos.dags.orphanedRuns(identity.leaseMs)) {
        const changed: DagRunStepRow[] = [];
        for (const step of await repos.dags.stepsOf([run.run_id])) {
          if (step.status !== "pending" && step.status !== "running") continue;
          const s = await repos.dags.transitionStep(
            run.run_id,
            step.step_id,
            step.status === "running" ? { status: "failed", error: reason, end_time: now() } : { status: "skipped", error: reason, next_attempt_at: null },
            [step.status],
          );
          if (s) changed.push(s);
        }
        const row = await repos.dags.transitionRun(run.run_id, { status: "failed", ended_at: now(), error: reason }, ["running"]);
        if (!row) continue;
        await publishSteps(changed);
        await publishRun(row, "dag_run_status");
        await notifyOwner(row, `failed: ${reason}`, "error");
        count += 1;
      }
      return count;
    },
  };

  async function notifyOwner(run: DagRunRow, what: string, level: "success" | "error" | "warning"): Promise<void> {
    if (!run.owner_id) return;
    const dag = await repos.dags.findDag(run.dag_id);
    await deps.notifications.notify(run.owner_id, {
      title: `${dag?.name ?? run.dag_id} run ${what.split(":")[0]}`,
      message: `Run ${run.run_id} ${what}.`,
      level,
      link: `/dags/${run.dag_id}/runs/${run.run_id}`,
    });
  }

  /** A dag_id made from the name ("Nightly import" -> "nightly-import", then "-2", "-3"... when taken). */
  async function freeDagId(name: string): Promise<string> {
    const base = name.toLowerCase().replace(/[^a-z0-9]+/g, "-").replace(/^-+|-+$/g, "").slice(0, 60) || "dag";
    for (let n = 1; ; n++) {
      const id = n === 1 ? base : `${base}-${n}`;
      if (!(await repos.dags.findDag(id))) return id;
    }
  }
}

export type DagsService = ReturnType<typeof createDagsService>;

export function toDag(row: DagRow): Dag {
  return {
    dag_id: row.dag_id,
    name: row.name,
    description: row.description,
    steps: row.steps as DagStepDefinition[],
    created_at: row.created_at.toISOString(),
    updated_at: row.updated_at.toISOString(),
    version: row.version,
  };
}

export function toRun(row: DagRunRow, steps: readonly DagRunStepRow[]): DagRun {
  const count = (...statuses: DagRunStepRow["status"][]) => steps.filter((s) => statuses.includes(s.status)).length;
  const total = steps.length;
  const done = count("success", "failed", "skipped", "upstream_failed");
  return {
    dag_id: row.dag_id,
    run_id: row.run_id,
    status: row.status,
    started_at: row.started_at?.toISOString() ?? null,
    ended_at: row.ended_at?.toISOString() ?? null,
    total_steps: total,
    completed_steps: count("success"),
    running_steps: count("running"),
    failed_steps: count("failed", "upstream_failed"),
    pending_steps: count("pending"),
    completion_percentage: total === 0 ? 0 : Math.round((done / total) * 1000) / 10,
    params: row.params as JsonObject,
    error: row.error,
    created_at: row.created_at.toISOString(),
    client_mutation_id: row.client_mutation_id,
    version: row.version,
  };
}

export function toStep(row: DagRunStepRow): DagRunStep {
  return {
    dag_id: row.dag_id,
    run_id: row.run_id,
    step_id: row.step_id,
    status: row.status,
    start_time: row.start_time?.toISOString() ?? null,
    end_time: row.end_time?.toISOString() ?? null,
    duration: row.duration === null ? null : Math.round(row.duration),
    retry_count: row.retry_count,
    error: row.error,
    version: row.version,
  };
}
