// PeerSockets: this instance's view of the sockets the other instances of a cluster hold. Their
// heartbeat reports are up to one heartbeat old, so the view also follows the admin_connection_*
// events every instance hears on the bus: a socket opened elsewhere since its instance's last report
// is listed at once, and one closed since is gone at once (a report built before the close cannot
// bring it back). What was heard is kept only long enough for the next reports to cover it.
import type { AdminConnection } from "@/lib/protocol/entities/admin";
import { topics } from "@/lib/protocol/topics";
import type { Bus } from "../bus/bus";

/** Another live instance and the sockets its latest report lists (empty before its first). */
export interface PeerReport {
  instance_id: string;
  connections: AdminConnection[];
}

export interface PeerSocketsDeps {
  bus: Bus;
  instanceId: string;
  /** Every other live instance with its latest report. */
  reports: () => Promise<PeerReport[]>;
  /** How long a heard open or close outranks the reports: several heartbeats (default 30 s). */
  bridgeMs?: number;
  now?: () => number;
}

export interface PeerSockets {
  /** The sockets of every other live instance, as heard since their last reports. */
  list(): Promise<AdminConnection[]>;
  close(): void;
}

const DEFAULT_BRIDGE_MS = 30_000;

export function createPeerSockets(deps: PeerSocketsDeps): PeerSockets {
  const { bus, instanceId, reports } = deps;
  const bridgeMs = deps.bridgeMs ?? DEFAULT_BRIDGE_MS;
  const now = deps.now ?? Date.now;
  const adminTopic = topics.admin();
  /** Opened or updated elsewhere, by client id, with when this instance heard it. */
  const heard = new Map<string, { connection: AdminConnection; at: number }>();
  /** Closed elsewhere, by client id, with when this instance heard it. */
  const closed = new Map<string, number>();

  const forgetOld = () => {
    const cutoff = now() - bridgeMs;
    // Maps iterate in insertion order, so the oldest entries come first.
    for (const [id, entry] of heard) {
      if (entry.at >= cutoff) break;
      heard.delete(id);
    }
    for (const [id, at] of closed) {
      if (at >= cutoff) break;
      closed.delete(id);
    }
  };

  const unsubscribe = bus.subscribe((event) => {
    if (event.topic !== adminTopic) return;
    if (event.type === "admin_connection_opened" || event.type === "admin_connection_updated") {
      const connection = event.data as AdminConnection;
      if (connection.instance_id === instanceId || closed.has(connection.client_id)) return;
      const held = heard.get(connection.client_id);
      if (held && held.connection.version > connection.version) return;
      heard.delete(connection.client_id);
      heard.set(connection.client_id, { connection, at: now() });
    } else if (event.type === "admin_connection_closed") {
      const { client_id: clientId, instance_id: from } = event.data as { client_id: string; instance_id: string };
      if (from === instanceId) return;
      heard.delete(clientId);
      closed.delete(clientId);
      closed.set(clientId, now());
    } else return;
    forgetOld();
  });

  return {
    async list() {
      forgetOld();
      const peers = await reports();
      const alive = new Set(peers.map((p) => p.instance_id));
      const out = new Map<string, AdminConnection>();
      for (const peer of peers) for (const c of peer.connections) if (!closed.has(c.client_id)) out.set(c.client_id, c);
      for (const { connection } of heard.values()) {
        if (!alive.has(connection.instance_id)) continue;
        const reported = out.get(connection.client_id);
        // On equal versions the report wins: it was built later, with newer traffic figures.
        if (!reported || reported.version < connection.version) out.set(connection.client_id, connection);
      }
      return [...out.values()];
    },
    close: unsubscribe,
  };
}
