"use client";
// HealthCards: the overview's cards from GET /api/health (storage, bus, hub, uptime), with loading, error and stale states.
import { describeError, RetryButton } from "@/components/ui/query-error";
import { Clock, Database, Radio, Server, TriangleExclamationPoint } from "lucide-react";

import { Alert, AlertDescription, AlertTitle } from "@/components/ui/alert";
import { formatDuration, formatLatency, formatNumber } from "@/lib/utils";
import type { Health } from "./health-types";
import { StatCard, StatCardSkeleton } from "./stat-card";
import { useHealth } from "./use-health";

const STORAGE_LABELS: Record<Health["storage"]["driver"], string> = { pglite: "PGlite", postgres: "PostgreSQL" };
const BUS_LABELS: Record<Health["bus"]["kind"], string> = { memory: "In-process", redis: "Redis" };

export function HealthCards() {
  const health = useHealth();
  const retry = () => void health.refetch();

  if (health.isPending) {
    return (
      <div className="grid gap-4 sm:grid-cols-2 xl:grid-cols-4" aria-busy="true" data-testid="health-loading">
        <span className="sr-only" role="status">
          Loading system health…
        </span>
        {Array.from({ length: 4 }, (_, i) => (
          <StatCardSkeleton key={i} />
        ))}
      </div>
    );
  }

  const data = health.data;
  if (!data) {
    return (
      <Alert variant="destructive" data-testid="health-error">
        <TriangleExclamationPoint aria-hidden="true" />
        <AlertTitle>Could not load system health</AlertTitle>
        <AlertDescription>
          <p>{describeError(health.error)}</p>
          <RetryButton onRetry={retry} busy={health.isFetching} className="mt-2 text-foreground" />
        </AlertDescription>
      </Alert>
    );
  }

  return (
    <div className="grid gap-4">
      {health.isError ? (
        // A refresh failed: keep the last report on screen, and say that it is stale.
        <Alert variant="warning" data-testid="health-stale">
          <TriangleExclamationPoint aria-hidden="true" />
          <AlertTitle>Showing the last report</AlertTitle>
          <AlertDescription>
            <p>Refreshing failed: {describeError(health.error)}</p>
            <RetryButton onRetry={retry} busy={health.isFetching} className="mt-2 text-foreground" />
          </AlertDescription>
        </Alert>
      ) : null}
      <HealthGrid health={data} />
    </div>
  );
}

function HealthGrid({ health }: { health: Health }) {
  const { storage, bus, hub, uptime_s } = health;
  return (
    <div className="grid gap-4 sm:grid-cols-2 xl:grid-cols-4" data-testid="health-cards">
      <StatCard
        testId="health-storage"
        title="Storage"
        icon={Database}
        ok={storage.ok}
        value={STORAGE_LABELS[storage.driver] ?? storage.driver}
        details={[{ label: "Latency", value: formatLatency(storage.latency_ms) }]}
      />
      <StatCard
        testId="health-bus"
        title="Event bus"
        icon={Radio}
        ok={bus.ok}
        value={BUS_LABELS[bus.kind] ?? bus.kind}
        details={[
          {
            label: "Epoch",
            value: (
              <span className="font-mono text-xs" title={bus.epoch}>
                {bus.epoch}
              </span>
            ),
          },
          {
            label: "Replay log",
            value:
              bus.log_capacity != null
                ? `${formatNumber(bus.log_size)} / ${formatNumber(bus.log_capacity)}`
                : `${formatNumber(bus.log_size)} events`,
          },
          ...(bus.published != null ? [{ label: "Published", value: formatNumber(bus.published) }] : []),
        ]}
      />
      <StatCard
        testId="health-hub"
        title="Realtime hub"
        icon={Server}
        value={`${formatNumber(hub.connections)} ${hub.connections === 1 ? "connection" : "connections"}`}
        details={[
          { label: "Subscriptions", value: formatNumber(hub.subscriptions) },
          { label: "Messages sent", value: formatNumber(hub.messages_sent ?? hub.events_out) },
          ...(hub.events_fanned_out != null
            ? [{ label: "Events fanned out", value: formatNumber(hub.events_fanned_out) }]
            : []),
        ]}
      />
      <StatCard
        testId="health-uptime"
        title="Uptime"
        icon={Clock}
        value={formatDuration(uptime_s)}
        details={[{ label: "Server status", value: health.status === "ok" ? "OK" : "Degraded" }]}
      />
    </div>
  );
}
