"use client";
// JobsPerMinuteChart: jobs created, completed and failed per minute over the last hour (recharts), from the live JobStats.
import * as React from "react";
import { Bar, BarChart, CartesianGrid, Tooltip, XAxis, YAxis } from "recharts";

import { AXIS_PROPS, ChartFrame, ChartTooltip, GRID_PROPS, seriesBar, TOOLTIP_CURSOR } from "@/components/ui/chart-frame";
import type { JobStats } from "@/lib/api/jobs";
import { formatNumber } from "@/lib/utils";

// Per minute: a grey bar of jobs created beside a stacked bar of jobs finished (completed, failed).
const SERIES = [
  { key: "created", label: "Created", color: "var(--muted-foreground)", swatch: "bg-muted-foreground", stack: "created" },
  { key: "completed", label: "Completed", color: "var(--success)", swatch: "bg-success", stack: "finished" },
  { key: "failed", label: "Failed", color: "var(--destructive)", swatch: "bg-destructive", stack: "finished" },
] as const;

type Point = { t: number; created: number; completed: number; failed: number };

/** "09:05": short enough for a tick every ten minutes on a phone. */
const timeFormat = {
  format(t: number): string {
    const d = new Date(t);
    return `${String(d.getHours()).padStart(2, "0")}:${String(d.getMinutes()).padStart(2, "0")}`;
  },
};

export function JobsPerMinuteChart({ stats }: { stats: JobStats }) {
  const data = React.useMemo<Point[]>(
    () => stats.per_minute.map((b) => ({ t: Date.parse(b.minute), created: b.created, completed: b.completed, failed: b.failed })),
    [stats.per_minute],
  );
  const totals = SERIES.map((s) => ({ ...s, total: data.reduce((n, p) => n + p[s.key], 0) }));
  const summary = `Over the last hour: ${totals.map((t) => `${formatNumber(t.total)} ${t.label.toLowerCase()}`).join(", ")}.`;
  const ticks = data.filter((p) => new Date(p.t).getMinutes() % 10 === 0).map((p) => p.t);

  return (
    <ChartFrame testId="jobs-per-minute-chart" summary={summary} legend={totals} height="h-56">
      <BarChart data={data} margin={{ top: 4, right: 4, bottom: 0, left: -24 }} barGap={1} barCategoryGap="18%" accessibilityLayer={false}>
        <CartesianGrid vertical={false} {...GRID_PROPS} />
        <XAxis
          dataKey="t"
          type="category"
          ticks={ticks}
          interval="preserveStartEnd"
          minTickGap={12}
          tickFormatter={(t: number) => timeFormat.format(t)}
          {...AXIS_PROPS}
        />
        <YAxis allowDecimals={false} {...AXIS_PROPS} width={48} />
        <Tooltip content={<ChartTooltip series={SERIES} heading={(t) => timeFormat.format(Number(t))} />} cursor={TOOLTIP_CURSOR} isAnimationActive={false} />
        {SERIES.map((s) => (
          <Bar
            key={s.key}
            {...seriesBar(s)}
            stackId={s.stack}
            fillOpacity={s.key === "created" ? 0.45 : 0.9}
            radius={s.key === "completed" ? 0 : [2, 2, 0, 0]}
            maxBarSize={10}
          />
        ))}
      </BarChart>
    </ChartFrame>
  );
}
