// The process logger (pino). Secrets are redacted by path so they never reach the logs.
import pino, { type Logger } from "pino";

export type { Logger };

export function createLogger(level: string, name = "switchboard"): Logger {
  return pino({
    name,
    level,
    redact: {
      paths: ["password", "*.password", "token", "*.token", "key", "*.key", "cookie", "*.cookie", "headers.cookie", "headers.authorization"],
      censor: "[redacted]",
    },
  });
}
