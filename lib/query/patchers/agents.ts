// Agents patchers: whole-agent events upsert, agent_removed removes for good, the rest feed the activity keys.
import type { QueryClient } from "@tanstack/react-query";
import { removeEntity, upsertEntity } from "../entity-cache";
import { agentsDomain } from "../entity-domains";
import { queryKeys } from "../keys";
import { feedEntry, prependToFeed, type PatcherMap } from "./types";

function toActivity(qc: QueryClient, e: { id?: string; type: string; topic: string; ts: string; data: { agent_id: string } }): void {
  const entry = feedEntry(e);
  prependToFeed(qc, queryKeys.agents.activity(e.data.agent_id), [entry]);
  prependToFeed(qc, queryKeys.agents.activity(), [entry]);
}

export const agentPatchers: PatcherMap = {
  agent_created: (qc, e) => void upsertEntity(qc, agentsDomain, e.data),
  agent_status_update: (qc, e) => void upsertEntity(qc, agentsDomain, e.data),
  agent_performance_updated: (qc, e) => void upsertEntity(qc, agentsDomain, e.data),
  agent_status_changed: (qc, e) => {
    upsertEntity(qc, agentsDomain, e.data);
    toActivity(qc, e);
  },
  // No version on agent_removed: the removal is final (agent ids are never reused).
  agent_removed: (qc, e) => {
    removeEntity(qc, agentsDomain, e.data.agent_id);
    toActivity(qc, e);
  },
  agent_task_completed: toActivity,
  agent_error: toActivity,
  agent_activity: toActivity,
  agent_message: toActivity,
  learning_cycle_started: toActivity,
  learning_cycle_completed: toActivity,
};
