// REST shapes of the task routes, and the task types agents can run (each needs one capability).
import { z } from "zod";
import { TASK_STATUSES, type Task } from "@/lib/protocol/entities/tasks";
import type { Page } from "./jobs";

/**
 * Every task type, the capability it needs and what it does. A job's four processing steps are
 * tasks of these types; a task created directly runs the same step on its description.
 */
export const TASK_TYPES = {
  text_extraction: { capability: "extraction", label: "Text extraction", description: "Normalises the text and counts its words and lines" },
  summarization: { capability: "summarization", label: "Summarization", description: "Writes an extractive summary" },
  entity_extraction: { capability: "entity_recognition", label: "Entity extraction", description: "Finds people, places, organisations, dates and amounts" },
  insight_extraction: { capability: "analysis", label: "Analysis", description: "Length, language and top terms" },
} as const;
export type TaskType = keyof typeof TASK_TYPES;
export const TASK_TYPE_NAMES = Object.keys(TASK_TYPES) as [TaskType, ...TaskType[]];

/** The minimum proficiency a task asks for when its creator does not say. */
export const DEFAULT_MIN_PROFICIENCY = 0.5;

/** Capability names: lower case words joined by `_` (e.g. `entity_recognition`). */
export const capabilityNameSchema = z
  .string()
  .trim()
  .toLowerCase()
  .regex(/^[a-z][a-z0-9_]{0,39}$/, "must be 1-40 characters of a-z 0-9 _, starting with a letter");

export const requiredCapabilityInput = z.object({
  name: capabilityNameSchema,
  min_proficiency: z.number().min(0, "must be between 0 and 1").max(1, "must be between 0 and 1").default(DEFAULT_MIN_PROFICIENCY),
});

/** POST /api/tasks. Without `required_capabilities` the task needs its type's capability at 0.5. */
export const createTaskBody = z.object({
  description: z.string().trim().min(1, "is required").max(20_000, "is longer than 20,000 characters"),
  type: z.enum(TASK_TYPE_NAMES, { error: `must be one of ${TASK_TYPE_NAMES.join(", ")}` }),
  priority: z.number().int().min(0, "must be 0-10").max(10, "must be 0-10").default(5),
  required_capabilities: z
    .array(requiredCapabilityInput)
    .max(8, "at most 8 capabilities")
    .refine((caps) => new Set(caps.map((c) => c.name)).size === caps.length, "names a capability twice")
    .optional(),
  client_mutation_id: z.string().trim().min(1).max(128).optional(),
});
export type CreateTaskBody = z.infer<typeof createTaskBody>;

const csv = <T extends string>(values: readonly [T, ...T[]]) =>
  z
    .string()
    .transform((v) => v.split(",").map((s) => s.trim()).filter(Boolean))
    .pipe(z.array(z.enum(values)));

/** GET /api/tasks: newest first; `status=pending,running&agent_id=&job_id=&type=&standalone=true&cursor=&limit=`. */
export const listTasksQuery = z.object({
  status: csv(TASK_STATUSES).optional(),
  agent_id: z.string().max(128).optional(),
  job_id: z.string().max(128).optional(),
  type: z.string().max(64).optional(),
  /** true: only tasks created directly (no job); false: only jobs' step tasks. */
  standalone: z.enum(["true", "false"]).transform((v) => v === "true").optional(),
  cursor: z.string().max(200).optional(),
  limit: z.coerce.number().int().min(1).max(200).default(50),
});
export type ListTasksQuery = z.infer<typeof listTasksQuery>;

export type TasksPage = Page<Task>;
