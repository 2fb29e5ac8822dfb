"use client";
// AlertsPanel: recent resource and system alerts, newest first, live from pushes on `system:alerts`.
import type { SystemAlertEntry } from "@/lib/api/system";
import { Badge } from "@/components/ui/badge";
import { useNow } from "@/components/shell/use-now";
import { formatRelativeTime } from "@/lib/utils";
import { describeAlert } from "./system-format";

export function AlertsPanel({ alerts }: { alerts: readonly SystemAlertEntry[] }) {
  const now = useNow(5_000);
  return (
    <ol className="grid gap-2" aria-label="System alerts" data-testid="system-alerts">
      {alerts.map((entry) => {
        const a = describeAlert(entry);
        return (
          <li key={entry.id} className="grid gap-1 rounded-lg border px-3 py-2" data-testid="system-alert">
            <div className="flex items-center justify-between gap-3">
              <span className="flex items-center gap-2 text-sm font-medium">
                <Badge variant={a.tone}>{entry.type === "resource_alert" ? "Resource" : "System"}</Badge>
                {a.title}
              </span>
              <time className="shrink-0 text-xs text-muted-foreground" dateTime={entry.ts} title={new Date(entry.ts).toLocaleString()}>
                {formatRelativeTime(entry.ts, now)}
              </time>
            </div>
            <p className="text-xs text-muted-foreground">{a.message}</p>
            {a.details.length > 0 ? (
              <ul className="list-disc pl-5 text-xs text-muted-foreground">
                {a.details.map((d) => (
                  <li key={d}>{d}</li>
                ))}
              </ul>
            ) : null}
          </li>
        );
      })}
    </ol>
  );
}
