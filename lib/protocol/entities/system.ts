// Host and hive state (topics `system`, `system:alerts`): the data of every system event.
import { z } from "zod";
import { entityIdSchema, errorInfoSchema, jsonValueSchema, nonNegativeSchema, nonNegativeIntSchema, percentSchema, severitySchema } from "./common";

const usageBlock = z.object({
  /** Bytes. */
  total: nonNegativeSchema,
  used: nonNegativeSchema,
  free: nonNegativeSchema,
  /** 0-100. */
  usage: percentSchema,
});

/** `system_metrics` (ephemeral, every second). Sizes in bytes, speeds in bytes per second, usage in percent. */
export const systemMetricsSchema = z.object({
  cpu: z.object({
    usage: percentSchema,
    cores: z.number().int().positive(),
    /** GHz. */
    frequency: nonNegativeSchema,
  }),
  memory: usageBlock,
  disk: usageBlock,
  network: z.object({
    rx: nonNegativeSchema,
    tx: nonNegativeSchema,
    rxSpeed: nonNegativeSchema,
    txSpeed: nonNegativeSchema,
  }),
});
export type SystemMetrics = z.infer<typeof systemMetricsSchema>;

/** `process_update` (ephemeral): one process. cpu_usage may pass 100 on several cores; memory_usage in percent. */
export const processUpdateSchema = z.object({
  pid: nonNegativeIntSchema,
  name: z.string(),
  cpu_usage: nonNegativeSchema,
  memory_usage: nonNegativeSchema,
});
export type ProcessUpdate = z.infer<typeof processUpdateSchema>;

/** `network_update` (ephemeral): one interface, bytes received and sent. */
export const networkUpdateSchema = z.object({
  name: z.string().min(1),
  rx: nonNegativeSchema,
  tx: nonNegativeSchema,
});
export type NetworkUpdate = z.infer<typeof networkUpdateSchema>;

export const HIVE_STATUSES = ["healthy", "degraded", "critical"] as const;
export const hiveStatusSchema = z.enum(HIVE_STATUSES);
export type HiveStatus = z.infer<typeof hiveStatusSchema>;

/** `hive_status_update` (ephemeral): the agent hive at a glance. */
export const hiveStatusUpdateSchema = z.object({
  status: hiveStatusSchema,
  metrics: z.object({
    total_agents: nonNegativeIntSchema,
    active_agents: nonNegativeIntSchema,
    pending_tasks: nonNegativeIntSchema,
    completed_tasks_today: nonNegativeIntSchema,
    /** 0-1 normally; above 1 when overloaded. */
    system_load: nonNegativeSchema,
  }),
  alerts: z.array(z.object({ level: severitySchema, message: z.string() })),
});
export type HiveStatusUpdate = z.infer<typeof hiveStatusUpdateSchema>;

export const systemAlertSchema = z.object({
  level: severitySchema,
  title: z.string().min(1),
  message: z.string(),
  details: jsonValueSchema.nullable(),
});
export type SystemAlert = z.infer<typeof systemAlertSchema>;

export const RESOURCE_TRENDS = ["increasing", "decreasing", "stable"] as const;

export const resourceAlertSchema = z.object({
  /** e.g. `cpu`, `memory`, `disk`, `network`. */
  resource: z.string().min(1),
  usage_percent: percentSchema,
  threshold_percent: percentSchema,
  trend: z.enum(RESOURCE_TRENDS),
  recommendations: z.array(z.string()),
});
export type ResourceAlert = z.infer<typeof resourceAlertSchema>;

export const moduleStatusChangedSchema = z.object({
  module: z.string().min(1),
  old_status: z.string().min(1),
  new_status: z.string().min(1),
  reason: z.string().nullable(),
  affected_functions: z.array(z.string()),
});
export type ModuleStatusChanged = z.infer<typeof moduleStatusChangedSchema>;

export const interModuleMessageSchema = z.object({
  from_module: z.string().min(1),
  to_module: z.string().min(1),
  message_type: z.string().min(1),
  payload: jsonValueSchema,
});
export type InterModuleMessage = z.infer<typeof interModuleMessageSchema>;

/** `coordination_event`, e.g. the agent scheduler rebalancing work. */
export const coordinationEventSchema = z.object({
  event_type: z.string().min(1),
  module: z.string().min(1),
  details: jsonValueSchema,
});
export type CoordinationEvent = z.infer<typeof coordinationEventSchema>;

export const errorOccurredSchema = z.object({
  error_id: entityIdSchema,
  component: z.string().min(1),
  error: errorInfoSchema,
  severity: severitySchema,
});
export type ErrorOccurred = z.infer<typeof errorOccurredSchema>;
