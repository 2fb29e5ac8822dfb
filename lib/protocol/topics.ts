// Topic grammar: which topics exist, how subscription patterns match them, and which are per-user.
import { z } from "zod";

/** Topic families of PROTOCOL.md. `param` says whether the family takes a `:{id}` suffix. */
export const TOPIC_FAMILIES = {
  jobs: { bare: true, param: true },
  runs: { bare: false, param: true },
  tasks: { bare: true, param: true },
  agents: { bare: true, param: true },
  knowledge: { bare: true, param: false },
  insights: { bare: true, param: false },
  metrics: { bare: true, param: false },
  dags: { bare: true, param: true },
  "dag-runs": { bare: false, param: true },
  market: { bare: false, param: true },
  news: { bare: false, param: true },
  system: { bare: true, param: true },
  alerts: { bare: true, param: false },
  user: { bare: false, param: true },
  announcements: { bare: true, param: false },
  admin: { bare: true, param: false },
} as const satisfies Record<string, { bare: boolean; param: boolean }>;

export type TopicFamily = keyof typeof TOPIC_FAMILIES;

const PARAM_RE = /^[A-Za-z0-9_.-]{1,128}$/;
const MAX_TOPIC_LENGTH = 200;

export interface ParsedTopic {
  family: TopicFamily;
  param: string | null;
}

/** Splits a concrete topic into its family and parameter; null when it is not a topic of the protocol. */
export function parseTopic(topic: string): ParsedTopic | null {
  if (topic.length === 0 || topic.length > MAX_TOPIC_LENGTH) return null;
  const colon = topic.indexOf(":");
  const family = colon === -1 ? topic : topic.slice(0, colon);
  if (!Object.hasOwn(TOPIC_FAMILIES, family)) return null;
  const rules = TOPIC_FAMILIES[family as TopicFamily];
  if (colon === -1) return rules.bare ? { family: family as TopicFamily, param: null } : null;
  const param = topic.slice(colon + 1);
  if (!rules.param || !PARAM_RE.test(param)) return null;
  if (family === "system" && param !== "alerts") return null;
  return { family: family as TopicFamily, param };
}

export function isTopic(topic: string): boolean {
  return parseTopic(topic) !== null;
}

export type TopicPattern =
  | { kind: "all" }
  | { kind: "prefix"; family: TopicFamily }
  | { kind: "exact"; topic: string };

/** Parses a subscription pattern: an exact topic, `family:*` or `*`. Null when malformed. */
export function parsePattern(pattern: string): TopicPattern | null {
  if (pattern === "*") return { kind: "all" };
  if (pattern.endsWith(":*")) {
    const family = pattern.slice(0, -2);
    if (!Object.hasOwn(TOPIC_FAMILIES, family)) return null;
    if (!TOPIC_FAMILIES[family as TopicFamily].param) return null;
    return { kind: "prefix", family: family as TopicFamily };
  }
  return isTopic(pattern) ? { kind: "exact", topic: pattern } : null;
}

/** True when `topic` is covered by `pattern` (`prefix:*` covers `prefix:x` but not the bare `prefix`). */
export function patternMatches(pattern: TopicPattern, topic: string): boolean {
  switch (pattern.kind) {
    case "all":
      return true;
    case "exact":
      return pattern.topic === topic;
    case "prefix":
      return topic.startsWith(`${pattern.family}:`);
  }
}

export function patternToString(pattern: TopicPattern): string {
  switch (pattern.kind) {
    case "all":
      return "*";
    case "exact":
      return pattern.topic;
    case "prefix":
      return `${pattern.family}:*`;
  }
}

export const topicSchema = z.string().refine(isTopic, { message: "not a topic of the protocol" });

/** Topic helpers, so that nobody concatenates topic strings by hand. */
export const topics = {
  jobs: () => "jobs",
  job: (jobId: string) => `jobs:${jobId}`,
  run: (runId: string) => `runs:${runId}`,
  tasks: () => "tasks",
  task: (taskId: string) => `tasks:${taskId}`,
  agents: () => "agents",
  agent: (agentId: string) => `agents:${agentId}`,
  knowledge: () => "knowledge",
  insights: () => "insights",
  metrics: () => "metrics",
  dags: () => "dags",
  dag: (dagId: string) => `dags:${dagId}`,
  dagRun: (runId: string) => `dag-runs:${runId}`,
  market: (ticker: string) => `market:${ticker}`,
  news: (ticker: string) => `news:${ticker}`,
  system: () => "system",
  systemAlerts: () => "system:alerts",
  alerts: () => "alerts",
  user: (userId: string) => `user:${userId}`,
  announcements: () => "announcements",
  admin: () => "admin",
} as const;
