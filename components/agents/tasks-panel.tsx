"use client";
// TasksPanel: the live task queue: status view (active / finished / all) and kind (standalone / job
// steps) filters, a cursor-paged table with "Load more", and its loading, empty and error states.
import * as React from "react";
import Link from "next/link";
import { Ban, Check, ListTodo, LoaderCircle, Plus } from "lucide-react";

import { RelativeTime } from "@/components/jobs/now-context";
import { Button } from "@/components/ui/button";
import { EmptyState } from "@/components/ui/empty-state";
import { Progress } from "@/components/ui/progress";
import { QueryErrorAlert } from "@/components/ui/query-error";
import { Skeleton } from "@/components/ui/skeleton";
import { isApiError } from "@/lib/query/fetchers";
import { canCancelTask, useCancelTask, useTasksList, type TaskFilters, type TaskKind, type TaskRow, type TaskScope } from "@/lib/query/hooks/use-tasks";
import { cn, formatNumber } from "@/lib/utils";
import { formatPercent, NO_VALUE, taskTypeLabel } from "./agent-format";
import { TaskStatusBadge } from "./task-status-badge";

const SCOPES: Array<{ value: TaskScope; label: string }> = [
  { value: "active", label: "Active" },
  { value: "finished", label: "Finished" },
  { value: "all", label: "All" },
];
const KINDS: Array<{ value: TaskKind; label: string }> = [
  { value: "all", label: "All tasks" },
  { value: "standalone", label: "Standalone" },
  { value: "job", label: "Job steps" },
];

export function TasksPanel({
  filters,
  onFiltersChange,
  agentName,
  onOpenTask,
  onNewTask,
}: {
  filters: Required<Pick<TaskFilters, "scope" | "kind">>;
  onFiltersChange: (next: Required<Pick<TaskFilters, "scope" | "kind">>) => void;
  agentName: (agentId: string) => string;
  onOpenTask: (taskId: string) => void;
  onNewTask: () => void;
}) {
  const list = useTasksList(filters);
  const cancel = useCancelTask();

  let body: React.ReactNode;
  if (list.isPending) {
    body = <TasksTableSkeleton />;
  } else if (list.isError && list.items.length === 0) {
    body = <QueryErrorAlert title="Could not load tasks" error={list.error} onRetry={() => void list.refetch()} busy={list.isFetching} testId="tasks-error" />;
  } else if (list.items.length === 0) {
    body = <TasksEmpty filters={filters} onNewTask={onNewTask} />;
  } else {
    body = (
      <div className="grid gap-2">
        {list.isError ? (
          <p role="status" className="text-xs text-destructive">
            Loading more tasks failed: {isApiError(list.error) ? list.error.message : "the server could not be reached"}.
          </p>
        ) : null}
        <TasksTable rows={list.items} agentName={agentName} onOpenTask={onOpenTask} onCancel={(t) => cancel.mutate(t)} />
        <div className="flex items-center justify-between gap-2 px-1 text-xs text-muted-foreground">
          <span>
            {formatNumber(list.items.length)} {list.items.length === 1 ? "task" : "tasks"}
            {list.hasNextPage ? " loaded" : ""}
          </span>
          {list.hasNextPage ? (
            <Button variant="outline" size="sm" onClick={() => void list.fetchNextPage()} disabled={list.isFetchingNextPage} data-testid="tasks-load-more">
              {list.isFetchingNextPage ? <LoaderCircle className="motion-safe:animate-spin" aria-hidden="true" /> : null}
              {list.isFetchingNextPage ? "Loading more…" : "Load more"}
            </Button>
          ) : null}
        </div>
      </div>
    );
  }

  return (
    <div className="grid gap-3" data-testid="tasks-panel">
      <div className="flex flex-wrap items-center gap-x-4 gap-y-2">
        <ChipGroup label="Task status" options={SCOPES} value={filters.scope} onChange={(scope) => onFiltersChange({ ...filters, scope })} testId="tasks-scope" />
        <span aria-hidden="true" className="hidden h-5 w-px bg-border sm:block" />
        <ChipGroup label="Task kind" options={KINDS} value={filters.kind} onChange={(kind) => onFiltersChange({ ...filters, kind })} testId="tasks-kind" />
      </div>
      {body}
    </div>
  );
}

/** Mutually exclusive filter chips (aria-pressed buttons in a labelled group). */
function ChipGroup<V extends string>({
  label,
  options,
  value,
  onChange,
  testId,
}: {
  label: string;
  options: Array<{ value: V; label: string }>;
  value: V;
  onChange: (value: V) => void;
  testId: string;
}) {
  return (
    <div role="group" aria-label={label} className="flex flex-wrap items-center gap-1.5" data-testid={testId}>
      {options.map((o) => {
        const on = o.value === value;
        return (
          <button
            key={o.value}
            type="button"
            aria-pressed={on}
            onClick={() => onChange(o.value)}
            data-value={o.value}
            className={cn(
              "inline-flex h-8 items-center gap-1.5 rounded-full border px-3 text-xs font-medium outline-none transition-colors focus-visible:ring-[3px] focus-visible:ring-ring/50",
              on ? "border-foreground/30 bg-accent text-foreground" : "border-dashed border-border text-muted-foreground hover:bg-accent/60 hover:text-foreground",
            )}
          >
            {on ? <Check className="size-3.5" aria-hidden="true" /> : null}
            {o.label}
          </button>
        );
      })}
    </div>
  );
}

function TasksTable({
  rows,
  agentName,
  onOpenTask,
  onCancel,
}: {
  rows: TaskRow[];
  agentName: (agentId: string) => string;
  onOpenTask: (taskId: string) => void;
  onCancel: (task: TaskRow) => void;
}) {
  return (
    <div className="overflow-x-auto rounded-lg border bg-card" data-testid="tasks-table">
      <table className="w-full min-w-[940px] table-fixed text-sm">
        <caption className="sr-only">Tasks, newest first ({formatNumber(rows.length)} shown)</caption>
        <thead className="border-b text-left text-xs text-muted-foreground">
          <tr>
            <th scope="col" className="px-3 py-2.5 font-medium">Task</th>
            <th scope="col" className="w-30 px-3 py-2.5 font-medium">Status</th>
            <th scope="col" className="w-28 px-3 py-2.5 font-medium">Agent</th>
            <th scope="col" className="w-16 px-2 py-2.5 text-right font-medium">Priority</th>
            <th scope="col" className="w-16 px-2 py-2.5 text-right font-medium">Attempt</th>
            <th scope="col" className="w-36 px-3 py-2.5 font-medium">Progress</th>
            <th scope="col" className="w-44 px-3 py-2.5 font-medium">Details</th>
            <th scope="col" className="w-24 px-2 py-2.5 font-medium">
              <span className="sr-only">Actions</span>
            </th>
          </tr>
        </thead>
        <tbody>
          {rows.map((task) => (
            <TaskTableRow
              key={task._pending ? `pending:${task.client_mutation_id}` : task.task_id}
              task={task}
              agentName={agentName}
              onOpen={onOpenTask}
              onCancel={onCancel}
            />
          ))}
        </tbody>
      </table>
    </div>
  );
}

function TaskTableRow({
  task,
  agentName,
  onOpen,
  onCancel,
}: {
  task: TaskRow;
  agentName: (agentId: string) => string;
  onOpen: (taskId: string) => void;
  onCancel: (task: TaskRow) => void;
}) {
  const busy = task._pending === true || task._action !== undefined;
  const finished = task.status === "completed" || task.status === "failed" || task.status === "cancelled";
  const label = shortText(task.description, 60) || taskTypeLabel(task.type);
  return (
    <tr
      className={cn("border-b border-border/60 align-top last:border-b-0", busy && "opacity-75")}
      aria-busy={busy || undefined}
      data-testid="task-row"
      data-task-id={task._pending ? undefined : task.task_id}
      data-status={task.status}
      data-pending={task._pending ? "create" : task._action}
    >
      <td className="px-3 py-2.5">
        {task._pending ? (
          <span className="line-clamp-2 break-words font-medium">{task.description}</span>
        ) : (
          <button
            type="button"
            onClick={() => onOpen(task.task_id)}
            className="line-clamp-2 break-words rounded-sm text-left font-medium outline-none hover:underline focus-visible:ring-[3px] focus-visible:ring-ring/50"
            title={task.description}
          >
            {task.description || <span className="text-muted-foreground">(no description)</span>}
          </button>
        )}
        <span className="mt-0.5 block text-xs text-muted-foreground">
          {taskTypeLabel(task.type)} ·{" "}
          {task.job_id ? (
            <Link href={`/jobs/${encodeURIComponent(task.job_id)}`} className="underline-offset-4 hover:underline">
              job step
            </Link>
          ) : (
            "standalone"
          )}{" "}
          · <RelativeTime iso={task.created_at} />
        </span>
      </td>
      <td className="px-3 py-2.5">
        <TaskStatusBadge status={task.status} creating={task._pending} action={task._action} />
      </td>
      <td className="truncate px-3 py-2.5">{task.agent_id ? agentName(task.agent_id) : <span className="text-muted-foreground">Unassigned</span>}</td>
      <td className="px-2 py-2.5 text-right tabular-nums">{task.priority}</td>
      <td className="px-2 py-2.5 text-right tabular-nums">{task.attempt_number}</td>
      <td className="px-3 py-2.5">
        <div className="flex items-center gap-2 pt-1.5">
          <Progress
            value={task._pending ? null : task.progress}
            label={`Progress of ${label}`}
            tone={task.status === "failed" ? "destructive" : task.status === "completed" ? "success" : task.status === "cancelled" ? "muted" : "info"}
          />
          <span className="w-9 shrink-0 text-right text-xs tabular-nums text-muted-foreground" aria-hidden="true">
            {task._pending ? NO_VALUE : formatPercent(task.progress)}
          </span>
        </div>
      </td>
      <td className="px-3 py-2.5 text-xs">
        <TaskDetails task={task} />
      </td>
      <td className="px-2 py-2 text-right">
        {!finished || task._action ? (
          <Button
            variant="ghost"
            size="sm"
            disabled={!canCancelTask(task)}
            onClick={() => onCancel(task)}
            aria-label={`Cancel ${label}`}
            className="text-muted-foreground hover:text-foreground"
            data-testid="task-cancel"
          >
            {task._action === "cancel" ? <LoaderCircle className="motion-safe:animate-spin" aria-hidden="true" /> : <Ban aria-hidden="true" />}
            Cancel
          </Button>
        ) : null}
      </td>
    </tr>
  );
}

/** Why a pending task waits, when a failed one retries, what went wrong, or the running step. */
function TaskDetails({ task }: { task: TaskRow }) {
  const parts: React.ReactNode[] = [];
  if (task.status === "pending" && !task._pending) {
    parts.push(
      <span key="wait" className="text-foreground">
        {waitingText(task.assignment_reason)}
      </span>,
    );
  }
  if (task.error && (task.status === "failed" || task.retry_scheduled)) {
    parts.push(
      <span key="error" className="text-destructive" title={task.error.code}>
        {task.error.message}
      </span>,
    );
  }
  if (task.retry_scheduled && task.next_retry_at) {
    parts.push(
      <span key="retry" className="text-muted-foreground">
        Retry {task.attempt_number + 1} <RelativeTime iso={task.next_retry_at} />
      </span>,
    );
  }
  if ((task.status === "running" || task.status === "assigned") && task.current_step) {
    parts.push(
      <span key="step" className="text-muted-foreground">
        {task.current_step}
      </span>,
    );
  }
  if (parts.length === 0) return <span className="text-muted-foreground">{NO_VALUE}</span>;
  return <div className="grid gap-0.5 break-words">{parts}</div>;
}

function TasksEmpty({ filters, onNewTask }: { filters: Required<Pick<TaskFilters, "scope" | "kind">>; onNewTask: () => void }) {
  const kind = filters.kind === "standalone" ? "standalone " : filters.kind === "job" ? "job step " : "";
  const title =
    filters.scope === "active" ? `No active ${kind}tasks` : filters.scope === "finished" ? `No finished ${kind}tasks yet` : kind ? `No ${kind}tasks yet` : "No tasks yet";
  return (
    <EmptyState
      icon={ListTodo}
      title={title}
      description={
        filters.scope === "finished"
          ? "Tasks appear here as soon as they complete, fail or are cancelled."
          : "Create a task, or upload a document on the Jobs page: its steps run as tasks. They appear here live."
      }
      action={
        filters.kind !== "job" ? (
          <Button size="sm" onClick={onNewTask}>
            <Plus aria-hidden="true" />
            New task
          </Button>
        ) : undefined
      }
      data-testid="tasks-empty"
    />
  );
}

export function TasksTableSkeleton({ rows = 6 }: { rows?: number }) {
  return (
    <div className="overflow-hidden rounded-lg border bg-card" aria-busy="true" data-testid="tasks-loading">
      <span className="sr-only" role="status">
        Loading tasks…
      </span>
      <div className="flex h-10 items-center gap-6 border-b px-3">
        {[200, 70, 80, 50, 50, 100, 140].map((w, i) => (
          <Skeleton key={i} className="h-3" style={{ width: w }} />
        ))}
      </div>
      {Array.from({ length: rows }, (_, i) => (
        <div key={i} className="flex h-14 items-center gap-6 border-b border-border/60 px-3 last:border-b-0">
          <Skeleton className="h-4 w-64" />
          <Skeleton className="h-5 w-20 rounded-full" />
          <Skeleton className="h-4 w-20" />
          <Skeleton className="h-1.5 w-28" />
          <Skeleton className="h-4 w-40" />
        </div>
      ))}
    </div>
  );
}

/** "Waiting: no agent has …". */
export function waitingText(reason: string | null): string {
  return `Waiting: ${waitingReason(reason)}`;
}

/** Why a pending task waits (the scheduler's `assignment_reason`). */
export function waitingReason(reason: string | null): string {
  return reason?.trim() || "for the scheduler";
}

function shortText(text: string, max: number): string {
  const t = text.trim().replace(/\s+/g, " ");
  return t.length > max ? `${t.slice(0, max - 1)}…` : t;
}
