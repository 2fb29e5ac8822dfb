"use client";
// ConfirmDialog: asks before a consequential admin action (disable a user, revoke a key, disconnect a user's sockets).
import * as React from "react";
import { AlertDialog as AlertDialogPrimitive } from "radix-ui";

import { buttonVariants } from "@/components/ui/button";

export interface ConfirmRequest {
  title: string;
  description: React.ReactNode;
  /** The confirming button's words, e.g. "Disable". */
  confirm: string;
  /** Destructive (red) or default styling of the confirming button. */
  tone?: "destructive" | "default";
  onConfirm: () => void;
}

/** Shows `request` while it is non-null; closing (Escape, Cancel) calls `onClose`. */
export function ConfirmDialog({ request, onClose, testId = "admin-confirm" }: { request: ConfirmRequest | null; onClose: () => void; testId?: string }) {
  // Keep the last request while the dialog animates out.
  const [shown, setShown] = React.useState<ConfirmRequest | null>(request);
  if (request && request !== shown) setShown(request);
  return (
    <AlertDialogPrimitive.Root open={request !== null} onOpenChange={(open) => !open && onClose()}>
      <AlertDialogPrimitive.Portal>
        <AlertDialogPrimitive.Overlay className="fixed inset-0 z-50 bg-black/50 motion-safe:data-[state=open]:animate-fade-in motion-safe:data-[state=closed]:animate-fade-out" />
        <AlertDialogPrimitive.Content
          data-testid={testId}
          className="fixed left-1/2 top-1/2 z-50 grid w-[calc(100%-2rem)] max-w-md -translate-x-1/2 -translate-y-1/2 gap-4 rounded-xl border bg-popover p-6 text-popover-foreground shadow-lg outline-none motion-safe:data-[state=open]:animate-pop-in"
        >
          <div className="grid gap-2">
            <AlertDialogPrimitive.Title className="text-lg font-semibold">{shown?.title}</AlertDialogPrimitive.Title>
            <AlertDialogPrimitive.Description className="text-sm text-muted-foreground">{shown?.description}</AlertDialogPrimitive.Description>
          </div>
          <div className="flex justify-end gap-2">
            <AlertDialogPrimitive.Cancel className={buttonVariants({ variant: "outline" })}>Cancel</AlertDialogPrimitive.Cancel>
            <AlertDialogPrimitive.Action
              className={buttonVariants({ variant: shown?.tone === "default" ? "default" : "destructive" })}
              onClick={() => {
                shown?.onConfirm();
                onClose();
              }}
              data-testid={`${testId}-button`}
            >
              {shown?.confirm}
            </AlertDialogPrimitive.Action>
          </div>
        </AlertDialogPrimitive.Content>
      </AlertDialogPrimitive.Portal>
    </AlertDialogPrimitive.Root>
  );
}
