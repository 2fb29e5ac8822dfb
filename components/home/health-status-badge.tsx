"use client";
// HealthStatusBadge: the instance's overall status from /api/health ("All systems OK" / "Degraded") and its age.
import { Badge } from "@/components/ui/badge";
import { useNow } from "@/components/shell/use-now";
import { formatRelativeTime } from "@/lib/utils";
import { useHealth } from "./use-health";

export function HealthStatusBadge() {
  const health = useHealth();
  const data = health.data;
  const now = useNow(5000, data !== undefined);
  // Shown whenever a report exists, even a stale one (its age says how stale).
  if (!data) return null;
  const ok = data.status === "ok";
  return (
    <div className="flex items-center gap-3 text-xs text-muted-foreground" data-testid="health-status">
      <span>Checked {formatRelativeTime(health.dataUpdatedAt, Math.max(now, health.dataUpdatedAt))}</span>
      <Badge variant={ok ? "success" : "warning"}>{ok ? "All systems OK" : "Degraded"}</Badge>
    </div>
  );
}
