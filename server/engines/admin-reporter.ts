// Admin reporter: turns the hub's connection changes into `admin` events, and every 2 s publishes the
// sockets whose figures changed and, on the cluster's leader, the cluster's topic figures (`admin_topics_update`).
import type { ConnectionChange } from "../hub/hub";
import type { Logger } from "../log";
import type { AdminService } from "../services/admin";
import { periodic } from "./periodic";

export interface AdminReporter {
  start(): void;
  /** Runs one report now (tests). */
  tick(): Promise<void>;
  stop(): Promise<void>;
}

export function createAdminReporter(deps: {
  admin: AdminService;
  hub: { onConnectionsChanged(listener: (change: ConnectionChange) => void): () => void };
  log: Logger;
  intervalMs?: number;
  /** Whether this instance reports the topic figures (the leader does, for the whole cluster; default always). */
  reportsTopics?: () => boolean;
}): AdminReporter {
  const { admin, hub, log } = deps;
  let stopChanges: (() => void) | null = null;
  const report = async () => {
    await admin.reportUpdates();
    if (deps.reportsTopics?.() ?? true) await admin.reportTopics();
  };
  const timer = periodic("admin reporter", deps.intervalMs ?? 2_000, report, log);
  const failed = (err: unknown) => log.error({ err }, "could not publish a connection change");

  return {
    start() {
      stopChanges ??= hub.onConnectionsChanged((change) => {
        if (change.kind === "opened") admin.connectionOpened(change.connection).catch(failed);
        else admin.connectionClosed(change.connection, change).catch(failed);
      });
      timer.start();
    },
    tick: () => timer.runNow(),
    async stop() {
      stopChanges?.();
      stopChanges = null;
      await timer.stop();
    },
  };
}
