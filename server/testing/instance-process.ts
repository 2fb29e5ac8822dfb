// Test support: a Switchboard server as a child process (without Next.js), started the way production
// starts it (server/index.ts), so that tests can run several instances of one cluster and kill one.
import { spawn, type ChildProcess } from "node:child_process";
import { once } from "node:events";
import net from "node:net";
import readline from "node:readline";

export interface InstanceProcess {
  url: string;
  wsUrl: string;
  child: ChildProcess;
  /** Every log line (pino JSON) the instance wrote so far. */
  logs: string[];
  /** Sends `signal` and resolves once the process has exited. */
  kill(signal?: NodeJS.Signals): Promise<void>;
}

/** Starts `node --import tsx server/index.ts` with `env` on a free port; resolves once it listens. */
export async function startInstance(env: Record<string, string>, timeoutMs = 60_000): Promise<InstanceProcess> {
  const port = await freePort();
  const child = spawn(process.execPath, ["--import", "tsx", "server/index.ts"], {
    env: {
      PATH: process.env.PATH ?? "",
      NODE_ENV: "test",
      HOST: "127.0.0.1",
      PORT: String(port),
      SWITCHBOARD_NO_NEXT: "1",
      LOG_LEVEL: "info",
      MARKET_FEED: "off",
      ...env,
    },
    stdio: ["ignore", "pipe", "pipe"],
  });
  const logs: string[] = [];
  const exited = once(child, "exit");
  for (const stream of [child.stdout!, child.stderr!]) readline.createInterface({ input: stream }).on("line", (line) => logs.push(line));
  const deadline = Date.now() + timeoutMs;
  while (!logs.some((l) => l.includes("Switchboard is listening"))) {
    if (child.exitCode !== null) throw new Error(`the instance exited before listening:\n${logs.join("\n")}`);
    if (Date.now() > deadline) {
      child.kill("SIGKILL");
      throw new Error(`the instance did not listen within ${timeoutMs} ms:\n${logs.join("\n")}`);
    }
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  const url = `http://127.0.0.1:${port}`;
  return {
    url,
    wsUrl: `ws://127.0.0.1:${port}/ws`,
    child,
    logs,
    async kill(signal = "SIGTERM") {
      if (child.exitCode !== null || child.signalCode !== null) return;
      child.kill(signal);
      await exited;
    },
  };
}

/** A TCP port nobody listens on now. */
export async function freePort(): Promise<number> {
  const server = net.createServer();
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as net.AddressInfo;
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}

/** Polls `check` until it returns a value other than undefined/false, or throws after `timeoutMs`. */
export async function eventually<T>(check: () => Promise<T | undefined | false> | T | undefined | false, timeoutMs: number, what: string): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await check();
    if (value !== undefined && value !== false) return value;
    if (Date.now() > deadline) throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

/** `base` (a PostgreSQL URL) with every connection's search_path set to `schema`. */
export function withSchema(base: string, schema: string): string {
  const url = new URL(base);
  url.searchParams.set("options", `-c search_path=${schema}`);
  return url.toString();
}

/** The instance id a process logged at boot. */
export function instanceIdOf(instance: InstanceProcess): string | undefined {
  for (const line of instance.logs) {
    const m = /"instance_id":"(inst_[a-z0-9]+)"/.exec(line);
    if (m) return m[1];
  }
  return undefined;
}

let insightSeq = 0;

/** Publishes one `insight_generated` through an instance's `POST /api/events` (as an outside analyzer does); resolves with its insight id. */
export async function publishInsight(through: { url: string }, apiKey: string): Promise<string> {
  const insightId = `outside-${process.pid}-${++insightSeq}`;
  const res = await fetch(`${through.url}/api/events`, {
    method: "POST",
    headers: { authorization: `Bearer ${apiKey}`, "content-type": "application/json" },
    body: JSON.stringify({
      topic: "insights",
      type: "insight_generated",
      data: { insight_id: insightId, title: `Finding ${insightSeq}`, description: "seen by an outside analyzer", type: "trend", confidence: 0.6, metadata: {}, created_at: new Date().toISOString() },
    }),
  });
  if (res.status !== 202) throw new Error(`POST /api/events answered ${res.status}: ${await res.text()}`);
  return insightId;
}
