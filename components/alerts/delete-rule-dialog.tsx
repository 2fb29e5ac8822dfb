"use client";
// DeleteRuleDialog: asks before deleting an alert rule (its fired alerts go with it).
import { ConfirmDialog } from "@/components/ui/confirm-dialog";
import type { AlertRuleRow } from "@/lib/query/hooks/use-alerts";

export function DeleteRuleDialog({ rule, onOpenChange, onConfirm }: { rule: AlertRuleRow | null; onOpenChange: (open: boolean) => void; onConfirm: (rule: AlertRuleRow) => void }) {
  return (
    <ConfirmDialog
      subject={rule}
      onOpenChange={onOpenChange}
      onConfirm={onConfirm}
      title={(r) => `Delete ${r.name}?`}
      description={() => "The rule stops watching at once and its fired alerts are deleted with it. This cannot be undone."}
      testId="confirm-delete-rule"
      confirmTestId="confirm-delete-rule-button"
    />
  );
}
