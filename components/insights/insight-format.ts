// Display helpers of the insights page: the KPI list with each number's format and change, and the charts' derived series.
import type { InsightsOverview } from "@/lib/api/insights";
import type { DashboardMetricsUpdate, InsightType } from "@/lib/protocol/entities/insights";
import { formatLatency, formatNumber } from "@/lib/utils";

export type KpiKey = Exclude<keyof DashboardMetricsUpdate, "changes">;

/** Whether a rise is good news (success colour), bad news (destructive) or neither. */
export type Polarity = "up-good" | "up-bad" | "neutral";

export interface KpiSpec {
  key: KpiKey;
  label: string;
  format: (value: number) => string;
  /** The change in the unit people read: "+3", "−120 ms", "+2.5 pts". */
  formatChange: (change: number) => string;
  polarity: Polarity;
}

const signed = (n: number, text: string) => `${n > 0 ? "+" : n < 0 ? "−" : "±"}${text}`;

export const KPIS: readonly KpiSpec[] = [
  {
    key: "total_processed",
    label: "Total processed",
    format: (v) => formatNumber(v),
    formatChange: (c) => signed(c, formatNumber(Math.abs(c))),
    polarity: "up-good",
  },
  {
    key: "processing_time",
    label: "Average processing time",
    format: (v) => formatLatency(v),
    formatChange: (c) => signed(c, formatLatency(Math.abs(c))),
    polarity: "up-bad",
  },
  {
    key: "success_rate",
    label: "Success rate",
    format: (v) => formatPercent(v),
    formatChange: (c) => signed(c, `${trimNumber(Math.abs(c) * 100)} pts`),
    polarity: "up-good",
  },
  {
    key: "active_agents",
    label: "Active agents",
    format: (v) => formatNumber(v),
    formatChange: (c) => signed(c, formatNumber(Math.abs(c))),
    polarity: "neutral",
  },
  {
    key: "knowledge_items",
    label: "Knowledge items",
    format: (v) => formatNumber(v),
    formatChange: (c) => signed(c, formatNumber(Math.abs(c))),
    polarity: "up-good",
  },
];

/** A change as the KPI card shows it: its text, direction and tone; null when there is none. */
export function kpiChange(spec: KpiSpec, changes: Record<string, number>): { text: string; direction: "up" | "down"; tone: "good" | "bad" | "neutral" } | null {
  const c = changes[spec.key];
  if (typeof c !== "number" || !Number.isFinite(c) || Math.abs(c) < 1e-9) return null;
  const direction = c > 0 ? "up" : "down";
  const tone = spec.polarity === "neutral" ? "neutral" : (direction === "up") === (spec.polarity === "up-good") ? "good" : "bad";
  return { text: spec.formatChange(c), direction, tone };
}

/** 0.9312 -> "93.1%"; 1 -> "100%". */
export function formatPercent(fraction: number | null | undefined): string {
  if (fraction == null || !Number.isFinite(fraction)) return "–";
  return `${trimNumber(fraction * 100)}%`;
}

/** One decimal at most: 93.12 -> "93.1", 100 -> "100". */
function trimNumber(n: number): string {
  return (Math.round(n * 10) / 10).toString();
}

export interface HourPoint {
  t: number;
  completed: number;
  failed: number;
  /** Completed share of the finished jobs, 0-100; null in an hour without any. */
  rate: number | null;
}

export function hourPoints(overview: Pick<InsightsOverview, "per_hour">): HourPoint[] {
  return overview.per_hour.map((b) => {
    const finished = b.completed + b.failed;
    return { t: Date.parse(b.hour), completed: b.completed, failed: b.failed, rate: finished > 0 ? (b.completed / finished) * 100 : null };
  });
}

/** The success rate over the whole window (0-1), or null when nothing finished. */
export function windowSuccessRate(overview: Pick<InsightsOverview, "per_hour">): { rate: number | null; completed: number; finished: number } {
  let completed = 0;
  let finished = 0;
  for (const b of overview.per_hour) {
    completed += b.completed;
    finished += b.completed + b.failed;
  }
  return { rate: finished > 0 ? completed / finished : null, completed, finished };
}

/** "09:00" in the viewer's time zone. */
export function hourLabel(t: number): string {
  const d = new Date(t);
  return `${String(d.getHours()).padStart(2, "0")}:00`;
}

export const INSIGHT_TYPE_LABELS: Record<InsightType, string> = {
  trend: "Trend",
  anomaly: "Anomaly",
  performance: "Performance",
  recommendation: "Recommendation",
};
