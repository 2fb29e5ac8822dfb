// Test support: a `ws` client that records every message and lets a test wait for one by condition.
import WebSocket from "ws";

export interface Message {
  type: string;
  topic?: string;
  id?: string;
  ts: string;
  data: any;
}

export interface TestClient {
  ws: WebSocket;
  messages: Message[];
  send(message: unknown): void;
  /** Resolves with the first message (from `from` on) that passes `match`; rejects after `timeoutMs`. */
  waitFor(match: (m: Message) => boolean, options?: { timeoutMs?: number; from?: number }): Promise<Message>;
  /** Resolves with the close code and reason. */
  closed: Promise<{ code: number; reason: string }>;
  close(): void;
}

export interface ConnectOptions {
  cookie?: string;
  token?: string;
  origin?: string;
  autoPong?: boolean;
  /** Extra upgrade headers (e.g. a User-Agent). */
  headers?: Record<string, string>;
}

export function connect(url: string, options: ConnectOptions = {}): Promise<TestClient> {
  const target = options.token ? `${url}?token=${encodeURIComponent(options.token)}` : url;
  const headers: Record<string, string> = { ...options.headers };
  if (options.cookie) headers.cookie = options.cookie;
  const ws = new WebSocket(target, { headers, origin: options.origin, autoPong: options.autoPong ?? true });
  const messages: Message[] = [];
  const waiters = new Set<() => void>();
  ws.on("message", (data) => {
    messages.push(JSON.parse(String(data)) as Message);
    for (const wake of [...waiters]) wake();
  });
  const closed = new Promise<{ code: number; reason: string }>((resolve) => {
    ws.on("close", (code, reason) => {
      resolve({ code, reason: String(reason) });
      for (const wake of [...waiters]) wake();
    });
  });
  const client: TestClient = {
    ws,
    messages,
    closed,
    send: (message) => ws.send(typeof message === "string" ? message : JSON.stringify(message)),
    waitFor(match, { timeoutMs = 5_000, from = 0 } = {}) {
      return new Promise((resolve, reject) => {
        let index = from;
        const check = () => {
          for (; index < messages.length; index++) {
            if (match(messages[index]!)) {
              cleanup();
              resolve(messages[index]!);
              return;
            }
          }
        };
        const timer = setTimeout(() => {
          cleanup();
          reject(new Error(`no matching message within ${timeoutMs} ms; got: ${JSON.stringify(messages.slice(-5)).slice(0, 800)}`));
        }, timeoutMs);
        const cleanup = () => {
          clearTimeout(timer);
          waiters.delete(check);
        };
        waiters.add(check);
        check();
      });
    },
    close: () => ws.close(),
  };
  return new Promise((resolve, reject) => {
    ws.once("open", () => resolve(client));
    ws.once("unexpected-response", (_req, res) => reject(Object.assign(new Error(`HTTP ${res.statusCode}`), { status: res.statusCode })));
    ws.once("error", reject);
  });
}

let subscribeRef = 0;

/** Sends `subscribe` (with `since` when given) and resolves with its `subscribed` reply. */
export async function subscribe(client: TestClient, topics: string[], since?: string): Promise<Message> {
  const ref = `sub-${++subscribeRef}`;
  const from = client.messages.length;
  client.send({ type: "subscribe", ref, topics, ...(since ? { since } : {}) });
  return client.waitFor((m) => m.type === "subscribed" && m.data.ref === ref, { from });
}
