// What an agent runs for a task: the handler interface, and the handlers of tasks created directly
// (each runs a processing step on the task's description).
import type { JsonValue } from "@/lib/protocol/entities/common";
import type { Task } from "@/lib/protocol/entities/tasks";
import type { TaskType } from "@/lib/api/tasks";
import type { JobSteps } from "../job-processor/engine";
import { ProcessingError } from "../job-processor/steps/processing-error";

export interface TaskContext {
  task: Task;
  /** Aborted when the task is cancelled, its agent is paused or removed, or the server stops. */
  signal: AbortSignal;
  /** Reports progress (0-1) and the current step to the task and its agent. */
  progress(fraction: number, step?: string | null): Promise<void>;
}

/** `result` is stored on the task (keep it small); `value` goes back to whoever awaits the task in-process. */
export type TaskHandler<V = unknown> = (ctx: TaskContext) => Promise<{ result: JsonValue; value?: V }>;

/** Handlers for direct tasks, by type: the step runs on the description. */
export function directTaskHandlers(steps: JobSteps): Record<TaskType, TaskHandler> {
  const textOf = (task: Task) => {
    const text = task.description.replace(/\s+/g, " ").trim();
    if (text.length === 0) throw new ProcessingError("empty", "the task's description has no text to work on");
    return text;
  };
  return {
    text_extraction: async ({ task }) => {
      const text = textOf(task);
      return { result: { characters: text.length, words: text.split(" ").length, lines: task.description.split(/\r?\n/).length } };
    },
    summarization: async ({ task }) => ({ result: { summary: steps.summarize(textOf(task)) } }),
    entity_extraction: async ({ task, signal }) => ({ result: { entities: await steps.extractEntities(textOf(task), { signal }) } }),
    insight_extraction: async ({ task }) => ({ result: { insights: steps.extractInsights(textOf(task)) } }),
  };
}

/** Whether a retry can fix the failure: a document's own fault cannot be. */
export function isRetryable(error: unknown): boolean {
  return !(error instanceof Error && error.name === "ProcessingError");
}

/** `{code, message, details}` of a failure, for the task's `error`. */
export function errorInfoOf(error: unknown): { code: string; message: string; details: null } {
  if (error instanceof Error && error.name === "ProcessingError") return { code: (error as ProcessingError).code, message: error.message, details: null };
  return { code: "agent_failure", message: error instanceof Error ? error.message : String(error), details: null };
}
