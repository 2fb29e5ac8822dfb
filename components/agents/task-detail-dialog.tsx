"use client";
// TaskDetailDialog: one task, live: status, agent, why it was assigned (or still waits), progress,
// attempts and retries, error, result, and Cancel while it is unfinished.
import Link from "next/link";
import { Ban, ExternalLink } from "lucide-react";

import { RelativeTime } from "@/components/jobs/now-context";
import { QueryErrorAlert } from "@/components/ui/query-error";
import { Button } from "@/components/ui/button";
import { Dialog, DialogContent, DialogDescription, DialogHeader, DialogTitle } from "@/components/ui/dialog";
import { Progress } from "@/components/ui/progress";
import { Skeleton } from "@/components/ui/skeleton";
import { canCancelTask, useCancelTask, useTask } from "@/lib/query/hooks/use-tasks";
import { capabilityLabel, formatPercent, taskTypeLabel } from "./agent-format";
import { TaskStatusBadge } from "./task-status-badge";
import { waitingReason } from "./tasks-panel";

export function TaskDetailDialog({
  taskId,
  onOpenChange,
  agentName,
}: {
  /** null: closed. */
  taskId: string | null;
  onOpenChange: (open: boolean) => void;
  agentName: (agentId: string) => string;
}) {
  return (
    <Dialog open={taskId !== null} onOpenChange={onOpenChange}>
      <DialogContent className="sm:max-w-xl" data-testid="task-detail">
        {taskId !== null ? <TaskDetail taskId={taskId} agentName={agentName} /> : null}
      </DialogContent>
    </Dialog>
  );
}

function TaskDetail({ taskId, agentName }: { taskId: string; agentName: (agentId: string) => string }) {
  const query = useTask(taskId);
  const cancel = useCancelTask();
  const task = query.data;

  if (!task) {
    return (
      <>
        <DialogHeader>
          <DialogTitle>Task</DialogTitle>
          <DialogDescription>{taskId}</DialogDescription>
        </DialogHeader>
        {query.isError ? (
          <QueryErrorAlert title="Could not load the task" error={query.error} onRetry={() => void query.refetch()} busy={query.isFetching} />
        ) : (
          <div className="grid gap-3" aria-busy="true">
            <span className="sr-only" role="status">
              Loading the task…
            </span>
            <Skeleton className="h-5 w-2/3" />
            <Skeleton className="h-16 w-full" />
            <Skeleton className="h-4 w-1/2" />
          </div>
        )}
      </>
    );
  }

  const finished = task.status === "completed" || task.status === "failed" || task.status === "cancelled";
  return (
    <>
      <DialogHeader>
        <DialogTitle className="flex flex-wrap items-center gap-2">
          {taskTypeLabel(task.type)} task
          <TaskStatusBadge status={task.status} creating={task._pending} action={task._action} />
        </DialogTitle>
        <DialogDescription>
          {task.job_id ? "A step of a processing job" : "A standalone task"} · created <RelativeTime iso={task.created_at} />
        </DialogDescription>
      </DialogHeader>

      <p className="max-h-48 overflow-y-auto whitespace-pre-wrap break-words rounded-md bg-muted/50 p-3 text-sm">{task.description || "(no description)"}</p>

      <dl className="grid grid-cols-[8.5rem_minmax(0,1fr)] gap-x-4 gap-y-2 text-sm">
        <dt className="text-muted-foreground">Agent</dt>
        <dd>{task.agent_id ? agentName(task.agent_id) : "Not assigned"}</dd>
        {task.assignment_reason ? (
          <>
            <dt className="text-muted-foreground">{task.status === "pending" ? "Waiting" : "Why this agent"}</dt>
            <dd>{task.status === "pending" ? capitalize(waitingReason(task.assignment_reason)) : task.assignment_reason}</dd>
          </>
        ) : null}
        <dt className="text-muted-foreground">Priority</dt>
        <dd className="tabular-nums">{task.priority} of 10</dd>
        <dt className="text-muted-foreground">Attempt</dt>
        <dd className="tabular-nums">{task.attempt_number}</dd>
        <dt className="text-muted-foreground">Progress</dt>
        <dd className="flex items-center gap-2">
          <Progress value={task.progress} label="Task progress" tone={task.status === "failed" ? "destructive" : finished ? "success" : "info"} className="max-w-48" />
          <span className="text-xs tabular-nums text-muted-foreground" aria-hidden="true">
            {formatPercent(task.progress)}
          </span>
          {task.current_step ? <span className="text-xs text-muted-foreground">· {task.current_step}</span> : null}
        </dd>
        <dt className="text-muted-foreground">Needs</dt>
        <dd>
          {task.required_capabilities.length === 0
            ? "Nothing in particular"
            : task.required_capabilities.map((c) => `${capabilityLabel(c.name)} ≥ ${formatPercent(c.min_proficiency)}`).join(", ")}
        </dd>
        {task.retry_scheduled && task.next_retry_at ? (
          <>
            <dt className="text-muted-foreground">Next retry</dt>
            <dd>
              <RelativeTime iso={task.next_retry_at} />
            </dd>
          </>
        ) : null}
        {task.estimated_completion && !finished ? (
          <>
            <dt className="text-muted-foreground">Expected done</dt>
            <dd>
              <RelativeTime iso={task.estimated_completion} />
            </dd>
          </>
        ) : null}
        {task.error ? (
          <>
            <dt className="text-muted-foreground">Error</dt>
            <dd className="text-destructive">
              {task.error.message} <span className="text-xs text-muted-foreground">({task.error.code})</span>
            </dd>
          </>
        ) : null}
      </dl>

      {task.result != null ? (
        <div className="grid gap-1.5">
          <p className="text-sm font-medium">Result</p>
          <pre className="max-h-48 overflow-auto rounded-md bg-muted/50 p-3 text-xs">{resultText(task.result)}</pre>
        </div>
      ) : null}

      <div className="flex flex-wrap justify-end gap-2">
        {task.job_id ? (
          <Button asChild variant="outline" size="sm">
            <Link href={`/jobs/${encodeURIComponent(task.job_id)}`}>
              <ExternalLink aria-hidden="true" />
              Open the job
            </Link>
          </Button>
        ) : null}
        {!finished || task._action ? (
          <Button variant="outline" size="sm" disabled={!canCancelTask(task)} onClick={() => cancel.mutate(task)}>
            <Ban aria-hidden="true" />
            {task._action === "cancel" ? "Cancelling…" : "Cancel task"}
          </Button>
        ) : null}
      </div>
    </>
  );
}

function capitalize(text: string): string {
  return text ? text[0]!.toUpperCase() + text.slice(1) : text;
}

function resultText(result: unknown): string {
  const text = typeof result === "string" ? result : JSON.stringify(result, null, 2);
  return text.length > 4_000 ? `${text.slice(0, 4_000)}\n…` : text;
}
