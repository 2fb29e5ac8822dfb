// Agents (topics `agents`, `agents:{agent_id}`): the Agent entity and the data of every agent event.
import { z } from "zod";
import {
  entityIdSchema,
  entityVersionSchema,
  fractionSchema,
  isoDateTimeSchema,
  jsonValueSchema,
  nonNegativeSchema,
  nonNegativeIntSchema,
  severitySchema,
  topicIdSchema,
} from "./common";

export const AGENT_STATUSES = ["idle", "working", "paused", "error", "offline"] as const;
export const agentStatusSchema = z.enum(AGENT_STATUSES);
export type AgentStatus = z.infer<typeof agentStatusSchema>;

export const agentCapabilitySchema = z.object({
  name: z.string().min(1),
  /** 0-1. */
  proficiency: fractionSchema,
  /** How fast proficiency grows in learning cycles (0-1). */
  learning_rate: fractionSchema,
});
export type AgentCapability = z.infer<typeof agentCapabilitySchema>;

export const agentPerformanceSchema = z.object({
  tasks_completed: nonNegativeIntSchema,
  /** 0-1. */
  success_rate: fractionSchema,
  /** Mean time to process a task, in milliseconds. */
  average_processing_time: nonNegativeSchema,
  average_response_time_ms: nonNegativeSchema,
});
export type AgentPerformance = z.infer<typeof agentPerformanceSchema>;

export const agentSchema = z.object({
  agent_id: topicIdSchema,
  name: z.string().min(1),
  type: z.string().min(1),
  status: agentStatusSchema,
  /** task_id of the task the agent works on, or null. */
  current_task: topicIdSchema.nullable(),
  /** Progress of the current task, 0-1 (as a task's progress). */
  progress: fractionSchema,
  capabilities: z.array(agentCapabilitySchema),
  performance: agentPerformanceSchema,
  created_at: isoDateTimeSchema,
  /** Not in PROTOCOL.md: echoes the id an "add agent" request sent, so the pending card is replaced, not duplicated. */
  client_mutation_id: z.string().min(1).max(128).nullable().default(null),
  version: entityVersionSchema,
});
export type Agent = z.infer<typeof agentSchema>;

/** `agent_created`, `agent_status_update` and `agent_performance_updated`: the whole agent. */
export const agentCreatedSchema = agentSchema;
export const agentStatusUpdateSchema = agentSchema;
export const agentPerformanceUpdatedSchema = agentSchema;

/** `agent_status_changed`: the whole agent plus the transition. */
export const agentStatusChangedSchema = agentSchema.extend({
  old_status: agentStatusSchema,
  new_status: agentStatusSchema,
  reason: z.string().nullable(),
});
export type AgentStatusChanged = z.infer<typeof agentStatusChangedSchema>;

export const agentTaskCompletedSchema = z.object({
  agent_id: topicIdSchema,
  task_id: topicIdSchema,
  job_id: topicIdSchema.nullable(),
  task_type: z.string().min(1),
  /** Milliseconds. */
  duration: nonNegativeSchema,
  result: jsonValueSchema.nullable(),
});
export type AgentTaskCompleted = z.infer<typeof agentTaskCompletedSchema>;

export const agentErrorSchema = z.object({
  agent_id: topicIdSchema,
  error: z.string().min(1),
  severity: severitySchema,
  can_retry: z.boolean(),
  /** job_ids affected by the error. */
  affected_jobs: z.array(topicIdSchema),
});
export type AgentError = z.infer<typeof agentErrorSchema>;

export const agentRemovedSchema = z.object({
  agent_id: topicIdSchema,
  reason: z.string().nullable(),
});
export type AgentRemoved = z.infer<typeof agentRemovedSchema>;

export const agentActivitySchema = z.object({
  agent_id: topicIdSchema,
  activity: z.string().min(1),
  details: jsonValueSchema.nullable(),
});
export type AgentActivity = z.infer<typeof agentActivitySchema>;

export const agentMessageSchema = z.object({
  agent_id: topicIdSchema,
  message: z.string(),
});
export type AgentMessage = z.infer<typeof agentMessageSchema>;

export const learningCycleStartedSchema = z.object({
  cycle_id: entityIdSchema,
  agent_id: topicIdSchema,
  learning_type: z.string().min(1),
  target_capability: z.string().min(1),
  estimated_duration_minutes: nonNegativeSchema,
});
export type LearningCycleStarted = z.infer<typeof learningCycleStartedSchema>;

export const capabilityImprovementSchema = z.object({
  old_value: z.number(),
  new_value: z.number(),
  improvement: z.number(),
});
export type CapabilityImprovement = z.infer<typeof capabilityImprovementSchema>;

export const learningCycleCompletedSchema = z.object({
  cycle_id: entityIdSchema,
  agent_id: topicIdSchema,
  /** Keyed by capability name. */
  improvements: z.record(z.string(), capabilityImprovementSchema),
  duration_ms: nonNegativeSchema,
});
export type LearningCycleCompleted = z.infer<typeof learningCycleCompletedSchema>;
