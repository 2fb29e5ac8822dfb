// timelineGeometry: where each step's bar sits on the run's time axis (percentages), and the axis ticks.
import type { DagRunStatus, StepStatus } from "@/lib/protocol/entities/dags";
import { parseTime, stepElapsedMs } from "./dag-run-format";

export interface TimelineStepInput {
  step_id: string;
  status: StepStatus;
  start_time: string | null;
  end_time: string | null;
  duration: number | null;
}

export interface TimelineRunInput {
  status: DagRunStatus;
  started_at: string | null;
  ended_at: string | null;
}

export interface TimelineBar {
  step_id: string;
  status: StepStatus;
  /** Left edge and width on the axis, 0-100. Null when the step never started. */
  offsetPct: number | null;
  widthPct: number | null;
  /** When it started, in ms after the axis' origin. */
  startOffsetMs: number | null;
  /** How long it ran (or has been running), in ms. */
  durationMs: number | null;
  /** Still running: its bar grows with the clock. */
  live: boolean;
}

export interface TimelineTick {
  pct: number;
  ms: number;
}

export interface TimelineGeometry {
  /** The axis' origin (epoch ms): the run's start, or its first step's if earlier; null before anything started. */
  originMs: number | null;
  /** The axis' length in ms (at least 1). */
  spanMs: number;
  bars: TimelineBar[];
  ticks: TimelineTick[];
}

/** Narrowest bar drawn, in percent, so that an instant step stays visible. */
export const MIN_BAR_PCT = 0.75;

/** Tick steps, in ms: 100 ms up to a day. */
const TICK_STEPS = [
  100, 200, 250, 500, 1_000, 2_000, 5_000, 10_000, 15_000, 30_000, 60_000, 120_000, 300_000, 600_000, 900_000, 1_800_000, 3_600_000,
  7_200_000, 10_800_000, 21_600_000, 43_200_000, 86_400_000,
];

/**
 * The bars of a run's steps on one axis from the run's start to its end (or `now` while it runs, so
 * running bars grow as the clock ticks). Times are the server's; a `now` behind them is clamped.
 */
export function timelineGeometry(run: TimelineRunInput, steps: readonly TimelineStepInput[], now: number, maxTicks = 6): TimelineGeometry {
  const spans = steps.map((s) => stepSpan(s, now));
  const starts = [parseTime(run.started_at), ...spans.map((s) => s?.start ?? null)].filter((t): t is number => t !== null);
  if (starts.length === 0) {
    return { originMs: null, spanMs: 1, bars: steps.map((s) => emptyBar(s)), ticks: [] };
  }
  const origin = Math.min(...starts);
  const runEnd = parseTime(run.ended_at);
  const live = run.status === "running" || run.status === "queued";
  const ends = [runEnd ?? (live ? now : null), ...spans.map((s) => s?.end ?? null)].filter((t): t is number => t !== null);
  const end = Math.max(origin, ...ends);
  const spanMs = Math.max(1, end - origin);

  const bars = steps.map((s, i): TimelineBar => {
    const span = spans[i];
    if (!span) return emptyBar(s);
    const offsetPct = clampPct(((span.start - origin) / spanMs) * 100);
    const rawWidth = ((span.end - span.start) / spanMs) * 100;
    const widthPct = Math.min(Math.max(rawWidth, MIN_BAR_PCT), 100 - Math.min(offsetPct, 100 - MIN_BAR_PCT));
    return {
      step_id: s.step_id,
      status: s.status,
      offsetPct: Math.min(offsetPct, 100 - MIN_BAR_PCT),
      widthPct,
      startOffsetMs: span.start - origin,
      durationMs: stepElapsedMs(s, now) ?? span.end - span.start,
      live: s.status === "running",
    };
  });
  return { originMs: origin, spanMs, bars, ticks: timelineTicks(spanMs, maxTicks) };
}

/** Evenly spaced round ticks from 0 up to `spanMs` (at most `maxTicks` + 1 of them, 0 included). */
export function timelineTicks(spanMs: number, maxTicks = 6): TimelineTick[] {
  if (!(spanMs > 0) || maxTicks < 1) return [];
  const step = TICK_STEPS.find((s) => spanMs / s <= maxTicks) ?? Math.ceil(spanMs / maxTicks / 86_400_000) * 86_400_000;
  const ticks: TimelineTick[] = [];
  for (let ms = 0; ms <= spanMs + 1e-6; ms += step) ticks.push({ ms, pct: (ms / spanMs) * 100 });
  return ticks;
}

/** When the step started and ended (or now, while running); null when it never started. */
function stepSpan(step: TimelineStepInput, now: number): { start: number; end: number } | null {
  const start = parseTime(step.start_time);
  if (start === null) return null;
  const elapsed = stepElapsedMs(step, now);
  const end = parseTime(step.end_time) ?? (elapsed !== null ? start + elapsed : start);
  return { start, end: Math.max(start, end) };
}

function emptyBar(step: TimelineStepInput): TimelineBar {
  return { step_id: step.step_id, status: step.status, offsetPct: null, widthPct: null, startOffsetMs: null, durationMs: null, live: false };
}

function clampPct(v: number): number {
  return Math.min(100, Math.max(0, v));
}
