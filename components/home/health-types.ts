// The shape of GET /api/health as the overview page reads it (fields beyond these are ignored).
export type Health = {
  status: "ok" | "degraded";
  uptime_s: number;
  storage: { ok: boolean; driver: "pglite" | "postgres"; latency_ms: number };
  bus: {
    ok: boolean;
    kind: "memory" | "redis";
    epoch: string;
    log_size: number;
    log_capacity?: number;
    published?: number;
    [key: string]: unknown;
  };
  hub: {
    connections: number;
    subscriptions: number;
    authenticated?: number;
    events_fanned_out?: number;
    messages_sent?: number;
    /** Older name of messages_sent. */
    events_out?: number;
    [key: string]: unknown;
  };
};
