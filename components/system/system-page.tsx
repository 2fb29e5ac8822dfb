"use client";
// SystemPage: the /system body: live charts of the last five minutes (CPU, memory, disk, network),
// Switchboard's modules' health, the alert list, and the processes and interfaces tables.
// Subscribes to `system` and `system:alerts`; every part has its loading, empty and error state.
import * as React from "react";
import { BellOff, Cpu, Network } from "lucide-react";

import { PageHeader } from "@/components/shell/page-header";
import { Card, CardContent, CardDescription, CardHeader } from "@/components/ui/card";
import { EmptyState } from "@/components/ui/empty-state";
import { QueryErrorAlert } from "@/components/ui/query-error";
import { Skeleton } from "@/components/ui/skeleton";
import {
  useSystemAlerts,
  useSystemInterfaces,
  useSystemMetricsHistory,
  useSystemModules,
  useSystemProcesses,
  useSystemTopics,
} from "@/lib/query/hooks/use-system";
import { formatBytes } from "@/lib/utils";
import { AlertsPanel } from "./alerts-panel";
import { InterfacesTable } from "./interfaces-table";
import { MetricChart, type MetricSeries } from "./metric-chart";
import { ModulesPanel } from "./modules-panel";
import { ProcessesTable } from "./processes-table";
import { chartPoints, formatPercent, formatRate } from "./system-format";

const CPU: MetricSeries[] = [{ key: "cpu", label: "CPU usage", color: "var(--primary)", swatch: "bg-primary" }];
const MEMORY: MetricSeries[] = [{ key: "memory", label: "Memory used", color: "var(--success)", swatch: "bg-success" }];
const DISK: MetricSeries[] = [{ key: "disk", label: "Disk used", color: "var(--warning)", swatch: "bg-warning" }];
const NETWORK: MetricSeries[] = [
  { key: "rx", label: "Received", color: "var(--primary)", swatch: "bg-primary" },
  { key: "tx", label: "Sent", color: "var(--success)", swatch: "bg-success" },
];
const percent = (v: number | null) => formatPercent(v ?? 0);
const rate = (v: number | null) => formatRate(v ?? 0);

export function SystemPage() {
  useSystemTopics();
  return (
    <div className="grid gap-6">
      <PageHeader title="System" description="The host's live metrics over the last five minutes, the health of Switchboard's modules, and alerts." />
      <MetricsSection />
      <div className="grid gap-6 lg:grid-cols-2">
        <ModulesSection />
        <AlertsSection />
      </div>
      <div className="grid gap-6 lg:grid-cols-2">
        <ProcessesSection />
        <InterfacesSection />
      </div>
    </div>
  );
}

function MetricsSection() {
  const history = useSystemMetricsHistory();
  const points = React.useMemo(() => chartPoints(history.data), [history.data]);
  const latest = history.data?.at(-1);

  if (history.isPending) {
    return (
      <section aria-label="Host metrics" aria-busy="true" className="grid gap-4 md:grid-cols-2" data-testid="system-charts-loading">
        <span className="sr-only" role="status">
          Loading host metrics…
        </span>
        {[0, 1, 2, 3].map((i) => (
          <Card key={i} className="gap-3">
            <CardHeader>
              <Skeleton className="h-4 w-24" />
              <Skeleton className="h-7 w-16" />
            </CardHeader>
            <CardContent>
              <Skeleton className="h-40 w-full" />
            </CardContent>
          </Card>
        ))}
      </section>
    );
  }
  if (history.isError && !history.data) {
    return <QueryErrorAlert title="Could not load host metrics" error={history.error} onRetry={() => void history.refetch()} busy={history.isFetching} testId="system-charts-error" />;
  }
  return (
    <section aria-labelledby="system-metrics-title" className="grid gap-4">
      <h2 id="system-metrics-title" className="sr-only">
        Host metrics
      </h2>
      {points.length === 0 ? (
        <p className="text-sm text-muted-foreground" role="status" data-testid="system-charts-waiting">
          Waiting for the first sample from the collector…
        </p>
      ) : null}
      <div className="grid gap-4 md:grid-cols-2" data-testid="system-charts">
        <MetricChart
          id="cpu"
          title="CPU"
          value={latest ? formatPercent(latest.cpu.usage) : "–"}
          description={latest ? `${latest.cpu.cores} core${latest.cpu.cores === 1 ? "" : "s"}${latest.cpu.frequency > 0 ? ` at ${latest.cpu.frequency.toFixed(2)} GHz` : ""}` : "Usage over all cores"}
          points={points}
          series={CPU}
          format={percent}
          percent
        />
        <MetricChart
          id="memory"
          title="Memory"
          value={latest ? formatPercent(latest.memory.usage) : "–"}
          description={latest ? `${formatBytes(latest.memory.used)} of ${formatBytes(latest.memory.total)} used` : "Used of total"}
          points={points}
          series={MEMORY}
          format={percent}
          percent
        />
        <MetricChart
          id="disk"
          title="Disk"
          value={latest ? formatPercent(latest.disk.usage) : "–"}
          description={latest ? `${formatBytes(latest.disk.free)} free of ${formatBytes(latest.disk.total)} (the data folder's volume)` : "The data folder's volume"}
          points={points}
          series={DISK}
          format={percent}
          percent
        />
        <MetricChart
          id="network"
          title="Network"
          value={latest ? formatRate(latest.network.rxSpeed + latest.network.txSpeed) : "–"}
          description={latest ? `${formatRate(latest.network.rxSpeed)} in, ${formatRate(latest.network.txSpeed)} out` : "Received and sent, all interfaces"}
          points={points}
          series={NETWORK}
          format={rate}
        />
      </div>
    </section>
  );
}

function SectionCard({ title, description, children, testId }: { title: string; description: string; children: React.ReactNode; testId: string }) {
  const id = `${testId}-title`;
  return (
    <Card className="gap-4" role="region" aria-labelledby={id} data-testid={testId}>
      <CardHeader>
        <h2 id={id} data-slot="card-title" className="font-semibold leading-none">
          {title}
        </h2>
        <CardDescription>{description}</CardDescription>
      </CardHeader>
      <CardContent>{children}</CardContent>
    </Card>
  );
}

function ListSkeleton({ label }: { label: string }) {
  return (
    <div className="grid gap-2" aria-busy="true">
      <span className="sr-only" role="status">
        {label}
      </span>
      <Skeleton className="h-10 w-full" />
      <Skeleton className="h-10 w-full" />
      <Skeleton className="h-10 w-full" />
    </div>
  );
}

function ModulesSection() {
  const modules = useSystemModules();
  let body: React.ReactNode;
  if (modules.isPending) body = <ListSkeleton label="Loading modules…" />;
  else if (modules.isError && !modules.data) body = <QueryErrorAlert title="Could not load modules" error={modules.error} onRetry={() => void modules.refetch()} busy={modules.isFetching} testId="system-modules-error" />;
  else if (modules.data.length === 0) body = <p className="text-sm text-muted-foreground" data-testid="system-modules-empty">The first health check runs a few seconds after start.</p>;
  else body = <ModulesPanel modules={modules.data} />;
  return (
    <SectionCard title="Modules" description="Switchboard's own modules, checked every few seconds." testId="system-modules-card">
      {body}
    </SectionCard>
  );
}

function AlertsSection() {
  const alerts = useSystemAlerts();
  let body: React.ReactNode;
  if (alerts.isPending) body = <ListSkeleton label="Loading alerts…" />;
  else if (alerts.isError && !alerts.data) body = <QueryErrorAlert title="Could not load alerts" error={alerts.error} onRetry={() => void alerts.refetch()} busy={alerts.isFetching} testId="system-alerts-error" />;
  else if (alerts.data.length === 0)
    body = <EmptyState icon={BellOff} title="No alerts" description="A resource alert appears when CPU, memory or disk passes its threshold." data-testid="system-alerts-empty" />;
  else body = <AlertsPanel alerts={alerts.data} />;
  return (
    <SectionCard title="Alerts" description="Resource and system alerts since the server started, newest first." testId="system-alerts-card">
      {body}
    </SectionCard>
  );
}

function ProcessesSection() {
  const processes = useSystemProcesses();
  let body: React.ReactNode;
  if (processes.isPending) body = <ListSkeleton label="Loading processes…" />;
  else if (processes.isError && !processes.data) body = <QueryErrorAlert title="Could not load processes" error={processes.error} onRetry={() => void processes.refetch()} busy={processes.isFetching} testId="system-processes-error" />;
  else if (processes.data.length === 0) body = <EmptyState icon={Cpu} title="No processes yet" description="The collector lists the busiest processes every few seconds." data-testid="system-processes-empty" />;
  else body = <ProcessesTable processes={processes.data} />;
  return (
    <SectionCard title="Processes" description="The busiest processes on the host by CPU, refreshed every few seconds." testId="system-processes-card">
      {body}
    </SectionCard>
  );
}

function InterfacesSection() {
  const interfaces = useSystemInterfaces();
  let body: React.ReactNode;
  if (interfaces.isPending) body = <ListSkeleton label="Loading interfaces…" />;
  else if (interfaces.isError && !interfaces.data) body = <QueryErrorAlert title="Could not load interfaces" error={interfaces.error} onRetry={() => void interfaces.refetch()} busy={interfaces.isFetching} testId="system-interfaces-error" />;
  else if (interfaces.data.length === 0) body = <EmptyState icon={Network} title="No interfaces yet" description="The collector lists the network interfaces every few seconds." data-testid="system-interfaces-empty" />;
  else body = <InterfacesTable interfaces={interfaces.data} />;
  return (
    <SectionCard title="Network interfaces" description="Bytes received and sent by each interface since the host started." testId="system-interfaces-card">
      {body}
    </SectionCard>
  );
}
