// ConfidenceMeter: an insight's confidence (0-1) as a percentage and a small bar (role="meter").
import { cn } from "@/lib/utils";

export function ConfidenceMeter({ value, className }: { value: number; className?: string }) {
  const pct = Math.round(Math.min(1, Math.max(0, value)) * 100);
  const tone = pct >= 75 ? "bg-success" : pct >= 50 ? "bg-warning" : "bg-muted-foreground";
  return (
    <span className={cn("inline-flex items-center gap-2 text-xs text-muted-foreground", className)}>
      <span
        role="meter"
        aria-label="Confidence"
        aria-valuemin={0}
        aria-valuemax={100}
        aria-valuenow={pct}
        aria-valuetext={`${pct}%`}
        className="relative h-1.5 w-16 overflow-hidden rounded-full bg-muted"
      >
        <span className={cn("absolute inset-y-0 left-0 rounded-full", tone)} style={{ width: `${pct}%` }} />
      </span>
      <span className="tabular-nums" aria-hidden="true">
        {pct}%
      </span>
    </span>
  );
}
