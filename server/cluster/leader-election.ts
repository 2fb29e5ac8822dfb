// Leader election over a lease row in the database: every fifth of the lease the instance takes or
// renews it; the holder is the leader. A leader that cannot renew steps down before its lease could
// pass to another, and a clean stop hands the lease back at once. The others take over within one
// lease (plus a renewal period) of a leader's death.
import type { Logger } from "../log";
import type { Repositories } from "../storage/repositories";
import type { ClusterIdentity } from "./identity";

export interface LeaderElection {
  start(): Promise<void>;
  isLeader(): boolean;
  /** Called (and awaited, in order) when this instance becomes leader (true) or stops being it (false). */
  onChange(listener: (leader: boolean) => Promise<void> | void): () => void;
  /** Tries for the lease now (tests, and a prompt start). */
  tick(): Promise<void>;
  stop(): Promise<void>;
}

export function createLeaderElection(deps: { repos: Repositories; identity: ClusterIdentity; log: Logger; name?: string }): LeaderElection {
  const { repos, identity, log } = deps;
  const name = deps.name ?? "leader";
  const listeners = new Set<(leader: boolean) => Promise<void> | void>();
  let leader = false;
  let renewedAt = 0;
  let timer: NodeJS.Timeout | null = null;
  let running: Promise<void> | null = null;
  let stopped = false;

  async function become(value: boolean) {
    if (leader === value) return;
    leader = value;
    log.info({ lease: name, instance_id: identity.instanceId }, value ? "this instance leads the cluster" : "this instance no longer leads the cluster");
    for (const listener of listeners) {
      try {
        await listener(value);
      } catch (err) {
        log.error({ err }, "a leadership listener failed");
      }
    }
  }

  async function attempt() {
    if (stopped) return;
    const started = Date.now();
    try {
      const held = await repos.cluster.tryLease(name, identity.instanceId, identity.leaseMs);
      if (stopped) return;
      if (held) renewedAt = started;
      await become(held);
    } catch (err) {
      log.warn({ err }, "could not take or renew the leader lease");
      // Step down well before the lease can pass to another instance.
      if (leader && Date.now() - renewedAt > identity.leaseMs * 0.6) await become(false);
    }
  }

  const tick = () =>
    (running ??= attempt().finally(() => {
      running = null;
    }));

  return {
    async start() {
      stopped = false;
      timer = setInterval(() => void tick(), Math.max(50, Math.floor(identity.leaseMs / 5)));
      timer.unref();
      await tick();
    },
    isLeader: () => leader,
    onChange(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    tick,
    async stop() {
      if (timer) clearInterval(timer);
      timer = null;
      await running;
      stopped = true;
      const was = leader;
      await become(false);
      if (was) await repos.cluster.releaseLease(name, identity.instanceId).catch((err: unknown) => log.warn({ err }, "could not hand back the leader lease"));
    },
  };
}
