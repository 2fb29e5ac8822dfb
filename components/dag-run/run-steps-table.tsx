"use client";
// RunStepsTable: every step of the run in a table (status, retries, start and end, duration) with its
// error in full below it; the accessible alternative to the graph, and where a node's Enter leads.
import * as React from "react";

import { cn } from "@/lib/utils";
import { formatClock, formatStepDuration, operatorLabel, retriesText, stepElapsedMs } from "./dag-run-format";
import { StepStatusBadge } from "./dag-run-status";
import type { RunStepView } from "./run-steps";

/** The id of a step's row (the graph focuses it). */
export const stepRowId = (stepId: string) => `step-row-${stepId.replace(/[^A-Za-z0-9_-]/g, "_")}`;

export function RunStepsTable({ steps, now, highlighted }: { steps: readonly RunStepView[]; now: number; highlighted?: string | null }) {
  return (
    <div
      className="overflow-x-auto rounded-lg border bg-card outline-none focus-visible:ring-[3px] focus-visible:ring-ring/50"
      // Focusable so that a keyboard can scroll it on a narrow screen.
      tabIndex={0}
      role="region"
      aria-label="Steps table"
      data-testid="run-steps-table"
    >
      <table className="w-full min-w-[760px] text-sm">
        <thead className="border-b bg-muted/40 text-left text-xs text-muted-foreground">
          <tr>
            <th scope="col" className="min-w-44 px-3 py-2.5 font-medium">
              Step
            </th>
            <th scope="col" className="w-40 px-3 py-2.5 font-medium">
              Status
            </th>
            <th scope="col" className="w-40 px-3 py-2.5 font-medium">
              Retries
            </th>
            <th scope="col" className="w-36 px-3 py-2.5 font-medium">
              Started
            </th>
            <th scope="col" className="w-36 px-3 py-2.5 font-medium">
              Ended
            </th>
            <th scope="col" className="w-24 px-3 py-2.5 text-right font-medium">
              Duration
            </th>
          </tr>
        </thead>
        {steps.map((step) => (
          <StepRows key={step.step_id} step={step} now={now} highlighted={highlighted === step.step_id} />
        ))}
      </table>
    </div>
  );
}

function StepRows({ step, now, highlighted }: { step: RunStepView; now: number; highlighted: boolean }) {
  const elapsed = stepElapsedMs(step, now);
  // A pending or running step that carries an error failed before and is being retried.
  const retrying = step.status === "pending" || step.status === "running";
  const tone = step.status === "failed" ? "destructive" : step.status === "upstream_failed" ? "warning" : "muted";
  return (
    // One <tbody> per step groups its row with its error row.
    <tbody
      id={stepRowId(step.step_id)}
      tabIndex={-1}
      data-testid="run-step-row"
      data-step-id={step.step_id}
      data-status={step.status}
      className={cn(
        "border-b outline-none transition-colors last:border-b-0 focus-visible:bg-accent/60",
        highlighted && "bg-accent/60",
      )}
    >
      <tr className="align-top">
        <th scope="row" className="px-3 py-2.5 text-left font-normal">
          <span className="block break-words font-mono text-sm font-medium">{step.step_id}</span>
          <span className="block text-xs text-muted-foreground">{operatorLabel(step.operator)}</span>
        </th>
        <td className="px-3 py-2.5">
          <StepStatusBadge step={step} />
        </td>
        <td className="px-3 py-2.5 text-muted-foreground">{retriesText(step.retry_count, step.retries)}</td>
        <td className="px-3 py-2.5 tabular-nums">
          <Time iso={step.start_time} now={now} />
        </td>
        <td className="px-3 py-2.5 tabular-nums">
          <Time iso={step.end_time} now={now} />
        </td>
        <td className="px-3 py-2.5 text-right tabular-nums">{formatStepDuration(elapsed)}</td>
      </tr>
      {step.error ? (
        <tr>
          <td colSpan={6} className="px-3 pb-3 pt-0">
            <div
              className={cn(
                "rounded-md border px-3 py-2 text-xs",
                tone === "destructive" ? "border-destructive/30 bg-destructive/5" : tone === "warning" ? "border-warning/30 bg-warning/5" : "border-border bg-muted/40",
              )}
              data-testid="run-step-error"
            >
              <span className={cn("font-medium", tone === "destructive" ? "text-destructive" : tone === "warning" ? "text-warning" : "text-muted-foreground")}>
                {retrying ? `Last error (retry ${step.retry_count}${step.retries ? ` of ${step.retries}` : ""}): ` : "Error: "}
              </span>
              <span className="whitespace-pre-wrap break-words font-mono">{step.error}</span>
            </div>
          </td>
        </tr>
      ) : null}
    </tbody>
  );
}

function Time({ iso, now }: { iso: string | null; now: number }) {
  if (!iso) return <span className="text-muted-foreground">–</span>;
  return (
    <time dateTime={iso} title={new Date(iso).toLocaleString()}>
      {formatClock(iso, now)}
    </time>
  );
}
