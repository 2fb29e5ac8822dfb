"use client";
// Agent actions (pause / resume / remove): one set of optimistic mutations per page, the remove
// confirmation dialog, and the card's buttons.
import * as React from "react";
import { ConfirmDialog } from "@/components/ui/confirm-dialog";
import { LoaderCircle, Pause, Play, Trash2 } from "lucide-react";

import { Button } from "@/components/ui/button";
import { allowedAgentActions, usePauseAgent, useRemoveAgent, useResumeAgent, type AgentRow } from "@/lib/query/hooks/use-agents";
import { AGENT_ACTION_LABELS } from "./agent-status-badge";

interface AgentActions {
  pause(agent: AgentRow): void;
  resume(agent: AgentRow): void;
  /** Asks for confirmation, then removes. */
  requestRemove(agent: AgentRow): void;
}

const AgentActionsContext = React.createContext<AgentActions | null>(null);

export function useAgentActions(): AgentActions {
  const ctx = React.useContext(AgentActionsContext);
  if (!ctx) throw new Error("useAgentActions: wrap the tree in <AgentActionsProvider>");
  return ctx;
}

export function AgentActionsProvider({ children }: { children: React.ReactNode }) {
  const pause = usePauseAgent();
  const resume = useResumeAgent();
  const remove = useRemoveAgent();
  const [confirming, setConfirming] = React.useState<AgentRow | null>(null);

  const actions = React.useMemo<AgentActions>(
    () => ({
      pause: (agent) => pause.mutate(agent),
      resume: (agent) => resume.mutate(agent),
      requestRemove: (agent) => setConfirming(agent),
    }),
    // The mutate functions are stable.
    [pause.mutate, resume.mutate],
  );

  return (
    <AgentActionsContext.Provider value={actions}>
      {children}
      <ConfirmRemoveDialog
        agent={confirming}
        onOpenChange={(open) => !open && setConfirming(null)}
        onConfirm={(agent) => {
          setConfirming(null);
          remove.mutate(agent);
        }}
      />
    </AgentActionsContext.Provider>
  );
}

/** The card's Pause (or Resume) and Remove buttons; the one in flight shows its progress. */
export function AgentActionButtons({ agent }: { agent: AgentRow }) {
  const actions = useAgentActions();
  const allowed = allowedAgentActions(agent);
  // While an action is in flight the card shows the status it leads to; keep its button in place.
  const shownStatus = agent._action === "pause" ? "working" : agent._action === "resume" ? "paused" : agent.status;
  const canResume = shownStatus === "paused" || shownStatus === "error" || shownStatus === "offline";
  const canPause = shownStatus !== "paused" && shownStatus !== "offline";
  return (
    <div className="flex flex-wrap items-center gap-2">
      {canResume ? (
        <Button
          variant="outline"
          size="sm"
          disabled={!allowed.resume}
          onClick={() => actions.resume(agent)}
          aria-label={`Resume ${agent.name}`}
          data-testid="agent-resume"
        >
          {agent._action === "resume" ? <LoaderCircle className="motion-safe:animate-spin" aria-hidden="true" /> : <Play aria-hidden="true" />}
          {agent._action === "resume" ? AGENT_ACTION_LABELS.resume : "Resume"}
        </Button>
      ) : null}
      {canPause ? (
        <Button
          variant="outline"
          size="sm"
          disabled={!allowed.pause}
          onClick={() => actions.pause(agent)}
          aria-label={`Pause ${agent.name}`}
          data-testid="agent-pause"
        >
          {agent._action === "pause" ? <LoaderCircle className="motion-safe:animate-spin" aria-hidden="true" /> : <Pause aria-hidden="true" />}
          {agent._action === "pause" ? AGENT_ACTION_LABELS.pause : "Pause"}
        </Button>
      ) : null}
      <Button
        variant="ghost"
        size="sm"
        className="text-destructive hover:bg-destructive/10 hover:text-destructive"
        disabled={!allowed.remove}
        onClick={() => actions.requestRemove(agent)}
        aria-label={`Remove ${agent.name}`}
        data-testid="agent-remove"
      >
        {agent._action === "remove" ? <LoaderCircle className="motion-safe:animate-spin" aria-hidden="true" /> : <Trash2 aria-hidden="true" />}
        {agent._action === "remove" ? AGENT_ACTION_LABELS.remove : "Remove"}
      </Button>
    </div>
  );
}

function ConfirmRemoveDialog({
  agent,
  onOpenChange,
  onConfirm,
}: {
  agent: AgentRow | null;
  onOpenChange: (open: boolean) => void;
  onConfirm: (agent: AgentRow) => void;
}) {
  return (
    <ConfirmDialog
      subject={agent}
      onOpenChange={onOpenChange}
      onConfirm={onConfirm}
      title={(a) => `Remove ${a.name}?`}
      description={(a) => (
        <>
          {a.status === "working" && a.current_task !== null
            ? `${a.name} leaves the hive and its current task moves to another agent. `
            : `${a.name} leaves the hive and takes no more work. `}
          Its history stays in finished tasks. This cannot be undone.
        </>
      )}
      confirmLabel="Remove"
      testId="confirm-remove-agent"
    />
  );
}
