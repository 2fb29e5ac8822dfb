// InsightTypeBadge: an insight's type (trend, anomaly, performance, recommendation) as a coloured badge with an icon.
import type { LucideIcon } from "lucide-react";
import { Gauge, Lightbulb, TrendingUp, TriangleAlert } from "lucide-react";

import type { InsightType } from "@/lib/protocol/entities/insights";
import { cn } from "@/lib/utils";
import { INSIGHT_TYPE_LABELS } from "./insight-format";

const STYLES: Record<InsightType, { icon: LucideIcon; className: string }> = {
  trend: { icon: TrendingUp, className: "border-sky-600/30 bg-sky-500/10 text-sky-700 dark:border-sky-400/30 dark:text-sky-300" },
  anomaly: { icon: TriangleAlert, className: "border-warning/30 bg-warning/10 text-warning" },
  performance: { icon: Gauge, className: "border-success/30 bg-success/10 text-success" },
  recommendation: {
    icon: Lightbulb,
    className: "border-violet-600/30 bg-violet-500/10 text-violet-700 dark:border-violet-400/30 dark:text-violet-300",
  },
};

export function InsightTypeBadge({ type, className }: { type: InsightType; className?: string }) {
  const { icon: Icon, className: tone } = STYLES[type] ?? STYLES.trend;
  return (
    <span className={cn("inline-flex w-fit shrink-0 items-center gap-1 rounded-md border px-2 py-0.5 text-xs font-medium", tone, className)}>
      <Icon className="size-3" aria-hidden="true" />
      {INSIGHT_TYPE_LABELS[type] ?? type}
    </span>
  );
}
