"use client";
// DeleteRuleDialog: asks before deleting an alert rule (its fired alerts go with it).
import * as React from "react";
import { AlertDialog as AlertDialogPrimitive } from "radix-ui";

import { buttonVariants } from "@/components/ui/button";
import type { AlertRuleRow } from "@/lib/query/hooks/use-alerts";

export function DeleteRuleDialog({ rule, onOpenChange, onConfirm }: { rule: AlertRuleRow | null; onOpenChange: (open: boolean) => void; onConfirm: (rule: AlertRuleRow) => void }) {
  // Keep the last rule while the dialog animates out.
  const [shown, setShown] = React.useState<AlertRuleRow | null>(rule);
  if (rule && rule !== shown) setShown(rule);
  const name = shown?.name ?? "this rule";
  return (
    <AlertDialogPrimitive.Root open={rule !== null} onOpenChange={onOpenChange}>
      <AlertDialogPrimitive.Portal>
        <AlertDialogPrimitive.Overlay className="fixed inset-0 z-50 bg-black/50 motion-safe:data-[state=open]:animate-fade-in motion-safe:data-[state=closed]:animate-fade-out" />
        <AlertDialogPrimitive.Content
          data-testid="confirm-delete-rule"
          className="fixed left-1/2 top-1/2 z-50 grid w-[calc(100%-2rem)] max-w-md -translate-x-1/2 -translate-y-1/2 gap-4 rounded-xl border bg-popover p-6 text-popover-foreground shadow-lg outline-none motion-safe:data-[state=open]:animate-pop-in"
        >
          <div className="grid gap-2">
            <AlertDialogPrimitive.Title className="text-lg font-semibold">Delete {name}?</AlertDialogPrimitive.Title>
            <AlertDialogPrimitive.Description className="text-sm text-muted-foreground">
              The rule stops watching at once and its fired alerts are deleted with it. This cannot be undone.
            </AlertDialogPrimitive.Description>
          </div>
          <div className="flex justify-end gap-2">
            <AlertDialogPrimitive.Cancel className={buttonVariants({ variant: "outline" })}>Keep it</AlertDialogPrimitive.Cancel>
            <AlertDialogPrimitive.Action className={buttonVariants({ variant: "destructive" })} onClick={() => shown && onConfirm(shown)} data-testid="confirm-delete-rule-button">
              Delete
            </AlertDialogPrimitive.Action>
          </div>
        </AlertDialogPrimitive.Content>
      </AlertDialogPrimitive.Portal>
    </AlertDialogPrimitive.Root>
  );
}
