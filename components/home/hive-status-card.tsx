"use client";
// HiveStatusCard: the agent hive at a glance on the overview: status, agents, pending tasks, completed today, load and
// alerts, live on the `system` topic (a push every 10 s).
import Link from "next/link";
import type { LucideIcon } from "lucide-react";
import { ArrowRight, CircleAlert, CircleCheck, Info, Network, OctagonAlert, TriangleAlert } from "lucide-react";

import { Badge } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import { Card, CardAction, CardContent, CardDescription, CardHeader, CardTitle } from "@/components/ui/card";
import { RetryButton, describeError } from "@/components/ui/query-error";
import { Skeleton } from "@/components/ui/skeleton";
import type { Severity } from "@/lib/protocol/entities/common";
import type { HiveStatus, HiveStatusUpdate } from "@/lib/protocol/entities/system";
import { useHiveStatus } from "@/lib/query/hooks/use-hive-status";
import { cn, formatNumber } from "@/lib/utils";

const STATUS: Record<HiveStatus, { label: string; variant: "success" | "warning" | "destructive"; icon: LucideIcon }> = {
  healthy: { label: "Healthy", variant: "success", icon: CircleCheck },
  degraded: { label: "Degraded", variant: "warning", icon: TriangleAlert },
  critical: { label: "Critical", variant: "destructive", icon: OctagonAlert },
};

const ALERT_STYLES: Record<Severity, { icon: LucideIcon; className: string; label: string }> = {
  info: { icon: Info, className: "text-muted-foreground", label: "Info" },
  warning: { icon: TriangleAlert, className: "text-warning", label: "Warning" },
  error: { icon: CircleAlert, className: "text-destructive", label: "Error" },
  critical: { icon: OctagonAlert, className: "text-destructive", label: "Critical" },
};

export function HiveStatusCard() {
  const hive = useHiveStatus();
  const data = hive.data;
  const status = data ? (STATUS[data.status] ?? STATUS.degraded) : null;

  return (
    <Card className="gap-4" data-testid="hive-status">
      <CardHeader>
        <CardTitle className="flex items-center gap-2 text-sm font-medium text-muted-foreground">
          <Network className="size-4" aria-hidden="true" />
          Agent hive
        </CardTitle>
        <CardDescription>Agents, their work and the load on them, live.</CardDescription>
        <CardAction className="flex items-center gap-2">
          {status ? (
            <Badge variant={status.variant} data-testid="hive-status-badge">
              <status.icon aria-hidden="true" />
              {status.label}
            </Badge>
          ) : null}
        </CardAction>
      </CardHeader>
      <CardContent>
        {data ? (
          <HiveBody hive={data} />
        ) : hive.isPending ? (
          <div aria-busy="true" className="grid gap-4">
            <span className="sr-only" role="status">
              Loading the hive status…
            </span>
            <div className="grid grid-cols-2 gap-4 sm:grid-cols-5" aria-hidden="true">
              {Array.from({ length: 5 }, (_, i) => (
                <div key={i} className="grid gap-2">
                  <Skeleton className="h-3.5 w-20" />
                  <Skeleton className="h-6 w-12" />
                </div>
              ))}
            </div>
          </div>
        ) : (
          <div className="grid justify-items-start gap-2 text-sm" role="alert" data-testid="hive-status-error">
            <p>Could not load the hive status: {describeError(hive.error)}</p>
            <RetryButton onRetry={() => void hive.refetch()} busy={hive.isFetching} />
          </div>
        )}
      </CardContent>
    </Card>
  );
}

function HiveBody({ hive }: { hive: HiveStatusUpdate }) {
  const m = hive.metrics;
  const loadPct = Math.round(m.system_load * 100);
  const loadTone = m.system_load >= 0.9 ? "bg-destructive" : m.system_load >= 0.7 ? "bg-warning" : "bg-success";
  return (
    <div className="grid gap-4">
      <dl className="grid grid-cols-2 gap-x-4 gap-y-4 sm:grid-cols-5">
        <Stat label="Agents" value={formatNumber(m.total_agents)} />
        <Stat label="Active" value={formatNumber(m.active_agents)} hint={m.total_agents > 0 ? `of ${formatNumber(m.total_agents)}` : undefined} />
        <Stat label="Pending tasks" value={formatNumber(m.pending_tasks)} />
        <Stat label="Completed today" value={formatNumber(m.completed_tasks_today)} />
        <div className="grid content-start gap-1">
          <dt className="text-xs text-muted-foreground">System load</dt>
          <dd className="grid gap-1.5">
            <span className="text-xl font-semibold tracking-tight tabular-nums">{loadPct}%</span>
            <span
              role="meter"
              aria-label="System load"
              aria-valuemin={0}
              aria-valuemax={100}
              aria-valuenow={Math.min(loadPct, 100)}
              aria-valuetext={`${loadPct}%${m.system_load > 1 ? ", overloaded" : ""}`}
              className="relative h-1.5 w-full max-w-28 overflow-hidden rounded-full bg-muted"
            >
              <span className={cn("absolute inset-y-0 left-0 rounded-full", loadTone)} style={{ width: `${Math.min(loadPct, 100)}%` }} />
            </span>
          </dd>
        </div>
      </dl>
      {hive.alerts.length > 0 ? (
        <ul className="grid gap-1.5 border-t pt-3" aria-label="Hive alerts" data-testid="hive-alerts">
          {hive.alerts.slice(0, 5).map((alert, i) => {
            const style = ALERT_STYLES[alert.level] ?? ALERT_STYLES.info;
            return (
              <li key={`${alert.level}:${alert.message}:${i}`} className="flex items-start gap-2 text-sm">
                <style.icon className={cn("mt-0.5 size-4 shrink-0", style.className)} aria-hidden="true" />
                <span>
                  <span className="sr-only">{style.label}: </span>
                  {alert.message}
                </span>
              </li>
            );
          })}
          {hive.alerts.length > 5 ? <li className="text-xs text-muted-foreground">and {hive.alerts.length - 5} more</li> : null}
        </ul>
      ) : (
        <p className="border-t pt-3 text-sm text-muted-foreground">No alerts.</p>
      )}
      <Button asChild variant="ghost" size="sm" className="-ml-2.5 w-fit text-muted-foreground">
        <Link href="/agents">
          Agents
          <ArrowRight aria-hidden="true" />
        </Link>
      </Button>
    </div>
  );
}

function Stat({ label, value, hint }: { label: string; value: string; hint?: string }) {
  return (
    <div className="grid content-start gap-1">
      <dt className="text-xs text-muted-foreground">{label}</dt>
      <dd className="flex items-baseline gap-1.5">
        <span className="text-xl font-semibold tracking-tight tabular-nums">{value}</span>
        {hint ? <span className="text-xs text-muted-foreground">{hint}</span> : null}
      </dd>
    </div>
  );
}
