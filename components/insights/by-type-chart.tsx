"use client";
// ByTypeChart: finished jobs by document type over the last 24 hours (horizontal stacked bars: completed, failed).
import { Bar, BarChart, CartesianGrid, Tooltip, XAxis, YAxis } from "recharts";

import { jobTypeLabel } from "@/components/jobs/job-format";
import { AXIS_PROPS, AXIS_TICK, ChartFrame, ChartTooltip, GRID_PROPS, seriesBar, TOOLTIP_CURSOR } from "@/components/ui/chart-frame";
import type { InsightsOverview } from "@/lib/api/insights";
import { formatNumber } from "@/lib/utils";

const SERIES = [
  { key: "completed", label: "Completed", color: "var(--success)", swatch: "bg-success" },
  { key: "failed", label: "Failed", color: "var(--destructive)", swatch: "bg-destructive" },
] as const;

export function ByTypeChart({ overview }: { overview: Pick<InsightsOverview, "by_type"> }) {
  const rows = overview.by_type.slice(0, 8).map((r) => ({ ...r, label: jobTypeLabel(r.type) }));
  if (rows.length === 0) {
    return <p className="py-10 text-center text-sm text-muted-foreground">No jobs finished in the last 24 hours.</p>;
  }
  const summary = `Finished jobs by type over the last 24 hours: ${rows
    .map((r) => `${r.label} ${formatNumber(r.completed)} completed, ${formatNumber(r.failed)} failed`)
    .join("; ")}.`;
  return (
    <ChartFrame testId="by-type-chart" summary={summary} legend={SERIES} height={Math.max(96, rows.length * 34 + 24)}>
      <BarChart data={rows} layout="vertical" margin={{ top: 0, right: 8, bottom: 0, left: 0 }} barCategoryGap="25%" accessibilityLayer={false}>
        <CartesianGrid horizontal={false} {...GRID_PROPS} />
        <XAxis type="number" allowDecimals={false} {...AXIS_PROPS} />
        <YAxis type="category" dataKey="label" width={84} {...AXIS_PROPS} tick={{ ...AXIS_TICK, fontSize: 12 }} />
        <Tooltip content={<ChartTooltip series={SERIES} />} cursor={TOOLTIP_CURSOR} isAnimationActive={false} />
        {SERIES.map((s) => (
          <Bar key={s.key} {...seriesBar(s)} stackId="finished" fillOpacity={0.9} radius={s.key === "failed" ? [0, 2, 2, 0] : 0} maxBarSize={18} />
        ))}
      </BarChart>
    </ChartFrame>
  );
}
