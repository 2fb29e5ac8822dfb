"use client";
// Progress: a horizontal bar for a 0-1 fraction, as role="progressbar" (work done) or role="meter" (a level).
import * as React from "react";
import { cva, type VariantProps } from "class-variance-authority";

import { cn } from "@/lib/utils";

export const progressIndicatorVariants = cva("h-full rounded-full transition-[width] duration-500 ease-out motion-reduce:transition-none", {
  variants: {
    tone: {
      default: "bg-primary",
      info: "bg-sky-600 dark:bg-sky-400",
      success: "bg-success",
      warning: "bg-warning",
      destructive: "bg-destructive",
      muted: "bg-muted-foreground/50",
    },
  },
  defaultVariants: { tone: "default" },
});

export type ProgressProps = Omit<React.ComponentProps<"div">, "role" | "children"> &
  VariantProps<typeof progressIndicatorVariants> & {
    /** 0-1; clamped. null: indeterminate (progressbar only), drawn as a pulsing bar. */
    value: number | null;
    /** The accessible name, e.g. "Progress of Summarize report" (required: a bar without one fails axe). */
    label: string;
    /** "progressbar" for work being done (default), "meter" for a level such as a proficiency. */
    kind?: "progressbar" | "meter";
    /** Spoken value; default the percentage. */
    valueText?: string;
    size?: "sm" | "md";
  };

/** A 0-1 value as a bar; aria-valuenow is the percentage (0-100). */
export function Progress({ value, label, kind = "progressbar", valueText, tone, size = "sm", className, ...props }: ProgressProps) {
  const pct = value === null ? null : Math.round(Math.min(1, Math.max(0, Number.isFinite(value) ? value : 0)) * 100);
  return (
    <div
      data-slot="progress"
      role={kind}
      aria-label={label}
      aria-valuemin={0}
      aria-valuemax={100}
      aria-valuenow={pct ?? undefined}
      aria-valuetext={valueText ?? (pct === null ? "In progress" : `${pct}%`)}
      className={cn("relative w-full overflow-hidden rounded-full bg-muted", size === "md" ? "h-2" : "h-1.5", className)}
      {...props}
    >
      {pct === null ? (
        <div className="h-full w-full rounded-full bg-muted-foreground/25 motion-safe:animate-pulse" />
      ) : (
        <div className={progressIndicatorVariants({ tone })} style={{ width: `${pct}%` }} />
      )}
    </div>
  );
}
