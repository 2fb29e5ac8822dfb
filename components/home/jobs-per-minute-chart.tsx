"use client";
// JobsPerMinuteChart: jobs created, completed and failed per minute over the last hour (recharts), from the live JobStats.
import * as React from "react";
import { Bar, BarChart, CartesianGrid, ResponsiveContainer, Tooltip, XAxis, YAxis, type TooltipContentProps } from "recharts";

import type { JobStats } from "@/lib/api/jobs";
import { cn, formatNumber } from "@/lib/utils";

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
    <figure className="grid gap-4" data-testid="jobs-per-minute-chart">
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
          <BarChart data={data} margin={{ top: 4, right: 4, bottom: 0, left: -24 }} barGap={1} barCategoryGap="18%" accessibilityLayer={false}>
            <CartesianGrid vertical={false} stroke="var(--border)" />
            <XAxis
              dataKey="t"
              type="category"
              ticks={ticks}
              interval="preserveStartEnd"
              minTickGap={12}
              tickFormatter={(t: number) => timeFormat.format(t)}
              tick={{ fill: "var(--muted-foreground)", fontSize: 11 }}
              tickLine={false}
              axisLine={false}
            />
            <YAxis
              allowDecimals={false}
              tick={{ fill: "var(--muted-foreground)", fontSize: 11 }}
              tickLine={false}
              axisLine={false}
              width={48}
            />
            <Tooltip content={(props) => <ChartTooltip {...props} />} cursor={{ fill: "var(--accent)", opacity: 0.6 }} isAnimationActive={false} />
            {SERIES.map((s) => (
              <Bar
                key={s.key}
                dataKey={s.key}
                name={s.label}
                stackId={s.stack}
                fill={s.color}
                fillOpacity={s.key === "created" ? 0.45 : 0.9}
                radius={s.key === "completed" ? 0 : [2, 2, 0, 0]}
                isAnimationActive={false}
                maxBarSize={10}
              />
            ))}
          </BarChart>
        </ResponsiveContainer>
      </div>
    </figure>
  );
}

function ChartTooltip({ active, payload, label }: Pick<TooltipContentProps, "active" | "payload" | "label">) {
  if (!active || !payload || payload.length === 0) return null;
  return (
    <div className="grid min-w-36 gap-1.5 rounded-lg border bg-popover px-3 py-2 text-xs text-popover-foreground shadow-md">
      <span className="font-medium">{timeFormat.format(Number(label))}</span>
      {SERIES.map((s) => {
        const item = payload.find((p) => p.dataKey === s.key);
        return (
          <span key={s.key} className="flex items-center justify-between gap-4">
            <span className="flex items-center gap-1.5 text-muted-foreground">
              <span className={cn("size-2 rounded-sm", s.swatch)} />
              {s.label}
            </span>
            <span className="font-medium tabular-nums">{formatNumber(Number(item?.value ?? 0))}</span>
          </span>
        );
      })}
    </div>
  );
}
