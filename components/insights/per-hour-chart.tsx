"use client";
// PerHourChart: jobs completed and failed per hour over the last 24 hours (stacked bars), live from the patched overview.
import * as React from "react";
import { Bar, BarChart, CartesianGrid, Tooltip, XAxis, YAxis } from "recharts";

import { AXIS_PROPS, ChartFrame, ChartTooltip, GRID_PROPS, seriesBar, TOOLTIP_CURSOR } from "@/components/ui/chart-frame";
import type { InsightsOverview } from "@/lib/api/insights";
import { formatNumber } from "@/lib/utils";
import { hourLabel, hourPoints } from "./insight-format";

const SERIES = [
  { key: "completed", label: "Completed", color: "var(--success)", swatch: "bg-success" },
  { key: "failed", label: "Failed", color: "var(--destructive)", swatch: "bg-destructive" },
] as const;

export function PerHourChart({ overview }: { overview: Pick<InsightsOverview, "per_hour"> }) {
  const data = React.useMemo(() => hourPoints(overview), [overview]);
  const totals = SERIES.map((s) => ({ ...s, total: data.reduce((n, p) => n + p[s.key], 0) }));
  const busiest = data.reduce<(typeof data)[number] | null>((best, p) => (p.completed + p.failed > (best ? best.completed + best.failed : 0) ? p : best), null);
  const summary =
    `Over the last 24 hours: ${totals.map((t) => `${formatNumber(t.total)} ${t.label.toLowerCase()}`).join(", ")}.` +
    (busiest ? ` Busiest hour: ${hourLabel(busiest.t)} with ${formatNumber(busiest.completed + busiest.failed)} jobs.` : "");
  const ticks = data.filter((_, i) => (data.length - 1 - i) % 4 === 0).map((p) => p.t);

  return (
    <ChartFrame testId="per-hour-chart" summary={summary} legend={totals} height="h-56">
      <BarChart data={data} margin={{ top: 4, right: 4, bottom: 0, left: -24 }} barCategoryGap="20%" accessibilityLayer={false}>
        <CartesianGrid vertical={false} {...GRID_PROPS} />
        <XAxis dataKey="t" type="category" ticks={ticks} tickFormatter={(t: number) => hourLabel(t)} {...AXIS_PROPS} />
        <YAxis allowDecimals={false} {...AXIS_PROPS} width={48} />
        <Tooltip content={<ChartTooltip series={SERIES} heading={(t) => hourLabel(Number(t))} />} cursor={TOOLTIP_CURSOR} isAnimationActive={false} />
        {SERIES.map((s) => (
          <Bar key={s.key} {...seriesBar(s)} stackId="finished" fillOpacity={0.9} radius={s.key === "failed" ? [2, 2, 0, 0] : 0} maxBarSize={22} />
        ))}
      </BarChart>
    </ChartFrame>
  );
}
