// Class-name merging (cn) and the small display formatters shared by every component.
import { clsx, type ClassValue } from "clsx";
import { twMerge } from "tailwind-merge";

/** Joins class names and lets later Tailwind utilities override earlier conflicting ones. */
export function cn(...inputs: ClassValue[]): string {
  return twMerge(clsx(inputs));
}

const numberFormat = new Intl.NumberFormat("en-US");
const compactFormat = new Intl.NumberFormat("en-US", { notation: "compact", maximumFractionDigits: 1 });

/** 1234567 -> "1,234,567"; with `compact`, -> "1.2M". Non-finite values render as an en dash. */
export function formatNumber(value: number | null | undefined, options: { compact?: boolean } = {}): string {
  if (value == null || !Number.isFinite(value)) return "–";
  return (options.compact ? compactFormat : numberFormat).format(value);
}

const BYTE_UNITS = ["B", "KB", "MB", "GB", "TB", "PB"] as const;

/** 1536 -> "1.5 KB" (binary multiples, the units people expect from file sizes and memory). */
export function formatBytes(bytes: number | null | undefined, decimals = 1): string {
  if (bytes == null || !Number.isFinite(bytes)) return "–";
  if (bytes === 0) return "0 B";
  const sign = bytes < 0 ? "-" : "";
  let value = Math.abs(bytes);
  let unit = 0;
  while (value >= 1024 && unit < BYTE_UNITS.length - 1) {
    value /= 1024;
    unit += 1;
  }
  const digits = unit === 0 ? 0 : decimals;
  return `${sign}${value.toFixed(digits).replace(/\.0+$/, "")} ${BYTE_UNITS[unit]}`;
}

/** 3725 seconds -> "1h 2m"; 45 -> "45s"; 90061 -> "1d 1h". Shows the two largest units. */
export function formatDuration(totalSeconds: number | null | undefined): string {
  if (totalSeconds == null || !Number.isFinite(totalSeconds)) return "–";
  const s = Math.max(0, Math.floor(totalSeconds));
  const parts: Array<[number, string]> = [
    [Math.floor(s / 86_400), "d"],
    [Math.floor((s % 86_400) / 3_600), "h"],
    [Math.floor((s % 3_600) / 60), "m"],
    [s % 60, "s"],
  ];
  const first = parts.findIndex(([n]) => n > 0);
  if (first === -1) return "0s";
  return parts
    .slice(first, first + 2)
    .filter(([n]) => n > 0)
    .map(([n, unit]) => `${n}${unit}`)
    .join(" ");
}

/** Milliseconds with a sensible precision: 0.42 -> "0.42 ms", 12.3 -> "12 ms", 1530 -> "1.53 s". */
export function formatLatency(ms: number | null | undefined): string {
  if (ms == null || !Number.isFinite(ms)) return "–";
  if (ms < 1) return `${ms.toFixed(2)} ms`;
  if (ms < 1000) return `${Math.round(ms)} ms`;
  return `${(ms / 1000).toFixed(2)} s`;
}

/**
 * Time from `now` to `time` in words: "just now", "3 s ago", "5 min ago", "2 h ago", "in 4 min".
 * Accepts epoch milliseconds, a Date or an ISO string.
 */
export function formatRelativeTime(time: number | string | Date, now: number = Date.now()): string {
  const at = typeof time === "number" ? time : new Date(time).getTime();
  if (!Number.isFinite(at)) return "–";
  const diffS = Math.round((now - at) / 1000);
  const past = diffS >= 0;
  const abs = Math.abs(diffS);
  if (abs < 1) return "just now";
  let text: string;
  if (abs < 60) text = `${abs} s`;
  else if (abs < 3_600) text = `${Math.floor(abs / 60)} min`;
  else if (abs < 86_400) text = `${Math.floor(abs / 3_600)} h`;
  else text = `${Math.floor(abs / 86_400)} d`;
  return past ? `${text} ago` : `in ${text}`;
}
