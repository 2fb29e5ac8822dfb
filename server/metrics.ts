// Prometheus metrics for /metrics: one registry per process, with the hub's and ingest's figures.
import { Counter, Gauge, Registry, collectDefaultMetrics } from "prom-client";

/** Live figures read at scrape time (set once the hub exists). */
export interface MetricSources {
  hub?: () => { connections: number; subscriptions: number };
}

export function createMetrics() {
  const registry = new Registry();
  const sources: MetricSources = {};
  collectDefaultMetrics({ register: registry, prefix: "switchboard_process_" });
  const m = {
    registry,
    sources,
    connections: new Gauge({
      name: "switchboard_ws_connections",
      help: "Open WebSocket connections",
      registers: [registry],
      collect() {
        if (sources.hub) this.set(sources.hub().connections);
      },
    }),
    subscriptions: new Gauge({
      name: "switchboard_ws_subscriptions",
      help: "Topic patterns held by open sockets",
      registers: [registry],
      collect() {
        if (sources.hub) this.set(sources.hub().subscriptions);
      },
    }),
    connectionsTotal: new Counter({ name: "switchboard_ws_connections_total", help: "WebSocket connections accepted", registers: [registry] }),
    rejectedUpgrades: new Counter({ name: "switchboard_ws_rejected_upgrades_total", help: "Upgrades refused", labelNames: ["reason"] as const, registers: [registry] }),
    eventsIn: new Counter({ name: "switchboard_events_in_total", help: "Events published on the bus, by type", labelNames: ["type"] as const, registers: [registry] }),
    eventsOut: new Counter({ name: "switchboard_events_out_total", help: "Event messages sent to sockets, by type", labelNames: ["type"] as const, registers: [registry] }),
    slowConsumers: new Counter({ name: "switchboard_ws_slow_consumers_dropped_total", help: "Sockets closed with 4000 because their send buffer passed the limit", registers: [registry] }),
    replayRequests: new Counter({ name: "switchboard_replay_requests_total", help: "Subscribe requests carrying since", registers: [registry] }),
    resyncs: new Counter({ name: "switchboard_resyncs_total", help: "resync messages sent", registers: [registry] }),
    clientErrors: new Counter({ name: "switchboard_ws_client_errors_total", help: "error messages sent to clients, by code", labelNames: ["code"] as const, registers: [registry] }),
    invalidOutgoing: new Counter({ name: "switchboard_invalid_outgoing_events_total", help: "Events that failed the protocol check before sending (development and tests)", registers: [registry] }),
  };
  return m;
}

export type Metrics = ReturnType<typeof createMetrics>;
