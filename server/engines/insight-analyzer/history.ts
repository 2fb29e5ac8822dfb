// The insight analyzer's input (the stored history it reads) and output (insight drafts to store).
import type { JsonObject } from "@/lib/protocol/entities/common";
import type { InsightType } from "@/lib/protocol/entities/insights";

export const DEFAULT_PERIOD_MS = 60 * 60 * 1000;
export const DEFAULT_WINDOW_MS = 24 * DEFAULT_PERIOD_MS;

export interface HistoryJob {
  job_id: string;
  type: string;
  status: "queued" | "processing" | "completed" | "failed" | "cancelled";
  created_at: Date;
  completed_at: Date | null;
  failed_at: Date | null;
}

export interface HistoryAttempt {
  agent_id: string;
  agent_name: string;
  task_type: string;
  outcome: "completed" | "failed";
  duration_ms: number;
  ended_at: Date;
}

export interface HistoryItem {
  item_id: string;
  tags: string[];
  created_at: Date;
}

export interface AnalysisHistory {
  now: Date;
  /** The period compared (default 1 h): "current" = (now - periodMs, now]; "previous" = the period before it. */
  periodMs: number;
  /** Everything that happened in the last `windowMs` (default 24 h, always >= 2 periods): the baseline. */
  windowMs: number;
  jobs: HistoryJob[];
  attempts: HistoryAttempt[];
  knowledge: HistoryItem[];
}

export interface InsightDraft {
  title: string;
  description: string;
  type: InsightType;
  confidence: number;
  metadata: JsonObject;
  /** Same fingerprint = same finding: the analyzer stores a draft only if no insight with its fingerprint was generated within the last period. Include rule, subject and direction, not numbers. */
  fingerprint: string;
}

/** A draft's fingerprint: `rule:subject:direction` (e.g. `volume-change:jobs:down`), never numbers. */
export function fingerprint(rule: string, subject: string, direction: string): string {
  return `${rule}:${subject}:${direction}`;
}
