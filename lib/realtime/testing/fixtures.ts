// Valid catalog entities for tests (each field as the protocol schemas require).
import type { Job } from "@/lib/protocol/entities/jobs";
import type { KnowledgeItem } from "@/lib/protocol/entities/knowledge";
import type { Task } from "@/lib/protocol/entities/tasks";
import type { Agent } from "@/lib/protocol/entities/agents";
import type { Insight } from "@/lib/protocol/entities/insights";
import type { Notification } from "@/lib/protocol/entities/notifications";
import type { CatalogEvent } from "@/lib/protocol/events";

export const T0 = Date.parse("2026-01-01T00:00:00.000Z");
export const iso = (offsetSeconds: number) => new Date(T0 + offsetSeconds * 1000).toISOString();

export function makeJob(overrides: Partial<Job> & { job_id: string }): Job {
  return {
    run_id: null,
    type: "document",
    filename: "report.pdf",
    status: "queued",
    progress: 0,
    current_step: null,
    created_at: iso(0),
    started_at: null,
    estimated_completion: null,
    completed_at: null,
    failed_at: null,
    result: null,
    error: null,
    retry_count: 0,
    can_retry: false,
    client_mutation_id: null,
    version: 1,
    ...overrides,
  };
}

export function makeTask(overrides: Partial<Task> & { task_id: string }): Task {
  return {
    job_id: null,
    description: "analyse",
    type: "analysis",
    priority: 5,
    status: "pending",
    agent_id: null,
    progress: 0,
    current_step: null,
    required_capabilities: [],
    attempt_number: 1,
    estimated_completion: null,
    result: null,
    error: null,
    retry_scheduled: false,
    next_retry_at: null,
    assignment_reason: null,
    created_at: iso(0),
    client_mutation_id: null,
    version: 1,
    ...overrides,
  };
}

export function makeAgent(overrides: Partial<Agent> & { agent_id: string }): Agent {
  return {
    name: "Analyst",
    type: "analysis",
    status: "idle",
    current_task: null,
    progress: 0,
    capabilities: [{ name: "analysis", proficiency: 0.8, learning_rate: 0.2 }],
    performance: { tasks_completed: 0, success_rate: 0, average_processing_time: 0, average_response_time_ms: 0 },
    created_at: iso(0),
    client_mutation_id: null,
    version: 1,
    ...overrides,
  };
}

export function makeInsight(overrides: Partial<Insight> & { insight_id: string }): Insight {
  return {
    title: "Volume rose",
    description: "More jobs than the hour before",
    type: "trend",
    confidence: 0.8,
    metadata: {},
    created_at: iso(0),
    version: 1,
    ...overrides,
  };
}

export function makeKnowledge(overrides: Partial<KnowledgeItem> & { item_id: string }): KnowledgeItem {
  return {
    title: "Item",
    type: "fact",
    content: "text",
    source_job: null,
    tags: [],
    created_at: iso(0),
    updated_at: iso(0),
    version: 1,
    ...overrides,
  };
}

export function makeNotification(overrides: Partial<Notification> & { id: string }): Notification {
  return {
    user_id: "u1",
    title: "Hello",
    message: "msg",
    level: "info",
    link: null,
    read_at: null,
    created_at: iso(0),
    version: 1,
    ...overrides,
  };
}

let seq = 0;
/** A durable event envelope around `data` (ids increase). */
export function ev<T extends CatalogEvent["type"]>(type: T, topic: string, data: Extract<CatalogEvent, { type: T }>["data"], id?: string): CatalogEvent {
  seq += 1;
  return { type, topic, id: id ?? `${1_700_000_000_000 + seq}-0`, ts: iso(seq), data } as CatalogEvent;
}

/** An ephemeral event envelope (no id). */
export function eph<T extends CatalogEvent["type"]>(type: T, topic: string, data: Extract<CatalogEvent, { type: T }>["data"]): CatalogEvent {
  seq += 1;
  return { type, topic, ts: iso(seq), data } as CatalogEvent;
}
