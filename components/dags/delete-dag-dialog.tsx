"use client";
// DeleteDagDialog: asks before deleting a DAG (and says when a run in progress will make the server refuse).
import { ConfirmDialog } from "@/components/ui/confirm-dialog";
import type { DagRow } from "@/lib/query/hooks/use-dags";

export interface DeleteRequest {
  dag: DagRow;
  /** A run of it is queued or running (as far as this tab knows). */
  active: boolean;
}

export function DeleteDagDialog({
  request,
  onOpenChange,
  onConfirm,
}: {
  request: DeleteRequest | null;
  onOpenChange: (open: boolean) => void;
  onConfirm: (dag: DagRow) => void;
}) {
  return (
    <ConfirmDialog
      subject={request}
      onOpenChange={onOpenChange}
      onConfirm={(r) => onConfirm(r.dag)}
      title={(r) => `Delete ${r.dag.name}?`}
      description={(r) => (
        <>
          {r.active
            ? `A run of ${r.dag.name} is queued or running: the server refuses to delete it until the run ends (or is cancelled). `
            : `The definition of ${r.dag.name} is deleted and it can no longer be triggered. `}
          This cannot be undone.
        </>
      )}
      testId="confirm-delete-dag"
      confirmTestId="confirm-delete-dag-button"
    />
  );
}
