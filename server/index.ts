// Entry point of the custom server: boots Switchboard and shuts it down gracefully on SIGTERM/SIGINT
// (exit 0 within 10 s, or exit 1 if something hangs).
import { startServer } from "./app";

process.env.NEXT_TELEMETRY_DISABLED ??= "1";

const SHUTDOWN_DEADLINE_MS = 10_000;

async function main() {
  const server = await startServer();
  let stopping = false;
  const stop = (signal: string) => {
    if (stopping) return;
    stopping = true;
    server.registry.log.info({ signal }, "signal received");
    const deadline = setTimeout(() => {
      server.registry.log.error("shutdown took longer than 10 s; exiting anyway");
      process.exit(1);
    }, SHUTDOWN_DEADLINE_MS);
    deadline.unref();
    server.close().then(
      () => process.exit(0),
      (err: unknown) => {
        server.registry.log.error({ err }, "shutdown failed");
        process.exit(1);
      },
    );
  };
  process.on("SIGTERM", () => stop("SIGTERM"));
  process.on("SIGINT", () => stop("SIGINT"));
}

main().catch((err: unknown) => {
  process.stderr.write(`Switchboard failed to start: ${err instanceof Error ? err.message : String(err)}\n`);
  process.exit(1);
});
