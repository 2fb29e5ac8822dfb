// An in-process fake hub for client tests: a real `ws` server on port 0 that speaks the protocol's
// server side as the test drives it (connected, events, resync, drops) and records what clients send.
import { WebSocketServer, type WebSocket } from "ws";
import type { AddressInfo } from "node:net";
import type { ClientMessage } from "@/lib/protocol/commands";

export interface FakeConnection {
  readonly index: number;
  readonly socket: WebSocket;
  /** Client messages received on this connection, in order. */
  readonly received: ClientMessage[];
  sendJson(msg: unknown): void;
  sendRaw(data: string | Buffer): void;
  /** Sends `connected` with the hub's current epoch. */
  sendConnected(epoch?: string): void;
  sendEvent(event: { type: string; topic: string; id?: string; data: unknown; ts?: string }): void;
  sendControl(type: string, data: unknown): void;
  /** Closes like a server shutting down (close frame). */
  close(code?: number, reason?: string): void;
  /** Drops the TCP connection without a close frame. */
  terminate(): void;
  readonly open: boolean;
}

export interface FakeHub {
  readonly url: string;
  epoch: string;
  /** Send `connected` as soon as a socket opens (default true). */
  autoConnected: boolean;
  readonly connections: FakeConnection[];
  /** Every client message on every connection, in arrival order. */
  readonly received: { conn: number; msg: ClientMessage }[];
  /** Resolves with the n-th connection (0-based) once it exists. */
  connection(n: number, timeoutMs?: number): Promise<FakeConnection>;
  /** Resolves once `predicate` holds, checking after every message and connection. */
  until(predicate: () => boolean, what: string, timeoutMs?: number): Promise<void>;
  close(): Promise<void>;
}

export async function startFakeHub(opts: { epoch?: string } = {}): Promise<FakeHub> {
  const wss = new WebSocketServer({ port: 0, host: "127.0.0.1" });
  await new Promise<void>((resolve, reject) => {
    wss.once("listening", () => resolve());
    wss.once("error", reject);
  });
  const port = (wss.address() as AddressInfo).port;
  const waiters = new Set<() => void>();
  const wake = () => {
    for (const w of [...waiters]) w();
  };

  const hub: FakeHub = {
    url: `ws://127.0.0.1:${port}/ws`,
    epoch: opts.epoch ?? "epoch-1",
    autoConnected: true,
    connections: [],
    received: [],
    connection(n, timeoutMs) {
      return hub.until(() => hub.connections.length > n, `connection #${n}`, timeoutMs).then(() => hub.connections[n]!);
    },
    until(predicate, what, timeoutMs = 5_000) {
      if (predicate()) return Promise.resolve();
      return new Promise<void>((resolve, reject) => {
        const check = () => {
          if (!predicate()) return;
          cleanup();
          resolve();
        };
        const timer = setTimeout(() => {
          cleanup();
          reject(new Error(`fake hub: timed out waiting for ${what}`));
        }, timeoutMs);
        const cleanup = () => {
          clearTimeout(timer);
          waiters.delete(check);
        };
        waiters.add(check);
      });
    },
    async close() {
      for (const c of hub.connections) c.terminate();
      await new Promise<void>((resolve) => wss.close(() => resolve()));
    },
  };

  wss.on("connection", (socket) => {
    const index = hub.connections.length;
    const received: ClientMessage[] = [];
    const conn: FakeConnection = {
      index,
      socket,
      received,
      sendJson: (msg) => socket.readyState === socket.OPEN && socket.send(JSON.stringify(msg)),
      sendRaw: (data) => socket.readyState === socket.OPEN && socket.send(data),
      sendConnected: (epoch) =>
        conn.sendControl("connected", {
          client_id: `c${index}`,
          user: { id: "u1", email: "u1@example.com", role: "user" },
          epoch: epoch ?? hub.epoch,
          server_time: new Date().toISOString(),
          heartbeat_ms: 15_000,
        }),
      sendEvent: (e) => conn.sendJson({ ts: new Date().toISOString(), ...e }),
      sendControl: (type, data) => conn.sendJson({ type, ts: new Date().toISOString(), data }),
      close: (code = 1001, reason = "going away") => socket.close(code, reason),
      terminate: () => socket.terminate(),
      get open() {
        return socket.readyState === socket.OPEN;
      },
    };
    socket.on("error", () => {});
    socket.on("message", (raw) => {
      const msg = JSON.parse(String(raw)) as ClientMessage;
      received.push(msg);
      hub.received.push({ conn: index, msg });
      wake();
    });
    socket.on("close", wake);
    hub.connections.push(conn);
    if (hub.autoConnected) conn.sendConnected();
    wake();
  });
  return hub;
}
