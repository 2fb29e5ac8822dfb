"use client";
// Overview: the home page body: system health from /api/health and this tab's live connection.
import { RefreshCw } from "lucide-react";
import { PageHeader } from "@/components/shell/page-header";
import { Button } from "@/components/ui/button";
import { HealthCards } from "./health-cards";
import { HealthStatusBadge } from "./health-status-badge";
import { LiveConnectionCard } from "./live-connection-card";
import { useHealth } from "./use-health";

export function Overview() {
  const health = useHealth();
  return (
    <div className="grid gap-8">
      <PageHeader
        title="Overview"
        description="Health of this Switchboard instance and of your live connection."
        actions={
          <div className="flex items-center gap-2">
            <HealthStatusBadge />
            <Button variant="outline" size="sm" onClick={() => void health.refetch()} disabled={health.isFetching} aria-label="Refresh health">
              <RefreshCw className={health.isFetching ? "animate-spin" : undefined} aria-hidden="true" />
              Refresh
            </Button>
          </div>
        }
      />
      <section aria-labelledby="system-health-heading" className="grid gap-4">
        <h2 id="system-health-heading" className="text-base font-semibold">
          System health
        </h2>
        <HealthCards />
      </section>
      <section aria-labelledby="connection-heading" className="grid gap-4">
        <h2 id="connection-heading" className="text-base font-semibold">
          Realtime
        </h2>
        <LiveConnectionCard />
      </section>
    </div>
  );
}
