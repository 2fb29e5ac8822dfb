"use client";
// ByTypeChart: finished jobs by document type over the last 24 hours (horizontal stacked bars: completed, failed).
import { Bar, BarChart, CartesianGrid, ResponsiveContainer, Tooltip, XAxis, YAxis } from "recharts";

import { jobTypeLabel } from "@/components/jobs/job-format";
import type { InsightsOverview } from "@/lib/api/insights";
import { cn, formatNumber } from "@/lib/utils";
import { ChartTooltip } from "./chart-tooltip";

const SERIES = [
  { key: "completed", label: "Completed", color: "var(--success)", swatch: "bg-success", format: (v: number | null) => formatNumber(v ?? 0) },
  { key: "failed", label: "Failed", color: "var(--destructive)", swatch: "bg-destructive", format: (v: number | null) => formatNumber(v ?? 0) },
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
    <figure className="grid gap-4" data-testid="by-type-chart">
      <figcaption className="flex flex-wrap items-center gap-x-5 gap-y-1 text-sm">
        <span className="sr-only">{summary}</span>
        {SERIES.map((s) => (
          <span key={s.key} className="flex items-center gap-2" aria-hidden="true">
            <span className={cn("size-2.5 rounded-sm", s.swatch)} />
            <span className="text-muted-foreground">{s.label}</span>
          </span>
        ))}
      </figcaption>
      <div className="w-full" style={{ height: Math.max(96, rows.length * 34 + 24) }} aria-hidden="true">
        <ResponsiveContainer width="100%" height="100%">
          <BarChart data={rows} layout="vertical" margin={{ top: 0, right: 8, bottom: 0, left: 0 }} barCategoryGap="25%" accessibilityLayer={false}>
            <CartesianGrid horizontal={false} stroke="var(--border)" />
            <XAxis type="number" allowDecimals={false} tick={{ fill: "var(--muted-foreground)", fontSize: 11 }} tickLine={false} axisLine={false} />
            <YAxis
              type="category"
              dataKey="label"
              width={84}
              tick={{ fill: "var(--muted-foreground)", fontSize: 12 }}
              tickLine={false}
              axisLine={false}
            />
            <Tooltip
              content={(props) => <ChartTooltip active={props.active} payload={props.payload} heading={String(props.label ?? "")} series={SERIES} />}
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
                radius={s.key === "failed" ? [0, 2, 2, 0] : 0}
                isAnimationActive={false}
                maxBarSize={18}
              />
            ))}
          </BarChart>
        </ResponsiveContainer>
      </div>
    </figure>
  );
}
