// REST shapes of the agent routes (list, add, pause, resume, remove) and the hive status.
import { z } from "zod";
import type { Agent } from "@/lib/protocol/entities/agents";
import type { HiveStatusUpdate } from "@/lib/protocol/entities/system";
import type { Page } from "./jobs";
import { capabilityNameSchema } from "./tasks";

export const agentCapabilityInput = z.object({
  name: capabilityNameSchema,
  proficiency: z.number().min(0, "must be between 0 and 1").max(1, "must be between 0 and 1"),
  learning_rate: z.number().min(0, "must be between 0 and 1").max(1, "must be between 0 and 1").default(0.2),
});

/** POST /api/agents: a new agent starts idle and takes work at once. */
export const createAgentBody = z.object({
  name: z.string().trim().min(1, "is required").max(60, "is longer than 60 characters"),
  type: z.string().trim().min(1).max(40).default("custom"),
  capabilities: z
    .array(agentCapabilityInput)
    .min(1, "an agent needs at least one capability")
    .max(12, "at most 12 capabilities")
    .refine((caps) => new Set(caps.map((c) => c.name)).size === caps.length, "names a capability twice"),
  client_mutation_id: z.string().trim().min(1).max(128).optional(),
});
export type CreateAgentBody = z.infer<typeof createAgentBody>;

/** POST /api/agents/{id}/pause and /resume: an optional reason shown in the activity feed. */
export const agentActionBody = z.object({
  reason: z.string().trim().max(200).optional(),
});

/** GET /api/agents: every agent (a hive is small), oldest first; next_cursor is always null. */
export type AgentsPage = Page<Agent>;

/** GET /api/agents/hive: the hive status as `hive_status_update` carries it. */
export type HiveStatusResponse = HiveStatusUpdate;
