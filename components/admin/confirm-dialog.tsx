"use client";
// ConfirmDialog (admin): asks before a consequential admin action (disable a user, revoke a key,
// disconnect a user's sockets), described by a request object.
import type * as React from "react";

import { ConfirmDialog as ConfirmDialogFrame } from "@/components/ui/confirm-dialog";

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
  return (
    <ConfirmDialogFrame
      subject={request}
      onOpenChange={(open) => !open && onClose()}
      onConfirm={(r) => {
        r.onConfirm();
        onClose();
      }}
      title={(r) => r.title}
      description={(r) => r.description}
      confirmLabel={request?.confirm}
      cancelLabel="Cancel"
      tone={request?.tone}
      testId={testId}
      confirmTestId={`${testId}-button`}
    />
  );
}
