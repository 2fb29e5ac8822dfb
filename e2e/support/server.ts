// Runs the production server (dist/server.mjs) as a child process for a spec, on its own port and
// data folder, and can stop (SIGTERM) and restart it mid-test.
import { spawn, type ChildProcess } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { createServer } from "node:net";
import os from "node:os";
import path from "node:path";

export const ADMIN = { email: "admin@e2e.test", password: "e2e-admin-password" };

export interface ServerHandle {
  url: string;
  port: number;
  start(): Promise<void>;
  /** SIGTERM; resolves with the exit code. */
  stop(): Promise<number | null>;
  dispose(): Promise<void>;
  output(): string;
}

export async function launchServer(env: Record<string, string> = {}): Promise<ServerHandle> {
  const port = await freePort();
  const dataDir = mkdtempSync(path.join(os.tmpdir(), "switchboard-e2e-"));
  const url = `http://127.0.0.1:${port}`;
  let child: ChildProcess | null = null;
  let log = "";

  const handle: ServerHandle = {
    url,
    port,
    async start() {
      child = spawn(process.execPath, ["dist/server.mjs"], {
        env: {
          ...process.env,
          NODE_ENV: "production",
          PORT: String(port),
          HOST: "127.0.0.1",
          DATA_DIR: dataDir,
          SWITCHBOARD_ADMIN_EMAIL: ADMIN.email,
          SWITCHBOARD_ADMIN_PASSWORD: ADMIN.password,
          LOG_LEVEL: "warn",
          ...env,
        },
        stdio: ["ignore", "pipe", "pipe"],
      });
      child.stdout!.on("data", (d) => (log += d));
      child.stderr!.on("data", (d) => (log += d));
      await waitUntilServing(url, () => log, child);
    },
    stop() {
      const running = child;
      child = null;
      if (!running || running.exitCode !== null) return Promise.resolve(running?.exitCode ?? null);
      return new Promise((resolve) => {
        running.once("exit", (code) => resolve(code));
        running.kill("SIGTERM");
      });
    },
    async dispose() {
      await handle.stop();
      rmSync(dataDir, { recursive: true, force: true });
    },
    output: () => log,
  };
  await handle.start();
  return handle;
}

async function waitUntilServing(url: string, log: () => string, child: ChildProcess): Promise<void> {
  const deadline = Date.now() + 60_000;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`server exited with ${child.exitCode}:\n${log()}`);
    try {
      const res = await fetch(`${url}/login`);
      if (res.ok) return;
    } catch {
      // not listening yet
    }
    await new Promise((r) => setTimeout(r, 200));
  }
  throw new Error(`server did not start within 60 s:\n${log()}`);
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = createServer();
    srv.listen(0, "127.0.0.1", () => {
      const { port } = srv.address() as { port: number };
      srv.close(() => resolve(port));
    });
    srv.on("error", reject);
  });
}
