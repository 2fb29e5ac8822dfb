// Test builders for the insight rules: a fixed clock, and jobs, attempts and items placed relative to it.
import { DEFAULT_PERIOD_MS, DEFAULT_WINDOW_MS, type AnalysisHistory, type HistoryAttempt, type HistoryItem, type HistoryJob } from "./history";

export const NOW = new Date("2025-06-02T12:00:00.000Z");
export const MINUTE = 60_000;
export const HOUR = 60 * MINUTE;

/** The instant `ms` before NOW (negative: after it). */
export function ago(ms: number): Date {
  return new Date(NOW.getTime() - ms);
}

let nextId = 0;
const id = (prefix: string) => `${prefix}-${++nextId}`;

/** A job that finished (completed or failed) `finishedAgo` ms before NOW, or one still in another state. */
export function job(status: HistoryJob["status"], finishedAgo = 30 * MINUTE): HistoryJob {
  const at = ago(finishedAgo);
  return {
    job_id: id("job"),
    type: "document",
    status,
    created_at: new Date(at.getTime() - MINUTE),
    completed_at: status === "completed" ? at : null,
    failed_at: status === "failed" ? at : null,
  };
}

/** `count` jobs of one status, all finished at the same instant. */
export function jobs(count: number, status: HistoryJob["status"], finishedAgo?: number): HistoryJob[] {
  return Array.from({ length: count }, () => job(status, finishedAgo));
}

export function attempt(agent: string, task_type: string, duration_ms: number, more: Partial<HistoryAttempt> = {}): HistoryAttempt {
  return { agent_id: agent.toLowerCase(), agent_name: agent, task_type, outcome: "completed", duration_ms, ended_at: ago(2 * HOUR), ...more };
}

/** One completed attempt per duration. */
export function attempts(agent: string, task_type: string, durations: number[], more: Partial<HistoryAttempt> = {}): HistoryAttempt[] {
  return durations.map((d) => attempt(agent, task_type, d, more));
}

export function item(tags: string[], createdAgo: number): HistoryItem {
  return { item_id: id("item"), tags, created_at: ago(createdAgo) };
}

/** `count` items with the same tags created at the same instant. */
export function items(count: number, tags: string[], createdAgo: number): HistoryItem[] {
  return Array.from({ length: count }, () => item(tags, createdAgo));
}

/** A history at NOW with the default 1 h period and 24 h window. */
export function history(parts: Partial<AnalysisHistory> = {}): AnalysisHistory {
  return { now: NOW, periodMs: DEFAULT_PERIOD_MS, windowMs: DEFAULT_WINDOW_MS, jobs: [], attempts: [], knowledge: [], ...parts };
}
