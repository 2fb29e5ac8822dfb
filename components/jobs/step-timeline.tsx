"use client";
// StepTimeline: the four processing steps with their state (done / current / pending / failed / cancelled) and durations.
import type { LucideIcon } from "lucide-react";
import { Ban, CircleCheck, CircleDashed, CircleX, LoaderCircle } from "lucide-react";

import { cn } from "@/lib/utils";
import { formatElapsed } from "./job-format";
import type { StepState, StepView } from "./job-steps";

const STATE_STYLES: Record<StepState, { icon: LucideIcon; label: string; icon_: string; line: string }> = {
  done: { icon: CircleCheck, label: "Done", icon_: "text-success", line: "bg-success/50" },
  current: { icon: LoaderCircle, label: "In progress", icon_: "text-sky-600 dark:text-sky-400 motion-safe:animate-spin", line: "bg-border" },
  pending: { icon: CircleDashed, label: "Pending", icon_: "text-muted-foreground/70", line: "bg-border" },
  failed: { icon: CircleX, label: "Failed", icon_: "text-destructive", line: "bg-border" },
  cancelled: { icon: Ban, label: "Cancelled", icon_: "text-muted-foreground", line: "bg-border" },
};

export function StepTimeline({ steps }: { steps: StepView[] }) {
  return (
    <ol className="grid gap-4 sm:grid-cols-4 sm:gap-2" aria-label="Processing steps" data-testid="step-timeline">
      {steps.map((step, i) => {
        const style = STATE_STYLES[step.state];
        const Icon = style.icon;
        const last = i === steps.length - 1;
        return (
          <li
            key={step.id}
            aria-current={step.state === "current" ? "step" : undefined}
            data-state={step.state}
            className="relative flex gap-3 sm:flex-col sm:gap-2"
          >
            <div className="flex items-center gap-2 sm:w-full">
              <Icon className={cn("size-5 shrink-0", style.icon_)} aria-hidden="true" />
              {!last ? <span aria-hidden="true" className={cn("hidden h-px flex-1 sm:block", style.line)} /> : null}
            </div>
            <div className="grid gap-0.5 sm:pr-3">
              <span className={cn("text-sm font-medium", step.state === "pending" && "text-muted-foreground")}>{step.label}</span>
              <span className="text-xs text-muted-foreground">
                <span className={cn(step.state === "failed" && "text-destructive")}>{style.label}</span>
                {step.durationMs !== null ? <span className="tabular-nums"> · {formatElapsed(step.durationMs)}</span> : null}
              </span>
            </div>
          </li>
        );
      })}
    </ol>
  );
}
