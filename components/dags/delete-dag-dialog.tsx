"use client";
// DeleteDagDialog: asks before deleting a DAG (and says when a run in progress will make the server refuse).
import * as React from "react";
import { AlertDialog as AlertDialogPrimitive } from "radix-ui";

import { buttonVariants } from "@/components/ui/button";
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
  // Keep the last request while the dialog animates out.
  const [shown, setShown] = React.useState<DeleteRequest | null>(request);
  if (request && request !== shown) setShown(request);
  const name = shown?.dag.name ?? "this DAG";
  return (
    <AlertDialogPrimitive.Root open={request !== null} onOpenChange={onOpenChange}>
      <AlertDialogPrimitive.Portal>
        <AlertDialogPrimitive.Overlay className="fixed inset-0 z-50 bg-black/50 motion-safe:data-[state=open]:animate-fade-in motion-safe:data-[state=closed]:animate-fade-out" />
        <AlertDialogPrimitive.Content
          data-testid="confirm-delete-dag"
          className="fixed left-1/2 top-1/2 z-50 grid w-[calc(100%-2rem)] max-w-md -translate-x-1/2 -translate-y-1/2 gap-4 rounded-xl border bg-popover p-6 text-popover-foreground shadow-lg outline-none motion-safe:data-[state=open]:animate-pop-in"
        >
          <div className="grid gap-2">
            <AlertDialogPrimitive.Title className="text-lg font-semibold">Delete {name}?</AlertDialogPrimitive.Title>
            <AlertDialogPrimitive.Description className="text-sm text-muted-foreground">
              {shown?.active
                ? `A run of ${name} is queued or running: the server refuses to delete it until the run ends (or is cancelled). `
                : `The definition of ${name} is deleted and it can no longer be triggered. `}
              This cannot be undone.
            </AlertDialogPrimitive.Description>
          </div>
          <div className="flex justify-end gap-2">
            <AlertDialogPrimitive.Cancel className={buttonVariants({ variant: "outline" })}>Keep it</AlertDialogPrimitive.Cancel>
            <AlertDialogPrimitive.Action
              className={buttonVariants({ variant: "destructive" })}
              onClick={() => shown && onConfirm(shown.dag)}
              data-testid="confirm-delete-dag-button"
            >
              Delete
            </AlertDialogPrimitive.Action>
          </div>
        </AlertDialogPrimitive.Content>
      </AlertDialogPrimitive.Portal>
    </AlertDialogPrimitive.Root>
  );
}
