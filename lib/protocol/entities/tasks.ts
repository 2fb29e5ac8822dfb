// Agent tasks (topics `tasks`, `tasks:{task_id}`): the Task entity and its events' data.
import { z } from "zod";
import { entityVersionSchema, errorInfoSchema, fractionSchema, isoDateTimeSchema, jsonValueSchema, topicIdSchema } from "./common";

export const TASK_STATUSES = ["pending", "assigned", "running", "completed", "failed", "cancelled"] as const;
export const taskStatusSchema = z.enum(TASK_STATUSES);
export type TaskStatus = z.infer<typeof taskStatusSchema>;

export const requiredCapabilitySchema = z.object({
  name: z.string().min(1),
  /** 0-1. */
  min_proficiency: fractionSchema,
});
export type RequiredCapability = z.infer<typeof requiredCapabilitySchema>;

export const taskSchema = z.object({
  task_id: topicIdSchema,
  /** The processing job the task works for; null for a standalone task. */
  job_id: topicIdSchema.nullable(),
  description: z.string(),
  type: z.string().min(1),
  /** 0 (lowest) to 10 (most urgent). */
  priority: z.number().int().min(0).max(10),
  status: taskStatusSchema,
  agent_id: topicIdSchema.nullable(),
  /** 0-1 (jobs use 0-100). */
  progress: fractionSchema,
  current_step: z.string().nullable(),
  required_capabilities: z.array(requiredCapabilitySchema),
  /** 1 for the first attempt. */
  attempt_number: z.number().int().min(1),
  estimated_completion: isoDateTimeSchema.nullable(),
  result: jsonValueSchema.nullable(),
  error: errorInfoSchema.nullable(),
  retry_scheduled: z.boolean(),
  next_retry_at: isoDateTimeSchema.nullable(),
  /**
   * Not in PROTOCOL.md: why the scheduler chose the agent (assigned, running, done), or why the task
   * still waits (pending). Null before the scheduler first looked at it.
   */
  assignment_reason: z.string().nullable().default(null),
  created_at: isoDateTimeSchema,
  client_mutation_id: z.string().min(1).max(128).nullable(),
  version: entityVersionSchema,
});
export type Task = z.infer<typeof taskSchema>;

/** `task_created` and `task_progress`: the whole task. */
export const taskCreatedSchema = taskSchema;
export const taskProgressSchema = taskSchema;
/** Transition events carry the task in the state they announce. */
export const taskAssignedSchema = taskSchema.extend({ status: z.literal("assigned"), agent_id: topicIdSchema });
export const taskStartedSchema = taskSchema.extend({ status: z.literal("running") });
export const taskCompletedSchema = taskSchema.extend({ status: z.literal("completed") });
export const taskFailedSchema = taskSchema.extend({ status: z.literal("failed") });
export const taskCancelledSchema = taskSchema.extend({ status: z.literal("cancelled") });
