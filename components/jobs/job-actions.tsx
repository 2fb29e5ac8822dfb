"use client";
// Job actions (retry / cancel / delete): one set of optimistic mutations per page, a delete confirmation
// dialog, the row's actions menu and the detail page's buttons.
import * as React from "react";
import Link from "next/link";
import { ConfirmDialog } from "@/components/ui/confirm-dialog";
import { Ban, Ellipsis, ExternalLink, RotateCcw, Trash2 } from "lucide-react";

import { Button } from "@/components/ui/button";
import {
  DropdownMenu,
  DropdownMenuContent,
  DropdownMenuItem,
  DropdownMenuSeparator,
  DropdownMenuTrigger,
} from "@/components/ui/dropdown-menu";
import {
  allowedJobActions,
  useCancelJob,
  useDeleteJob,
  useRetryJob,
  type JobRow,
} from "@/lib/query/hooks/use-jobs";

interface JobActions {
  retry(job: JobRow): void;
  cancel(job: JobRow): void;
  /** Asks for confirmation, then deletes. */
  requestDelete(job: JobRow): void;
}

const JobActionsContext = React.createContext<JobActions | null>(null);

export function useJobActions(): JobActions {
  const ctx = React.useContext(JobActionsContext);
  if (!ctx) throw new Error("useJobActions: wrap the tree in <JobActionsProvider>");
  return ctx;
}

export function JobActionsProvider({
  children,
  onDeleting,
}: {
  children: React.ReactNode;
  /** Called once the user confirmed a deletion (the detail page leaves for the list). */
  onDeleting?: (job: JobRow) => void;
}) {
  const retry = useRetryJob();
  const cancel = useCancelJob();
  const remove = useDeleteJob();
  const [confirming, setConfirming] = React.useState<JobRow | null>(null);

  const actions = React.useMemo<JobActions>(
    () => ({
      retry: (job) => retry.mutate(job),
      cancel: (job) => cancel.mutate(job),
      requestDelete: (job) => setConfirming(job),
    }),
    // The mutate functions are stable.
    [retry.mutate, cancel.mutate],
  );

  return (
    <JobActionsContext.Provider value={actions}>
      {children}
      <ConfirmDeleteDialog
        job={confirming}
        onOpenChange={(open) => !open && setConfirming(null)}
        onConfirm={(job) => {
          setConfirming(null);
          remove.mutate(job);
          onDeleting?.(job);
        }}
      />
    </JobActionsContext.Provider>
  );
}

/** The "…" menu of a row: open, and the actions the job's state allows. */
export function JobActionsMenu({ job, tabIndex, defaultOpen }: { job: JobRow; tabIndex?: number; defaultOpen?: boolean }) {
  const actions = useJobActions();
  const allowed = allowedJobActions(job);
  const name = job.filename ?? job.job_id;
  return (
    // `defaultOpen`: the table mounts the menu on first use, already open.
    <DropdownMenu defaultOpen={defaultOpen}>
      <DropdownMenuTrigger asChild>
        <Button
          variant="ghost"
          size="icon-sm"
          tabIndex={tabIndex}
          aria-label={`Actions for ${name}`}
          data-testid="job-actions"
          className="text-muted-foreground hover:text-foreground data-[state=open]:bg-accent"
          onClick={(e) => e.stopPropagation()}
          onKeyDown={(e) => e.stopPropagation()}
        >
          <Ellipsis aria-hidden="true" />
        </Button>
      </DropdownMenuTrigger>
      <DropdownMenuContent align="end" className="w-44" onClick={(e) => e.stopPropagation()}>
        <DropdownMenuItem asChild>
          <Link href={`/jobs/${encodeURIComponent(job.job_id)}`}>
            <ExternalLink aria-hidden="true" />
            Open details
          </Link>
        </DropdownMenuItem>
        {allowed.retry || allowed.cancel || allowed.delete ? <DropdownMenuSeparator /> : null}
        {allowed.retry ? (
          <DropdownMenuItem onSelect={() => actions.retry(job)}>
            <RotateCcw aria-hidden="true" />
            Retry
          </DropdownMenuItem>
        ) : null}
        {allowed.cancel ? (
          <DropdownMenuItem onSelect={() => actions.cancel(job)}>
            <Ban aria-hidden="true" />
            Cancel
          </DropdownMenuItem>
        ) : null}
        {allowed.delete ? (
          <DropdownMenuItem variant="destructive" onSelect={() => actions.requestDelete(job)}>
            <Trash2 aria-hidden="true" />
            Delete…
          </DropdownMenuItem>
        ) : null}
      </DropdownMenuContent>
    </DropdownMenu>
  );
}

/** The detail page's action buttons. */
export function JobActionButtons({ job }: { job: JobRow }) {
  const actions = useJobActions();
  const allowed = allowedJobActions(job);
  return (
    <div className="flex flex-wrap items-center gap-2">
      {job.status === "failed" || job.status === "cancelled" ? (
        <Button variant="outline" size="sm" disabled={!allowed.retry} onClick={() => actions.retry(job)}>
          <RotateCcw aria-hidden="true" />
          {job._action === "retry" ? "Retrying…" : "Retry"}
        </Button>
      ) : null}
      {job.status === "queued" || job.status === "processing" ? (
        <Button variant="outline" size="sm" disabled={!allowed.cancel} onClick={() => actions.cancel(job)}>
          <Ban aria-hidden="true" />
          {job._action === "cancel" ? "Cancelling…" : "Cancel"}
        </Button>
      ) : null}
      <Button
        variant="outline"
        size="sm"
        className="text-destructive hover:bg-destructive/10 hover:text-destructive"
        disabled={!allowed.delete}
        title={job.status === "processing" ? "Cancel the job before deleting it" : undefined}
        onClick={() => actions.requestDelete(job)}
      >
        <Trash2 aria-hidden="true" />
        {job._action === "delete" ? "Deleting…" : "Delete"}
      </Button>
    </div>
  );
}

function ConfirmDeleteDialog({
  job,
  onOpenChange,
  onConfirm,
}: {
  job: JobRow | null;
  onOpenChange: (open: boolean) => void;
  onConfirm: (job: JobRow) => void;
}) {
  return (
    <ConfirmDialog
      subject={job}
      onOpenChange={onOpenChange}
      onConfirm={onConfirm}
      title={(j) => `Delete ${j.filename ?? j.job_id}?`}
      description={() => "The job and its results (extracted text, summary, entities and insights) are removed for everyone. This cannot be undone."}
      testId="confirm-delete"
    />
  );
}
