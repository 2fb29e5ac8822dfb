// KpiCards: the five headline numbers (processed, average time, success rate, active agents, knowledge items), each with its last change.
import type { LucideIcon } from "lucide-react";
import { ArrowDownRight, ArrowUpRight, BookOpen, Bot, CircleCheck, Files, Timer } from "lucide-react";

import { Skeleton } from "@/components/ui/skeleton";
import type { DashboardMetricsUpdate } from "@/lib/protocol/entities/insights";
import { cn } from "@/lib/utils";
import { KPIS, kpiChange, type KpiKey } from "./insight-format";

const ICONS: Record<KpiKey, LucideIcon> = {
  total_processed: Files,
  processing_time: Timer,
  success_rate: CircleCheck,
  active_agents: Bot,
  knowledge_items: BookOpen,
};

const TONES = { good: "text-success", bad: "text-destructive", neutral: "text-muted-foreground" } as const;

export function KpiCards({ metrics }: { metrics: DashboardMetricsUpdate }) {
  return (
    <ul className="grid grid-cols-2 gap-3 md:grid-cols-3 xl:grid-cols-5" data-testid="kpi-cards">
      {KPIS.map((spec) => {
        const Icon = ICONS[spec.key];
        const change = kpiChange(spec, metrics.changes);
        const Arrow = change?.direction === "up" ? ArrowUpRight : ArrowDownRight;
        return (
          <li key={spec.key} className="grid content-start gap-2 rounded-xl border bg-card p-4 shadow-xs" data-testid={`kpi-${spec.key}`}>
            <span className="flex items-start gap-2 text-sm font-medium text-muted-foreground">
              <Icon className="mt-0.5 size-4 shrink-0" aria-hidden="true" />
              {spec.label}
            </span>
            <span className="text-2xl font-semibold tracking-tight tabular-nums">{spec.format(metrics[spec.key])}</span>
            <span className="text-xs text-muted-foreground">
              {change ? (
                <>
                  <span className={cn("inline-flex items-center gap-0.5 whitespace-nowrap font-medium tabular-nums", TONES[change.tone])}>
                    <Arrow className="size-3.5 shrink-0" aria-hidden="true" />
                    {change.text}
                  </span>{" "}
                  since last update
                </>
              ) : (
                "No change since last update"
              )}
            </span>
          </li>
        );
      })}
    </ul>
  );
}

export function KpiCardsSkeleton() {
  return (
    <div className="grid grid-cols-2 gap-3 md:grid-cols-3 xl:grid-cols-5" aria-hidden="true">
      {KPIS.map((k) => (
        <div key={k.key} className="grid gap-3 rounded-xl border bg-card p-4">
          <Skeleton className="h-4 w-28" />
          <Skeleton className="h-7 w-16" />
          <Skeleton className="h-3 w-32" />
        </div>
      ))}
    </div>
  );
}
