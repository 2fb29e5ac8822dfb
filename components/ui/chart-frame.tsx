// ChartFrame: the recharts charts' shared parts: the captioned figure and sized box, the axis, grid and cursor props, bar series props and the tooltip.
import * as React from "react";
import { ResponsiveContainer, type TooltipContentProps } from "recharts";

import { cn, formatNumber } from "@/lib/utils";

/** Axis tick labels: small and muted. */
export const AXIS_TICK = { fill: "var(--muted-foreground)", fontSize: 11 } as const;
/** An axis drawn as its tick labels alone, without tick marks or an axis line. Spread before any override. */
export const AXIS_PROPS = { tick: AXIS_TICK, tickLine: false, axisLine: false } as const;
/** Grid lines in the border colour. */
export const GRID_PROPS = { stroke: "var(--border)" } as const;
/** The band a bar chart's tooltip highlights under the pointer. */
export const TOOLTIP_CURSOR = { fill: "var(--accent)", opacity: 0.6 } as const;

/** One legend entry: a colour swatch (a `bg-*` class), its label and, optionally, the series' total. */
export interface LegendItem {
  key: string;
  label: string;
  swatch: string;
  total?: number;
}

type ChartFrameProps = {
  testId: string;
  /** What the chart shows, in words: the figure's accessible text (the drawing itself is aria-hidden). */
  summary: string;
  /** The chart box's height: a Tailwind class ("h-56") or pixels. */
  height: string | number;
  /** The recharts chart, sized by the ResponsiveContainer it is placed in. */
  children: React.ReactNode;
} & (
  | { legend: readonly LegendItem[]; caption?: never; captionClassName?: never }
  /** A caption of the chart's own in place of the legend, with its own layout. */
  | { legend?: never; caption: React.ReactNode; captionClassName: string }
);

export function ChartFrame({ testId, summary, height, children, legend, caption, captionClassName }: ChartFrameProps) {
  return (
    <figure className="grid gap-4" data-testid={testId}>
      <figcaption className={captionClassName ?? "flex flex-wrap items-center gap-x-5 gap-y-1 text-sm"}>
        <span className="sr-only">{summary}</span>
        {legend
          ? legend.map((s) => (
              <span key={s.key} className="flex items-center gap-2" aria-hidden="true">
                <span className={cn("size-2.5 rounded-sm", s.swatch)} />
                <span className="text-muted-foreground">{s.label}</span>
                {s.total !== undefined && <span className="font-medium tabular-nums">{formatNumber(s.total)}</span>}
              </span>
            ))
          : caption}
      </figcaption>
      <div
        className={cn(typeof height === "string" ? height : undefined, "w-full")}
        style={typeof height === "number" ? { height } : undefined}
        aria-hidden="true"
      >
        <ResponsiveContainer width="100%" height="100%">
          {children}
        </ResponsiveContainer>
      </div>
    </figure>
  );
}

/** A bar's series: its `dataKey`, name and fill, drawn without animation. Spread on a `<Bar>` beside the chart's own stack, radius and size. */
export function seriesBar(s: { key: string; label: string; color: string }) {
  return { dataKey: s.key, name: s.label, fill: s.color, isAnimationActive: false } as const;
}

/** A tooltip series: its `dataKey`, label, swatch class and how to show its value (default: a count, none as 0). */
export interface TooltipSeries {
  key: string;
  label: string;
  swatch: string;
  format?: (value: number | null) => string;
}

const formatCount = (value: number | null) => formatNumber(value ?? 0);

/**
 * The charts' tooltip: a heading (the hovered label, through `heading`) and one row per series, with its swatch and value.
 * Pass it as an element, `<Tooltip content={<ChartTooltip series={...} />} />`: recharts fills in active, payload and label.
 */
export function ChartTooltip({
  active,
  payload,
  label,
  heading = (l) => String(l ?? ""),
  series,
}: Partial<Pick<TooltipContentProps, "active" | "payload" | "label">> & {
  heading?: (label: TooltipContentProps["label"]) => string;
  series: readonly TooltipSeries[];
}) {
  if (!active || !payload || payload.length === 0) return null;
  return (
    <div className="grid min-w-36 gap-1.5 rounded-lg border bg-popover px-3 py-2 text-xs text-popover-foreground shadow-md">
      <span className="font-medium">{heading(label)}</span>
      {series.map((s) => {
        const item = payload.find((p) => p.dataKey === s.key);
        const raw = item?.value;
        return (
          <span key={s.key} className="flex items-center justify-between gap-4">
            <span className="flex items-center gap-1.5 text-muted-foreground">
              <span className={cn("size-2 rounded-sm", s.swatch)} />
              {s.label}
            </span>
            <span className="font-medium tabular-nums">{(s.format ?? formatCount)(raw == null ? null : Number(raw))}</span>
          </span>
        );
      })}
    </div>
  );
}
