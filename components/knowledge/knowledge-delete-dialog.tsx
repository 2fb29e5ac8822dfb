"use client";
// KnowledgeDeleteDialog: asks before an item is deleted (an alert dialog: focus starts on "Keep it").
import { ConfirmDialog } from "@/components/ui/confirm-dialog";

export function KnowledgeDeleteDialog({
  title,
  open,
  onOpenChange,
  onConfirm,
}: {
  title: string;
  open: boolean;
  onOpenChange: (open: boolean) => void;
  onConfirm: () => void;
}) {
  return (
    <ConfirmDialog
      subject={open ? title : null}
      onOpenChange={onOpenChange}
      onConfirm={() => onConfirm()}
      title={(t) => `Delete “${t}”?`}
      description={() => "The item is removed from the knowledge base for everyone. The job it came from is kept. This cannot be undone."}
      testId="knowledge-confirm-delete"
    />
  );
}
