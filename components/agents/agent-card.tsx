"use client";
// AgentCard: one live agent: status, current task with its progress, capabilities as meters,
// performance, and the Pause / Resume / Remove actions; pending cards look pending. Plus its skeleton.
import { Bot } from "lucide-react";

import { Progress } from "@/components/ui/progress";
import { Skeleton } from "@/components/ui/skeleton";
import type { AgentRow } from "@/lib/query/hooks/use-agents";
import { useTask } from "@/lib/query/hooks/use-tasks";
import { cn } from "@/lib/utils";
import { AgentActionButtons } from "./agent-actions";
import { capabilityLabel, formatPercent, performanceFigures } from "./agent-format";
import { AgentStatusBadge } from "./agent-status-badge";

export function AgentCard({ agent, onOpenTask }: { agent: AgentRow; onOpenTask: (taskId: string) => void }) {
  const busy = agent._pending === true || agent._action !== undefined;
  const perf = performanceFigures(agent.performance);
  const headingId = `agent-${agent.agent_id}-name`;
  return (
    <article
      aria-labelledby={headingId}
      aria-busy={busy || undefined}
      data-testid="agent-card"
      data-agent-id={agent.agent_id}
      data-status={agent.status}
      data-pending={agent._pending ? "add" : agent._action}
      className={cn(
        "flex flex-col gap-4 rounded-xl border bg-card p-4 text-card-foreground shadow-xs transition-opacity",
        busy && "border-dashed",
      )}
    >
      <div className={cn("grid gap-4", busy && "opacity-75")}>
        <header className="flex items-start justify-between gap-3">
          <div className="flex min-w-0 items-center gap-3">
            <div className="flex size-9 shrink-0 items-center justify-center rounded-lg bg-muted text-muted-foreground">
              <Bot className="size-5" aria-hidden="true" />
            </div>
            <div className="grid min-w-0 gap-0.5">
              <h3 id={headingId} className="truncate font-semibold leading-tight" title={agent.name}>
                {agent.name}
              </h3>
              <p className="truncate text-xs text-muted-foreground">{capabilityLabel(agent.type)} agent</p>
            </div>
          </div>
          <AgentStatusBadge status={agent.status} adding={agent._pending === true} action={agent._action} />
        </header>

        <div className="grid gap-1.5">
          <p className="text-xs font-medium text-muted-foreground">Current task</p>
          {agent.current_task ? (
            <CurrentTask agent={agent} taskId={agent.current_task} onOpen={onOpenTask} />
          ) : (
            <p className="text-sm text-muted-foreground">{IDLE_TEXT[agent.status]}</p>
          )}
        </div>

        <div className="grid gap-1.5">
          <p className="text-xs font-medium text-muted-foreground" id={`${headingId}-caps`}>
            Capabilities
          </p>
          {agent.capabilities.length === 0 ? (
            <p className="text-sm text-muted-foreground">None</p>
          ) : (
            <ul aria-labelledby={`${headingId}-caps`} className="grid gap-1.5">
              {agent.capabilities.map((c) => (
                <li key={c.name} className="grid grid-cols-[minmax(0,7.5rem)_1fr_2.5rem] items-center gap-2 text-sm">
                  <span className="truncate" title={c.name}>
                    {capabilityLabel(c.name)}
                  </span>
                  <Progress
                    kind="meter"
                    value={c.proficiency}
                    label={`${capabilityLabel(c.name)} proficiency of ${agent.name}`}
                    tone="default"
                  />
                  <span className="text-right text-xs tabular-nums text-muted-foreground" aria-hidden="true">
                    {formatPercent(c.proficiency)}
                  </span>
                </li>
              ))}
            </ul>
          )}
        </div>

        <dl className="grid grid-cols-3 gap-2 rounded-lg bg-muted/50 px-3 py-2 text-center">
          <Figure label="Tasks done" value={perf.completed} />
          <Figure label="Success rate" value={perf.successRate} />
          <Figure label="Avg. time" value={perf.averageTime} />
        </dl>
      </div>

      <footer className="mt-auto">
        <AgentActionButtons agent={agent} />
      </footer>
    </article>
  );
}

const IDLE_TEXT: Record<AgentRow["status"], string> = {
  idle: "Waiting for work",
  working: "Starting a task…",
  paused: "Paused: takes no new work",
  error: "Stopped after an error",
  offline: "Offline",
};

function Figure({ label, value }: { label: string; value: string }) {
  return (
    <div className="grid gap-0.5">
      <dt className="text-[0.7rem] text-muted-foreground">{label}</dt>
      <dd className="text-sm font-semibold tabular-nums">{value}</dd>
    </div>
  );
}

/** The task an agent works on: its description (opens the task) and the agent's progress on it. */
function CurrentTask({ agent, taskId, onOpen }: { agent: AgentRow; taskId: string; onOpen: (taskId: string) => void }) {
  const task = useTask(taskId);
  const description = task.data?.description?.trim() || (task.isPending ? null : taskId);
  return (
    <div className="grid gap-1.5">
      <button
        type="button"
        onClick={() => onOpen(taskId)}
        className="w-fit max-w-full truncate rounded-sm text-left text-sm font-medium underline decoration-muted-foreground/50 underline-offset-4 outline-none hover:decoration-foreground focus-visible:ring-[3px] focus-visible:ring-ring/50"
        title={description ?? undefined}
        data-testid="agent-current-task"
      >
        {description ?? <span className="text-muted-foreground">Loading task…</span>}
      </button>
      <div className="flex items-center gap-2">
        <Progress value={agent.progress} label={`Progress of ${agent.name} on its current task`} tone="info" />
        <span className="w-9 shrink-0 text-right text-xs tabular-nums text-muted-foreground" aria-hidden="true">
          {formatPercent(agent.progress)}
        </span>
      </div>
    </div>
  );
}

/** A card's loading placeholder. */
export function AgentCardSkeleton() {
  return (
    <div className="grid gap-4 rounded-xl border bg-card p-4" aria-hidden="true">
      <div className="flex items-center justify-between gap-3">
        <div className="flex items-center gap-3">
          <Skeleton className="size-9 rounded-lg" />
          <div className="grid gap-1.5">
            <Skeleton className="h-4 w-28" />
            <Skeleton className="h-3 w-20" />
          </div>
        </div>
        <Skeleton className="h-6 w-16 rounded-full" />
      </div>
      <Skeleton className="h-4 w-3/4" />
      <Skeleton className="h-1.5 w-full" />
      <div className="grid gap-2">
        <Skeleton className="h-3 w-full" />
        <Skeleton className="h-3 w-full" />
      </div>
      <Skeleton className="h-12 w-full" />
      <div className="flex gap-2">
        <Skeleton className="h-8 w-20" />
        <Skeleton className="h-8 w-20" />
      </div>
    </div>
  );
}
