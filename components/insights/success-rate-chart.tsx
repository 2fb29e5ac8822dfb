"use client";
// SuccessRateChart: the share of finished jobs that completed, per hour over the last 24 hours (hours without jobs left blank).
import * as React from "react";
import { CartesianGrid, Line, LineChart, Tooltip, XAxis, YAxis } from "recharts";

import { AXIS_PROPS, ChartFrame, ChartTooltip, GRID_PROPS } from "@/components/ui/chart-frame";
import type { InsightsOverview } from "@/lib/api/insights";
import { formatNumber } from "@/lib/utils";
import { formatPercent, hourLabel, hourPoints, windowSuccessRate } from "./insight-format";

const SERIES = [
  { key: "rate", label: "Success rate", swatch: "bg-success", format: (v: number | null) => (v == null ? "No jobs" : formatPercent(v / 100)) },
] as const;

export function SuccessRateChart({ overview }: { overview: Pick<InsightsOverview, "per_hour"> }) {
  const data = React.useMemo(() => hourPoints(overview), [overview]);
  const whole = windowSuccessRate(overview);
  const worst = data.reduce<(typeof data)[number] | null>((w, p) => (p.rate !== null && (w === null || p.rate < w.rate!) ? p : w), null);
  const summary =
    whole.rate === null
      ? "No jobs finished in the last 24 hours."
      : `Over the last 24 hours ${formatPercent(whole.rate)} of ${formatNumber(whole.finished)} finished jobs completed.` +
        (worst ? ` Lowest hour: ${hourLabel(worst.t)} at ${formatPercent(worst.rate! / 100)}.` : "");
  const ticks = data.filter((_, i) => (data.length - 1 - i) % 4 === 0).map((p) => p.t);

  return (
    <ChartFrame
      testId="success-rate-chart"
      summary={summary}
      height="h-44"
      captionClassName="flex flex-wrap items-baseline gap-x-2 text-sm"
      caption={
        <>
          <span className="text-muted-foreground" aria-hidden="true">
            24 h
          </span>
          <span className="font-medium tabular-nums" aria-hidden="true">
            {whole.rate === null ? "–" : formatPercent(whole.rate)}
          </span>
          <span className="text-xs text-muted-foreground" aria-hidden="true">
            {whole.finished > 0 ? `${formatNumber(whole.completed)} of ${formatNumber(whole.finished)} finished jobs` : "no finished jobs"}
          </span>
        </>
      }
    >
      <LineChart data={data} margin={{ top: 6, right: 8, bottom: 0, left: -4 }} accessibilityLayer={false}>
        <CartesianGrid vertical={false} {...GRID_PROPS} />
        <XAxis dataKey="t" type="category" ticks={ticks} tickFormatter={(t: number) => hourLabel(t)} {...AXIS_PROPS} />
        <YAxis domain={[0, 100]} ticks={[0, 50, 100]} tickFormatter={(v: number) => `${v}%`} {...AXIS_PROPS} width={44} />
        <Tooltip
          content={<ChartTooltip series={SERIES} heading={(t) => hourLabel(Number(t))} />}
          cursor={{ stroke: "var(--border)" }}
          isAnimationActive={false}
        />
        <Line
          type="monotone"
          dataKey="rate"
          stroke="var(--success)"
          strokeWidth={2}
          dot={{ r: 2.5, fill: "var(--success)", strokeWidth: 0 }}
          activeDot={{ r: 4 }}
          connectNulls={false}
          isAnimationActive={false}
        />
      </LineChart>
    </ChartFrame>
  );
}
