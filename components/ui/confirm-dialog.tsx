"use client";
// ConfirmDialog: the one "are you sure?" alert dialog (focus starts on the safe choice). It is open
// while `subject` is non-null and keeps showing the last subject while it animates out.
import * as React from "react";
import { AlertDialog as AlertDialogPrimitive } from "radix-ui";

import { buttonVariants } from "@/components/ui/button";

export interface ConfirmDialogProps<T> {
  /** What is being confirmed; null closes the dialog. */
  subject: T | null;
  onOpenChange: (open: boolean) => void;
  onConfirm: (subject: T) => void;
  title: (subject: T) => React.ReactNode;
  description: (subject: T) => React.ReactNode;
  confirmLabel?: string;
  cancelLabel?: string;
  tone?: "destructive" | "default";
  testId?: string;
  confirmTestId?: string;
}

export function ConfirmDialog<T>({
  subject,
  onOpenChange,
  onConfirm,
  title,
  description,
  confirmLabel = "Delete",
  cancelLabel = "Keep it",
  tone = "destructive",
  testId,
  confirmTestId,
}: ConfirmDialogProps<T>) {
  const [shown, setShown] = React.useState<T | null>(subject);
  if (subject !== null && subject !== shown) setShown(subject);
  return (
    <AlertDialogPrimitive.Root open={subject !== null} onOpenChange={onOpenChange}>
      <AlertDialogPrimitive.Portal>
        <AlertDialogPrimitive.Overlay className="fixed inset-0 z-50 bg-black/50 motion-safe:data-[state=open]:animate-fade-in motion-safe:data-[state=closed]:animate-fade-out" />
        <AlertDialogPrimitive.Content
          data-testid={testId}
          className="fixed left-1/2 top-1/2 z-50 grid w-[calc(100%-2rem)] max-w-md -translate-x-1/2 -translate-y-1/2 gap-4 rounded-xl border bg-popover p-6 text-popover-foreground shadow-lg outline-none motion-safe:data-[state=open]:animate-pop-in"
        >
          <div className="grid gap-2">
            <AlertDialogPrimitive.Title className="text-lg font-semibold break-words">{shown !== null ? title(shown) : null}</AlertDialogPrimitive.Title>
            <AlertDialogPrimitive.Description className="text-sm text-muted-foreground">{shown !== null ? description(shown) : null}</AlertDialogPrimitive.Description>
          </div>
          <div className="flex justify-end gap-2">
            <AlertDialogPrimitive.Cancel className={buttonVariants({ variant: "outline" })}>{cancelLabel}</AlertDialogPrimitive.Cancel>
            <AlertDialogPrimitive.Action
              className={buttonVariants({ variant: tone === "default" ? "default" : "destructive" })}
              onClick={() => shown !== null && onConfirm(shown)}
              data-testid={confirmTestId}
            >
              {confirmLabel}
            </AlertDialogPrimitive.Action>
          </div>
        </AlertDialogPrimitive.Content>
      </AlertDialogPrimitive.Portal>
    </AlertDialogPrimitive.Root>
  );
}
