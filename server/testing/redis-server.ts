// Test support for Redis: a private redis-server of a test's own (to kill and restart), and deleting
// every key under a prefix (each test leaves the shared Redis as it found it).
import { spawn, type ChildProcess } from "node:child_process";
import { once } from "node:events";
import { Redis } from "ioredis";
import { eventually, freePort } from "./instance-process";

export interface RedisServer {
  port: number;
  /** redis://[:password@]127.0.0.1:port */
  url: string;
  /** (Re)starts it on its port, keeping nothing from before; resolves once it accepts connections. */
  start(): Promise<void>;
  /** SIGKILL: Redis gone at once, as in a crash. */
  kill(): Promise<void>;
}

export async function redisServer(options: { password?: string } = {}): Promise<RedisServer> {
  const port = await freePort();
  let child: ChildProcess | null = null;
  const auth = options.password ? [`--requirepass`, options.password] : [];
  const server: RedisServer = {
    port,
    url: `redis://${options.password ? `:${options.password}@` : ""}127.0.0.1:${port}`,
    async start() {
      const started = spawn("redis-server", ["--port", String(port), "--bind", "127.0.0.1", "--save", "", "--appendonly", "no", ...auth], { stdio: ["ignore", "pipe", "pipe"] });
      child = started;
      let output = "";
      started.stdout!.on("data", (chunk: Buffer) => (output += String(chunk)));
      started.stderr!.on("data", (chunk: Buffer) => (output += String(chunk)));
      await eventually(() => output.includes("Ready to accept connections") || started.exitCode !== null, 10_000, "redis-server to start");
      if (started.exitCode !== null) throw new Error(`redis-server exited: ${output}`);
    },
    async kill() {
      const running = child;
      child = null;
      if (!running || running.exitCode !== null || running.signalCode !== null) return;
      const exited = once(running, "exit");
      running.kill("SIGKILL");
      await exited;
    },
  };
  await server.start();
  return server;
}

/** Every key matching `pattern` (SCAN, so a busy Redis is not blocked). */
export async function redisKeys(redis: Redis, pattern: string): Promise<string[]> {
  const found: string[] = [];
  let cursor = "0";
  do {
    const [next, keys] = await redis.scan(cursor, "MATCH", pattern, "COUNT", 500);
    found.push(...keys);
    cursor = next;
  } while (cursor !== "0");
  return found;
}

/** Deletes every key under `prefix` (a test server's bus). */
export async function deleteRedisKeys(url: string, prefix: string): Promise<void> {
  const redis = new Redis(url, { lazyConnect: true, maxRetriesPerRequest: 1 });
  try {
    await redis.connect();
    const keys = await redisKeys(redis, `${prefix}*`);
    if (keys.length > 0) await redis.del(...keys);
  } finally {
    redis.disconnect();
  }
}
