// Sparkline: a small SVG line of recent prices, coloured by the move from first to last.
import * as React from "react";

import { cn } from "@/lib/utils";

export function Sparkline({ values, width = 96, height = 28, className }: { values: readonly number[]; width?: number; height?: number; className?: string }) {
  const points = React.useMemo(() => {
    if (values.length < 2) return "";
    let min = Infinity;
    let max = -Infinity;
    for (const v of values) {
      if (v < min) min = v;
      if (v > max) max = v;
    }
    const span = max - min || 1;
    const step = width / (values.length - 1);
    return values.map((v, i) => `${(i * step).toFixed(1)},${(height - 2 - ((v - min) / span) * (height - 4)).toFixed(1)}`).join(" ");
  }, [values, width, height]);
  const up = values.length > 1 && values[values.length - 1]! >= values[0]!;
  return (
    <svg width={width} height={height} viewBox={`0 0 ${width} ${height}`} aria-hidden="true" className={cn("overflow-visible", className)}>
      {points && <polyline points={points} fill="none" strokeWidth={1.5} className={up ? "stroke-emerald-500" : "stroke-red-500"} />}
    </svg>
  );
}
