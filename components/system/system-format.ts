// Pure helpers of the /system page: chart points from the metrics series, the last five minutes'
// window, rates and percents in words, module status tones and alert wording.
import type { ModuleHealth, SystemAlertEntry } from "@/lib/api/system";
import type { ResourceAlert, SystemAlert } from "@/lib/protocol/entities/system";
import type { SystemMetricsPoint } from "@/lib/query/patchers";
import { formatBytes } from "@/lib/utils";

/** The charts' window: the last five minutes. */
export const WINDOW_MS = 5 * 60_000;

export interface ChartPoint {
  t: number;
  cpu: number;
  memory: number;
  disk: number;
  rx: number;
  tx: number;
}

/** Chart points of the last five minutes before the newest point, oldest first. */
export function chartPoints(series: readonly SystemMetricsPoint[] | undefined): ChartPoint[] {
  if (!series || series.length === 0) return [];
  const newest = Date.parse(series[series.length - 1]!.ts);
  const from = newest - WINDOW_MS;
  const out: ChartPoint[] = [];
  for (const p of series) {
    const t = Date.parse(p.ts);
    if (!Number.isFinite(t) || t < from) continue;
    out.push({ t, cpu: p.cpu.usage, memory: p.memory.usage, disk: p.disk.usage, rx: p.network.rxSpeed, tx: p.network.txSpeed });
  }
  return out;
}

/** "42.5%" (one decimal under 10, none above). */
export function formatPercent(value: number | null | undefined): string {
  if (value == null || !Number.isFinite(value)) return "–";
  return `${value < 10 ? value.toFixed(1).replace(/\.0$/, "") : Math.round(value)}%`;
}

/** Bytes per second: "1.2 MB/s". */
export function formatRate(bytesPerSecond: number | null | undefined): string {
  if (bytesPerSecond == null || !Number.isFinite(bytesPerSecond)) return "–";
  return `${formatBytes(bytesPerSecond)}/s`;
}

/** "14:05:09": the charts' time axis. */
export function formatClock(t: number): string {
  const d = new Date(t);
  return [d.getHours(), d.getMinutes(), d.getSeconds()].map((n) => String(n).padStart(2, "0")).join(":");
}

export type StatusTone = "success" | "warning" | "destructive" | "secondary";

export function moduleTone(status: string): StatusTone {
  if (status === "ok") return "success";
  if (status === "degraded") return "warning";
  if (status === "down") return "destructive";
  return "secondary";
}

export function moduleStatusLabel(status: string): string {
  if (status === "ok") return "OK";
  if (status === "degraded") return "Degraded";
  if (status === "down") return "Down";
  return status.length > 0 ? status[0]!.toUpperCase() + status.slice(1) : "Unknown";
}

/** "job-processor" -> "Job processor". */
export function moduleLabel(module: string): string {
  const words = module.replace(/[-_]+/g, " ").trim();
  return words.length > 0 ? words[0]!.toUpperCase() + words.slice(1) : module;
}

/** Modules with problems first (down, then degraded), then by name. */
export function sortModules(modules: readonly ModuleHealth[]): ModuleHealth[] {
  const rank = (s: string) => (s === "down" ? 0 : s === "degraded" ? 1 : s === "ok" ? 3 : 2);
  return [...modules].sort((a, b) => rank(a.new_status) - rank(b.new_status) || a.module.localeCompare(b.module));
}

const RESOURCE_LABELS: Record<string, string> = { cpu: "CPU", memory: "Memory", disk: "Disk", network: "Network" };

/** An alert's heading, tone and text. */
export function describeAlert(entry: Pick<SystemAlertEntry, "type" | "data">): { title: string; message: string; tone: StatusTone; details: string[] } {
  if (entry.type === "resource_alert") {
    const a = entry.data as ResourceAlert;
    const label = RESOURCE_LABELS[a.resource] ?? a.resource;
    return {
      title: `${label} at ${formatPercent(a.usage_percent)}`,
      message: `Above the ${formatPercent(a.threshold_percent)} threshold, ${a.trend === "stable" ? "holding steady" : a.trend}.`,
      tone: a.usage_percent >= 98 ? "destructive" : "warning",
      details: a.recommendations,
    };
  }
  const a = entry.data as SystemAlert;
  return { title: a.title, message: a.message, tone: a.level === "critical" || a.level === "error" ? "destructive" : a.level === "warning" ? "warning" : "secondary", details: [] };
}

/** Processes busiest first, at most `limit` (pushes keep ones that left the top with their last figures). */
export function topByCpu<T extends { cpu_usage: number; memory_usage: number; pid: number }>(list: readonly T[] | undefined, limit = 10): T[] {
  return [...(list ?? [])].sort((a, b) => b.cpu_usage - a.cpu_usage || b.memory_usage - a.memory_usage || a.pid - b.pid).slice(0, limit);
}
