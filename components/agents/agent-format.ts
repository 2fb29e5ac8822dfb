// Words and numbers of the agents page: status and type labels, percentages, performance figures,
// activity feed sentences and form field errors from validation issues.
import { TASK_TYPES } from "@/lib/api/tasks";
import type { AgentPerformance, AgentStatus } from "@/lib/protocol/entities/agents";
import type { TaskStatus } from "@/lib/protocol/entities/tasks";
import type { AgentFeedEntry } from "@/lib/query/hooks/use-agents";
import { formatLatency, formatNumber } from "@/lib/utils";

/** Shown for a figure that has no history yet. */
export const NO_VALUE = "—";

export const AGENT_STATUS_LABELS: Record<AgentStatus, string> = {
  idle: "Idle",
  working: "Working",
  paused: "Paused",
  error: "Error",
  offline: "Offline",
};

export const TASK_STATUS_LABELS: Record<TaskStatus, string> = {
  pending: "Pending",
  assigned: "Assigned",
  running: "Running",
  completed: "Completed",
  failed: "Failed",
  cancelled: "Cancelled",
};

/** "summarization" -> "Summarization" (the catalog's label), unknown types humanised. */
export function taskTypeLabel(type: string): string {
  return (TASK_TYPES as Record<string, { label: string }>)[type]?.label ?? humanize(type);
}

/** "entity_recognition" -> "Entity recognition". */
export function capabilityLabel(name: string): string {
  return humanize(name);
}

/** The capability names the task types need (suggestions for the forms). */
export const KNOWN_CAPABILITIES: readonly string[] = [...new Set(Object.values(TASK_TYPES).map((t) => t.capability))];

/** 0.834 -> "83%". */
export function formatPercent(fraction: number | null | undefined): string {
  if (fraction == null || !Number.isFinite(fraction)) return NO_VALUE;
  return `${Math.round(Math.min(1, Math.max(0, fraction)) * 100)}%`;
}

/** An agent's performance as the card shows it; "—" for rates and times until it finished a task. */
export function performanceFigures(perf: AgentPerformance): { completed: string; successRate: string; averageTime: string } {
  const history = perf.tasks_completed > 0;
  return {
    completed: formatNumber(perf.tasks_completed),
    successRate: history ? formatPercent(perf.success_rate) : NO_VALUE,
    averageTime: history && perf.average_processing_time > 0 ? formatLatency(perf.average_processing_time) : NO_VALUE,
  };
}

export type ActivityTone = "success" | "error" | "info" | "learning" | "muted";

/** One feed entry in words: who (an agent's name, or its id when unknown) did what. */
export function describeActivity(entry: AgentFeedEntry, nameOf: (agentId: string) => string): { text: string; detail?: string; tone: ActivityTone } {
  const who = nameOf(entry.data.agent_id);
  switch (entry.type) {
    case "agent_task_completed":
      return { text: `${who} completed ${withArticle(taskTypeLabel(entry.data.task_type).toLowerCase())} task`, detail: `in ${formatLatency(entry.data.duration)}`, tone: "success" };
    case "agent_error":
      return { text: `${who}: ${entry.data.error}`, detail: `${entry.data.severity}${entry.data.can_retry ? ", will retry" : ""}`, tone: "error" };
    case "agent_status_changed":
      return {
        text: `${entry.data.name} is now ${AGENT_STATUS_LABELS[entry.data.new_status].toLowerCase()}`,
        detail: entry.data.reason ?? `was ${AGENT_STATUS_LABELS[entry.data.old_status].toLowerCase()}`,
        tone: entry.data.new_status === "error" ? "error" : "muted",
      };
    case "agent_removed":
      return { text: `${who} was removed`, detail: entry.data.reason ?? undefined, tone: "muted" };
    case "agent_activity":
      return { text: `${who}: ${entry.data.activity}`, tone: "info" };
    case "agent_message":
      return { text: `${who}: ${entry.data.message}`, tone: "info" };
    case "learning_cycle_started":
      return {
        text: `${who} started learning ${capabilityLabel(entry.data.target_capability).toLowerCase()}`,
        detail: `${entry.data.learning_type}, about ${formatNumber(Math.max(1, Math.round(entry.data.estimated_duration_minutes)))} min`,
        tone: "learning",
      };
    case "learning_cycle_completed": {
      const changes = Object.entries(entry.data.improvements).map(
        ([name, c]) => `${capabilityLabel(name).toLowerCase()} ${formatPercent(c.old_value)} → ${formatPercent(c.new_value)}`,
      );
      return { text: `${who} finished a learning cycle`, detail: changes.length > 0 ? changes.join(", ") : "no change", tone: "learning" };
    }
  }
}

/** Validation issues (`{path, message}`, path joined with dots) as one message per field, first one wins. */
export function fieldErrors(issues: ReadonlyArray<{ path: string | ReadonlyArray<PropertyKey>; message: string }>): Record<string, string> {
  const out: Record<string, string> = {};
  for (const issue of issues) {
    const path = typeof issue.path === "string" ? issue.path : issue.path.map(String).join(".");
    if (!(path in out)) out[path] = issue.message;
  }
  return out;
}

/** "is required" after a field's label: "Name is required"; a message that is a sentence stays one. */
export function fieldMessage(label: string, message: string): string {
  const m = message.trim().replace(/\.$/, "");
  if (/^(is|must|has|should|names|needs|expected)\b/i.test(m)) return `${label} ${m[0]!.toLowerCase()}${m.slice(1)}`;
  return m[0] ? m[0].toUpperCase() + m.slice(1) : m;
}

/** "0.5" -> 0.5; "" or not a number -> null. */
export function parseNumber(text: string): number | null {
  if (text.trim() === "") return null;
  const n = Number(text);
  return Number.isFinite(n) ? n : null;
}

/** "entity extraction" -> "an entity extraction". */
function withArticle(phrase: string): string {
  return `${/^[aeiou]/i.test(phrase) ? "an" : "a"} ${phrase}`;
}

function humanize(name: string): string {
  const words = name.replace(/[_-]+/g, " ").trim();
  return words ? words[0]!.toUpperCase() + words.slice(1) : name;
}
