// ChartTooltip: the insights charts' tooltip: a heading and one row per series, with its swatch and value.
import type { TooltipContentProps } from "recharts";

import { cn } from "@/lib/utils";

export interface TooltipSeries {
  key: string;
  label: string;
  swatch: string;
  format: (value: number | null) => string;
}

export function ChartTooltip({
  active,
  payload,
  heading,
  series,
}: Pick<TooltipContentProps, "active" | "payload"> & { heading: string; series: readonly TooltipSeries[] }) {
  if (!active || !payload || payload.length === 0) return null;
  return (
    <div className="grid min-w-36 gap-1.5 rounded-lg border bg-popover px-3 py-2 text-xs text-popover-foreground shadow-md">
      <span className="font-medium">{heading}</span>
      {series.map((s) => {
        const item = payload.find((p) => p.dataKey === s.key);
        const raw = item?.value;
        return (
          <span key={s.key} className="flex items-center justify-between gap-4">
            <span className="flex items-center gap-1.5 text-muted-foreground">
              <span className={cn("size-2 rounded-sm", s.swatch)} />
              {s.label}
            </span>
            <span className="font-medium tabular-nums">{s.format(raw == null ? null : Number(raw))}</span>
          </span>
        );
      })}
    </div>
  );
}
