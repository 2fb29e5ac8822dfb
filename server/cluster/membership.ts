// Membership: this instance's row in `instances`, kept fresh by a heartbeat every fifth of the lease
// (carrying the figures it reports, for the cluster-wide admin console), marked stopped on a clean
// shutdown so the others take up its work at once rather than after the lease.
import os from "node:os";
import type { Logger } from "../log";
import type { Repositories } from "../storage/repositories";
import type { InstanceRow } from "../storage/repositories/cluster";
import type { ClusterIdentity } from "./identity";

export interface Membership {
  start(): Promise<void>;
  /** Sends a heartbeat now (with the current snapshot). */
  beat(): Promise<void>;
  /** What this instance reports with each heartbeat (set once the hub exists). */
  setSnapshot(source: () => unknown): void;
  /** Every live instance, this one included, with what each reported last. */
  alive(): Promise<InstanceRow[]>;
  /** How often the heartbeat (and so the report) is sent, in ms. */
  readonly beatIntervalMs: number;
  stop(): Promise<void>;
}

export function createMembership(deps: { repos: Repositories; identity: ClusterIdentity; log: Logger }): Membership {
  const { repos, identity, log } = deps;
  let snapshot: (() => unknown) | null = null;
  let timer: NodeJS.Timeout | null = null;
  let beating: Promise<void> | null = null;
  let failing = false;
  const beatIntervalMs = Math.max(50, Math.floor(identity.leaseMs / 5));

  const beat = () =>
    (beating ??= (async () => {
      try {
        await repos.cluster.heartbeat(identity.instanceId, snapshot ? snapshot() : undefined);
        if (failing) log.info("heartbeats are recorded again");
        failing = false;
      } catch (err) {
        if (!failing) log.error({ err }, "could not record this instance's heartbeat");
        failing = true;
      } finally {
        beating = null;
      }
    })());

  return {
    async start() {
      await repos.cluster.register(identity.instanceId, os.hostname(), process.pid);
      timer = setInterval(() => void beat(), beatIntervalMs);
      timer.unref();
    },
    beat,
    beatIntervalMs,
    setSnapshot(source) {
      snapshot = source;
    },
    alive: () => repos.cluster.alive(identity.leaseMs),
    async stop() {
      if (timer) clearInterval(timer);
      timer = null;
      await beating;
      await repos.cluster.markStopped(identity.instanceId).catch((err: unknown) => log.warn({ err }, "could not mark this instance stopped"));
    },
  };
}
