// Liveness in both directions: protocol pings that reap dead sockets (two unanswered pings), and a
// `heartbeat` message after a quiet spell so that browsers, which cannot see pings, know the link lives.
import { controlFrame } from "./outgoing";
import type { Connection } from "./connection";

export interface HeartbeatOptions {
  pingMs: number;
  heartbeatMs: number;
}

export function startHeartbeat(connections: () => Iterable<Connection>, options: HeartbeatOptions): () => void {
  const ping = setInterval(() => {
    for (const connection of connections()) {
      if (connection.missedPongs >= 2) {
        connection.terminate();
        continue;
      }
      connection.missedPongs += 1;
      try {
        connection.ws.ping();
      } catch {
        connection.terminate();
      }
    }
  }, options.pingMs);
  ping.unref();

  const quietCheckMs = Math.max(25, Math.floor(options.heartbeatMs / 3));
  const heartbeat = setInterval(() => {
    const now = performance.now();
    let frame: string | null = null;
    for (const connection of connections()) {
      if (connection.authenticated && now - connection.lastSentAt >= options.heartbeatMs) {
        frame ??= controlFrame("heartbeat", { ts: new Date().toISOString() });
        connection.sendFrame(frame);
      }
    }
  }, quietCheckMs);
  heartbeat.unref();

  return () => {
    clearInterval(ping);
    clearInterval(heartbeat);
  };
}
