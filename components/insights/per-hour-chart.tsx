"use client";
// PerHourChart: jobs completed and failed per hour over the last 24 hours (stacked bars), live from the patched overview.
import * as React from "react";
import { Bar, BarChart, CartesianGrid, ResponsiveContainer, Tooltip, XAxis, YAxis } from "recharts";

import type { InsightsOverview } from "@/lib/api/insights";
import { cn, formatNumber } from "@/lib/utils";
import { ChartTooltip } from "./chart-tooltip";
import { hourLabel, hourPoints } from "./insight-format";

const SERIES = [
  { key: "completed", label: "Completed", color: "var(--success)", swatch: "bg-success", format: (v: number | null) => formatNumber(v ?? 0) },
  { key: "failed", label: "Failed", color: "var(--destructive)", swatch: "bg-destructive", format: (v: number | null) => formatNumber(v ?? 0) },
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
    <figure className="grid gap-4" data-testid="per-hour-chart">
      <figcaption className="flex flex-wrap items-center gap-x-5 gap-y-1 text-sm">
        <span className="sr-only">{summary}</span>
        {totals.map((s) => (
          <span key={s.key} className="flex items-center gap-2" aria-hidden="true">
            <span className={cn("size-2.5 rounded-sm", s.swatch)} />
            <span className="text-muted-foreground">{s.label}</span>
            <span className="font-medium tabular-nums">{formatNumber(s.total)}</span>
          </span>
        ))}
      </figcaption>
      <div className="h-56 w-full" aria-hidden="true">
        <ResponsiveContainer width="100%" height="100%">
          <BarChart data={data} margin={{ top: 4, right: 4, bottom: 0, left: -24 }} barCategoryGap="20%" accessibilityLayer={false}>
            <CartesianGrid vertical={false} stroke="var(--border)" />
            <XAxis
              dataKey="t"
              type="category"
              ticks={ticks}
              tickFormatter={(t: number) => hourLabel(t)}
              tick={{ fill: "var(--muted-foreground)", fontSize: 11 }}
              tickLine={false}
              axisLine={false}
            />
            <YAxis allowDecimals={false} tick={{ fill: "var(--muted-foreground)", fontSize: 11 }} tickLine={false} axisLine={false} width={48} />
            <Tooltip
              content={(props) => <ChartTooltip active={props.active} payload={props.payload} heading={hourLabel(Number(props.label))} series={SERIES} />}
              cursor={{ fill: "var(--accent)", opacity: 0.6 }}
              isAnimationActive={false}
            />
            {SERIES.map((s) => (
              <Bar
                key={s.key}
                dataKey={s.key}
                name={s.label}
                stackId="finished"
                fill={s.color}
                fillOpacity={0.9}
                radius={s.key === "failed" ? [2, 2, 0, 0] : 0}
                isAnimationActive={false}
                maxBarSize={22}
              />
            ))}
          </BarChart>
        </ResponsiveContainer>
      </div>
    </figure>
  );
}
