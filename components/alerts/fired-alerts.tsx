"use client";
// FiredAlerts: the live feed of fired temporal alerts, newest first: firing or cleared, and what matched.
import { BellRing } from "lucide-react";

import { Badge } from "@/components/ui/badge";
import { EmptyState } from "@/components/ui/empty-state";
import { QueryErrorAlert } from "@/components/ui/query-error";
import { Skeleton } from "@/components/ui/skeleton";
import { OP_SYMBOLS, type AlertFiring } from "@/lib/api/alerts";
import type { AlertOp } from "@/lib/protocol/entities/alerts";
import { useFiredAlerts } from "@/lib/query/hooks/use-alerts";

interface Matched {
  topic?: string;
  field?: string;
  op?: AlertOp;
  threshold?: number;
  value?: number;
  since?: string;
}

function matchedOf(firing: AlertFiring): Matched {
  try {
    return JSON.parse(firing.payload_json) as Matched;
  } catch {
    return {};
  }
}

const time = (iso: string) => new Date(iso).toLocaleTimeString();

export function FiredAlerts() {
  const fired = useFiredAlerts();
  if (fired.isPending) {
    return (
      <div className="grid gap-2" aria-busy="true">
        <span className="sr-only" role="status">
          Loading fired alerts…
        </span>
        <Skeleton className="h-14" />
        <Skeleton className="h-14" />
      </div>
    );
  }
  if (fired.isError && !fired.data) {
    return <QueryErrorAlert title="Could not load fired alerts" error={fired.error} onRetry={() => void fired.refetch()} busy={fired.isFetching} testId="fired-alerts-error" />;
  }
  const items = fired.data ?? [];
  if (items.length === 0) {
    return <EmptyState icon={BellRing} title="Nothing has fired" description="When a rule's condition holds for its whole window, the alert shows here and in the bell." data-testid="fired-alerts-empty" />;
  }
  return (
    <ol className="grid gap-2" aria-label="Fired alerts" data-testid="fired-alerts">
      {items.map((f) => {
        const m = matchedOf(f);
        const open = f.cleared_at === null;
        return (
          <li key={f.id} className="grid gap-1 rounded-lg border p-3 text-sm" data-testid="fired-alert" data-state={open ? "firing" : "cleared"}>
            <div className="flex flex-wrap items-center gap-2">
              <span className="font-medium">{f.rule_name}</span>
              <Badge variant={open ? (f.severity === "info" ? "secondary" : f.severity === "warning" ? "warning" : "destructive") : "outline"}>{open ? "firing" : "cleared"}</Badge>
              <Badge variant="outline">{f.severity}</Badge>
              <span className="ml-auto text-xs text-muted-foreground">
                <time dateTime={f.fired_at}>fired {time(f.fired_at)}</time>
                {f.cleared_at ? (
                  <>
                    {" · "}
                    <time dateTime={f.cleared_at}>cleared {time(f.cleared_at)}</time>
                  </>
                ) : null}
              </span>
            </div>
            <p className="font-mono text-xs text-muted-foreground">
              {m.topic ?? f.rule_topic} {m.field} = {m.value ?? "?"} ({m.op ? OP_SYMBOLS[m.op] : ""} {m.threshold}){m.since ? ` since ${time(m.since)}` : ""}
            </p>
          </li>
        );
      })}
    </ol>
  );
}
