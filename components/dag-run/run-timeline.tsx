"use client";
// RunTimeline: a Gantt-like row per step: when it started and how long it ran relative to the run
// (running bars grow with the clock), with the duration in words beside each bar.
import { cn } from "@/lib/utils";
import type { DagRun } from "@/lib/protocol/entities/dags";
import { formatStepDuration, stepStatusText } from "./dag-run-format";
import { stepStyle } from "./dag-run-status";
import type { RunStepView } from "./run-steps";
import { timelineGeometry } from "./timeline-geometry";

export function RunTimeline({
  run,
  steps,
  now,
}: {
  run: Pick<DagRun, "status" | "started_at" | "ended_at">;
  steps: readonly RunStepView[];
  now: number;
}) {
  const geo = timelineGeometry(run, steps, now);
  if (geo.originMs === null) {
    return (
      <p className="rounded-lg border border-dashed px-4 py-8 text-center text-sm text-muted-foreground" data-testid="timeline-empty">
        {run.status === "queued" ? "The timeline starts when the run's first step starts." : "No step of this run started."}
      </p>
    );
  }
  const byId = new Map(steps.map((s) => [s.step_id, s]));
  return (
    <div className="grid gap-2" data-testid="run-timeline">
      {/* The axis: time since the run started. */}
      <div className="grid items-end gap-3 text-xs text-muted-foreground sm:grid-cols-[minmax(6rem,10rem)_1fr_4.5rem]" aria-hidden="true">
        <span className="hidden sm:block">Step</span>
        <div className="relative mx-1 h-4 sm:mx-0">
          {geo.ticks.map((t) => (
            <span
              key={t.ms}
              className={cn("absolute bottom-0 whitespace-nowrap tabular-nums", t.pct > 92 ? "-translate-x-full" : t.pct > 0 && "-translate-x-1/2")}
              style={{ left: `${t.pct}%` }}
            >
              {t.ms === 0 ? "0" : formatStepDuration(t.ms)}
            </span>
          ))}
        </div>
        <span className="hidden text-right sm:block">Duration</span>
      </div>
      <ol className="grid gap-1.5" aria-label="Step timeline">
        {geo.bars.map((bar) => {
          const step = byId.get(bar.step_id);
          const style = stepStyle({ status: bar.status, retry_count: step?.retry_count ?? 0 });
          const status = stepStatusText({ status: bar.status, retry_count: step?.retry_count ?? 0 });
          return (
            <li
              key={bar.step_id}
              data-step-id={bar.step_id}
              data-status={bar.status}
              className="grid grid-cols-[1fr_auto] items-center gap-x-3 gap-y-1 text-sm sm:grid-cols-[minmax(6rem,10rem)_1fr_4.5rem]"
            >
              <span className="truncate font-mono text-xs" title={bar.step_id}>
                {bar.step_id}
              </span>
              {/* On a narrow screen the bar takes its own line under the name and duration. */}
              <div className="relative order-last col-span-2 h-5 rounded bg-muted/60 sm:order-none sm:col-span-1">
                {geo.ticks.slice(1).map((t) => (
                  <span key={t.ms} aria-hidden="true" className="absolute inset-y-0 w-px bg-border" style={{ left: `${t.pct}%` }} />
                ))}
                {bar.offsetPct !== null && bar.widthPct !== null ? (
                  <span
                    aria-hidden="true"
                    data-testid="timeline-bar"
                    className={cn("absolute inset-y-0.5 rounded-sm transition-[width] duration-700 ease-linear", style.bar, bar.live && "motion-safe:animate-pulse")}
                    style={{ left: `${bar.offsetPct}%`, width: `${bar.widthPct}%` }}
                  />
                ) : (
                  <span aria-hidden="true" className="absolute inset-0 flex items-center px-2 text-xs text-muted-foreground">
                    {status}
                  </span>
                )}
                <span className="sr-only">{describeBar(bar.step_id, status, bar.startOffsetMs, bar.durationMs, bar.live)}</span>
              </div>
              <span className={cn("text-right text-xs tabular-nums", bar.durationMs === null ? "text-muted-foreground" : style.text)}>
                {bar.durationMs === null ? "–" : formatStepDuration(bar.durationMs)}
              </span>
            </li>
          );
        })}
      </ol>
    </div>
  );
}

function describeBar(stepId: string, status: string, startOffsetMs: number | null, durationMs: number | null, live: boolean): string {
  if (startOffsetMs === null || durationMs === null) return `${stepId}: ${status}, did not start.`;
  const ran = live ? `running for ${formatStepDuration(durationMs)}` : `ran ${formatStepDuration(durationMs)}`;
  return `${stepId}: ${status}, started ${formatStepDuration(startOffsetMs)} after the run began, ${ran}.`;
}
