"use client";
// Agents data hooks: the live list, adding an agent (a pending card confirmed by client_mutation_id),
// the optimistic pause / resume / remove actions, and the push-fed activity feed.
import * as React from "react";
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { toast } from "sonner";

import type { AgentsPage, CreateAgentBody } from "@/lib/api/agents";
import type { Agent } from "@/lib/protocol/entities/agents";
import type { EventOfType } from "@/lib/protocol/events";
import type { ClientMarkers } from "../collections";
import { agentsDomain } from "../entity-domains";
import { apiFetch } from "../fetchers";
import { queryKeys } from "../keys";
import { confirmPending, insertPending, rollbackPending } from "../optimistic";
import type { FeedEntry } from "../patchers";
import { useEntityList } from "./use-entity-query";
import { rejectionMessage, useEntityAction } from "./use-entity-action";
import { newClientMutationId } from "./use-jobs";

/** An action sent to the server and not answered yet (shown on the card; never part of the agent). */
export type PendingAgentAction = "pause" | "resume" | "remove";

/** An agent as the caches hold it: a pending "add" carries `_pending`, an action in flight `_action`. */
export type AgentRow = Agent & ClientMarkers & { _action?: PendingAgentAction };

/** Every agent (a hive is small: one page), pending ones included. Subscribe to `agents` beside it. */
export function useAgentsList(options: { enabled?: boolean } = {}) {
  return useEntityList<AgentRow>(
    queryKeys.agents.list(),
    ({ cursor, signal }) => apiFetch<AgentsPage>("/api/agents", { query: { cursor: cursor ?? undefined }, signal }),
    options,
  );
}

/** The agents in the order the page shows them: oldest first (as the route lists them), pending ones last. */
export function sortAgents<T extends Pick<AgentRow, "created_at" | "agent_id" | "_pending">>(agents: readonly T[]): T[] {
  return [...agents].sort((a, b) => {
    if (!!a._pending !== !!b._pending) return a._pending ? 1 : -1;
    return Date.parse(a.created_at) - Date.parse(b.created_at) || a.agent_id.localeCompare(b.agent_id);
  });
}

// ---- add ----

/** What the "Add agent" form sends; learning rates default to the route's 0.2. */
export type AddAgentInput = Omit<CreateAgentBody, "client_mutation_id" | "capabilities"> & {
  capabilities: Array<{ name: string; proficiency: number; learning_rate?: number }>;
  client_mutation_id?: string;
};
type AddAgentVariables = AddAgentInput & { client_mutation_id: string };

/**
 * Adds an agent: its card shows at once (`_pending`), and becomes the real agent when the 201 or
 * the pushed `agent_created` with its client_mutation_id arrives, whichever is first. On failure
 * the card goes away with a toast that says why; the rejected promise / `error` carries the
 * ApiError (its `issues` name the fields) for the form.
 */
export function useAddAgent() {
  const qc = useQueryClient();
  const mutation = useMutation<Agent, unknown, AddAgentVariables>({
    mutationKey: ["agents", "add"],
    mutationFn: (vars) => apiFetch<Agent>("/api/agents", { method: "POST", json: vars }),
    onMutate: (vars) => {
      insertPending(qc, queryKeys.agents.lists(), pendingAgent(vars), { timeoutMs: 0 });
    },
    onSuccess: (agent, vars) => {
      confirmPending(qc, vars.client_mutation_id, agent, queryKeys.agents.lists());
    },
    onError: (error, vars) => {
      rollbackPending(qc, vars.client_mutation_id, rejectionMessage(`Agent “${vars.name.trim() || "unnamed"}”`, "added", error), {
        toast: errorToast,
      });
    },
  });
  const { mutate, mutateAsync } = mutation;
  const add = React.useCallback(
    (input: AddAgentInput, callbacks?: Parameters<typeof mutate>[1]) =>
      mutate({ ...input, client_mutation_id: input.client_mutation_id ?? newClientMutationId() }, callbacks),
    [mutate],
  );
  const addAsync = React.useCallback(
    (input: AddAgentInput) => mutateAsync({ ...input, client_mutation_id: input.client_mutation_id ?? newClientMutationId() }),
    [mutateAsync],
  );
  return { ...mutation, add, addAsync };
}

/** The optimistic card of an agent being added: idle, no history. */
export function pendingAgent(input: AddAgentVariables, now = new Date()): AgentRow & { client_mutation_id: string } {
  return {
    agent_id: `pending-${input.client_mutation_id}`,
    name: input.name.trim(),
    type: input.type?.trim() || "custom",
    status: "idle",
    current_task: null,
    progress: 0,
    capabilities: input.capabilities.map((c) => ({
      name: c.name.trim().toLowerCase(),
      proficiency: c.proficiency,
      learning_rate: c.learning_rate ?? 0.2,
    })),
    performance: { tasks_completed: 0, success_rate: 0, average_processing_time: 0, average_response_time_ms: 0 },
    created_at: now.toISOString(),
    client_mutation_id: input.client_mutation_id,
    version: 0,
    _pending: true,
  };
}

// ---- actions ----

const agentPath = (agent: AgentRow, action: string) => `/api/agents/${encodeURIComponent(agent.agent_id)}/${action}`;

/** Pauses an agent: its card shows "Pausing…" (and paused) at once; the push confirms it. */
export function usePauseAgent() {
  return useEntityAction<AgentRow, "pause">({
    domain: agentsDomain,
    action: "pause",
    patch: () => ({ status: "paused" }),
    send: (agent) => apiFetch<Agent>(agentPath(agent, "pause"), { method: "POST", json: {} }),
    failure: (agent) => `Could not pause ${agent.name}`,
    shownOn: "the card",
  });
}

/** Resumes a paused (or failed, or offline) agent: its card shows "Resuming…" (and idle) at once; the push confirms it. */
export function useResumeAgent() {
  return useEntityAction<AgentRow, "resume">({
    domain: agentsDomain,
    action: "resume",
    patch: () => ({ status: "idle" }),
    send: (agent) => apiFetch<Agent>(agentPath(agent, "resume"), { method: "POST", json: {} }),
    failure: (agent) => `Could not resume ${agent.name}`,
    shownOn: "the card",
  });
}

/** Removes an agent: its card shows "Removing…" at once and leaves on the 204 (or the push). */
export function useRemoveAgent() {
  return useEntityAction<AgentRow, "remove">({
    domain: agentsDomain,
    action: "remove",
    send: async (agent) => {
      await apiFetch<void>(`/api/agents/${encodeURIComponent(agent.agent_id)}`, { method: "DELETE" });
      return null;
    },
    failure: (agent) => `Could not remove ${agent.name}`,
    shownOn: "the card",
  });
}

/** Which actions the server allows for an agent in its current state (none while one is in flight). */
export function allowedAgentActions(agent: Pick<AgentRow, "status" | "_pending" | "_action">): Record<PendingAgentAction, boolean> {
  const idle = !agent._pending && !agent._action;
  return {
    pause: idle && (agent.status === "idle" || agent.status === "working" || agent.status === "error"),
    resume: idle && (agent.status === "paused" || agent.status === "error" || agent.status === "offline"),
    remove: idle,
  };
}

// ---- activity ----

/** The events the activity feed holds (see patchers/agents.ts). */
export type AgentFeedEventType =
  | "agent_status_changed"
  | "agent_removed"
  | "agent_task_completed"
  | "agent_error"
  | "agent_activity"
  | "agent_message"
  | "learning_cycle_started"
  | "learning_cycle_completed";

/** One entry of the activity feed, typed by its event. */
export type AgentFeedEntry = {
  [T in AgentFeedEventType]: Omit<FeedEntry<EventOfType<T>["data"]>, "type"> & { type: T };
}[AgentFeedEventType];

/**
 * Recent agent activity (newest first), fed only by pushes on `agents` (subscribe beside it): task
 * completions, errors, status changes, learning cycles. `agentId` narrows it to one agent.
 */
export function useAgentActivity(agentId?: string) {
  const qc = useQueryClient();
  const key = queryKeys.agents.activity(agentId);
  return useQuery<AgentFeedEntry[]>({
    queryKey: key,
    // A refetch (e.g. after a resync) keeps what was pushed: there is no route to read the history from.
    queryFn: () => qc.getQueryData<AgentFeedEntry[]>(key) ?? [],
    initialData: [],
    staleTime: Number.POSITIVE_INFINITY,
    gcTime: Number.POSITIVE_INFINITY,
  });
}

/** Error toasts in sonner's neutral style (its rich colours fail WCAG AA contrast). */
function errorToast(message: string): void {
  toast.error(message, { richColors: false });
}
