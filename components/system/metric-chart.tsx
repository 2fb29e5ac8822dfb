"use client";
// MetricChart: one live chart of the /system page (CPU, memory, disk or network) over the last five
// minutes, with its current value in the heading. `data-points` and `data-last` expose how far it has advanced.
import * as React from "react";
import { Area, AreaChart, CartesianGrid, Tooltip, XAxis, YAxis } from "recharts";

import { AXIS_PROPS, ChartFrame, ChartTooltip, GRID_PROPS } from "@/components/ui/chart-frame";
import { Card, CardContent, CardDescription, CardHeader, CardTitle } from "@/components/ui/card";
import { formatClock, WINDOW_MS, type ChartPoint } from "./system-format";

export interface MetricSeries {
  key: keyof Omit<ChartPoint, "t">;
  label: string;
  color: string;
  swatch: string;
}

export function MetricChart({
  id,
  title,
  value,
  description,
  points,
  series,
  format,
  percent = false,
}: {
  id: string;
  title: string;
  /** The current value, in words ("42%", "1.2 MB/s in"). */
  value: string;
  description: string;
  points: readonly ChartPoint[];
  series: readonly MetricSeries[];
  format: (value: number | null) => string;
  /** A 0-100 axis. */
  percent?: boolean;
}) {
  const last = points.at(-1)?.t ?? 0;
  const domain: [number, number] = [last - WINDOW_MS, last];
  const headingId = `system-chart-${id}-title`;
  const summary = `${title} over the last five minutes: now ${value}.`;
  return (
    <Card className="gap-3" aria-labelledby={headingId} role="group" data-testid={`system-chart-${id}`} data-points={points.length} data-last={last}>
      <CardHeader className="grid-cols-[1fr_auto] items-baseline">
        <CardTitle id={headingId} className="text-sm font-medium text-muted-foreground">
          {title}
        </CardTitle>
        <span className="text-2xl font-semibold tabular-nums" data-testid={`system-value-${id}`}>
          {value}
        </span>
        <CardDescription className="col-span-2 text-xs">{description}</CardDescription>
      </CardHeader>
      <CardContent>
        <ChartFrame
          testId={`system-chart-${id}-frame`}
          summary={summary}
          height="h-40"
          legend={series.map((s) => ({ key: s.key, label: s.label, swatch: s.swatch }))}
        >
          <AreaChart data={points as ChartPoint[]} margin={{ top: 4, right: 4, bottom: 0, left: 0 }} accessibilityLayer={false}>
            <CartesianGrid vertical={false} {...GRID_PROPS} />
            <XAxis dataKey="t" type="number" scale="time" domain={domain} tickFormatter={(t: number) => formatClock(t)} minTickGap={40} {...AXIS_PROPS} />
            <YAxis
              domain={percent ? [0, 100] : [0, "auto"]}
              ticks={percent ? [0, 50, 100] : undefined}
              tickFormatter={(v: number) => format(v)}
              width={percent ? 40 : 72}
              {...AXIS_PROPS}
            />
            <Tooltip content={<ChartTooltip series={series.map((s) => ({ ...s, format }))} heading={(t) => formatClock(Number(t))} />} isAnimationActive={false} />
            {series.map((s) => (
              <Area
                key={s.key}
                dataKey={s.key}
                name={s.label}
                type="monotone"
                stroke={s.color}
                fill={s.color}
                fillOpacity={0.15}
                strokeWidth={1.5}
                dot={false}
                isAnimationActive={false}
              />
            ))}
          </AreaChart>
        </ChartFrame>
      </CardContent>
    </Card>
  );
}

export function MetricChartSkeletonBody() {
  return <div className="h-40 w-full rounded-md bg-muted motion-safe:animate-pulse" aria-hidden="true" />;
}
