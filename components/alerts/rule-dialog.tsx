"use client";
// RuleDialog: create or edit a temporal alert rule, with each field's problem shown under it (checked
// with the REST schema before sending, and the server's field issues after).
import * as React from "react";

import { Button } from "@/components/ui/button";
import { Dialog, DialogContent, DialogDescription, DialogFooter, DialogHeader, DialogTitle } from "@/components/ui/dialog";
import { Input } from "@/components/ui/input";
import { Label } from "@/components/ui/label";
import { ALERT_OPS } from "@/lib/protocol/entities/alerts";
import { OP_SYMBOLS } from "@/lib/api/alerts";
import { isApiError } from "@/lib/query/fetchers";
import { useCreateAlertRule, useUpdateAlertRule, type AlertRuleRow } from "@/lib/query/hooks/use-alerts";
import { cn } from "@/lib/utils";
import { draftOf, EMPTY_DRAFT, errorsOf, parseDraft, type RuleDraft, type RuleErrors } from "./rule-form";

const SEVERITIES = ["info", "warning", "error", "critical"] as const;
const selectClass =
  "flex h-9 w-full rounded-md border border-input bg-transparent px-3 py-1 text-sm shadow-xs outline-none focus-visible:border-ring focus-visible:ring-[3px] focus-visible:ring-ring/50 dark:bg-input/30 aria-invalid:border-destructive";

export function RuleDialog({ open, onOpenChange, rule }: { open: boolean; onOpenChange: (open: boolean) => void; rule: AlertRuleRow | null }) {
  const [draft, setDraft] = React.useState<RuleDraft>(rule ? draftOf(rule) : EMPTY_DRAFT);
  const [errors, setErrors] = React.useState<RuleErrors>({});
  const create = useCreateAlertRule();
  const update = useUpdateAlertRule();
  const busy = create.isPending;

  const set = <K extends keyof RuleDraft>(key: K, value: RuleDraft[K]) => {
    setDraft((d) => ({ ...d, [key]: value }));
    setErrors((e) => (e[key] ? { ...e, [key]: undefined } : e));
  };

  function submit(event: React.FormEvent) {
    event.preventDefault();
    const parsed = parseDraft(draft);
    if (!parsed.ok) {
      setErrors(parsed.errors);
      return;
    }
    if (rule) {
      update.mutate({ rule, body: parsed.body });
      onOpenChange(false);
      return;
    }
    create.mutate(parsed.body, {
      onSuccess: () => onOpenChange(false),
      onError: (error) => setErrors(isApiError(error) && error.issues.length > 0 ? errorsOf(error.issues) : { form: error instanceof Error ? error.message : "the rule was not saved" }),
    });
  }

  return (
    <Dialog open={open} onOpenChange={onOpenChange}>
      <DialogContent data-testid="rule-dialog">
        <DialogHeader>
          <DialogTitle>{rule ? `Edit ${rule.name}` : "New alert rule"}</DialogTitle>
          <DialogDescription>Fires once when the field of the events on the topic holds the condition for the whole window, and clears when it stops.</DialogDescription>
        </DialogHeader>
        <form className="grid gap-4" onSubmit={submit} noValidate>
          <Field id="rule-name" label="Name" error={errors.name}>
            <Input id="rule-name" value={draft.name} onChange={(e) => set("name", e.target.value)} aria-invalid={!!errors.name} aria-describedby={errors.name ? "rule-name-error" : undefined} placeholder="CPU hot" />
          </Field>
          <div className="grid gap-4 sm:grid-cols-2">
            <Field id="rule-topic" label="Topic" hint="system, market:AAPL, market:*" error={errors.topic}>
              <Input id="rule-topic" value={draft.topic} onChange={(e) => set("topic", e.target.value)} aria-invalid={!!errors.topic} aria-describedby={errors.topic ? "rule-topic-error" : "rule-topic-hint"} placeholder="system" className="font-mono" />
            </Field>
            <Field id="rule-field" label="Field" hint="dot path, e.g. cpu.usage" error={errors.field}>
              <Input id="rule-field" value={draft.field} onChange={(e) => set("field", e.target.value)} aria-invalid={!!errors.field} aria-describedby={errors.field ? "rule-field-error" : "rule-field-hint"} placeholder="cpu.usage" className="font-mono" />
            </Field>
          </div>
          <div className="grid gap-4 sm:grid-cols-3">
            <Field id="rule-op" label="Condition" error={errors.op}>
              <select id="rule-op" className={selectClass} value={draft.op} onChange={(e) => set("op", e.target.value as RuleDraft["op"])}>
                {ALERT_OPS.map((op) => (
                  <option key={op} value={op}>
                    {OP_SYMBOLS[op]} ({op})
                  </option>
                ))}
              </select>
            </Field>
            <Field id="rule-threshold" label="Threshold" error={errors.threshold}>
              <Input id="rule-threshold" inputMode="decimal" value={draft.threshold} onChange={(e) => set("threshold", e.target.value)} aria-invalid={!!errors.threshold} aria-describedby={errors.threshold ? "rule-threshold-error" : undefined} placeholder="90" />
            </Field>
            <Field id="rule-window" label="For (seconds)" error={errors.window_s}>
              <Input id="rule-window" inputMode="numeric" value={draft.window_s} onChange={(e) => set("window_s", e.target.value)} aria-invalid={!!errors.window_s} aria-describedby={errors.window_s ? "rule-window-error" : undefined} />
            </Field>
          </div>
          <div className="grid gap-4 sm:grid-cols-2">
            <Field id="rule-severity" label="Severity" error={errors.severity}>
              <select id="rule-severity" className={selectClass} value={draft.severity} onChange={(e) => set("severity", e.target.value as RuleDraft["severity"])}>
                {SEVERITIES.map((s) => (
                  <option key={s} value={s}>
                    {s}
                  </option>
                ))}
              </select>
            </Field>
            <label className="flex items-center gap-2 self-end pb-2 text-sm font-medium" htmlFor="rule-enabled">
              <input id="rule-enabled" type="checkbox" className="size-4 accent-primary" checked={draft.enabled} onChange={(e) => set("enabled", e.target.checked)} />
              Enabled
            </label>
          </div>
          {errors.form ? (
            <p role="alert" className="text-sm text-destructive">
              {errors.form}
            </p>
          ) : null}
          <DialogFooter>
            <Button type="button" variant="outline" onClick={() => onOpenChange(false)}>
              Cancel
            </Button>
            <Button type="submit" disabled={busy} data-testid="rule-save">
              {busy ? "Saving…" : rule ? "Save" : "Create rule"}
            </Button>
          </DialogFooter>
        </form>
      </DialogContent>
    </Dialog>
  );
}

function Field({ id, label, hint, error, children }: { id: string; label: string; hint?: string; error?: string; children: React.ReactNode }) {
  return (
    <div className="grid gap-1.5">
      <Label htmlFor={id}>{label}</Label>
      {children}
      {error ? (
        <p id={`${id}-error`} className="text-xs text-destructive" data-testid={`${id}-error`}>
          {error}
        </p>
      ) : hint ? (
        <p id={`${id}-hint`} className={cn("text-xs text-muted-foreground")}>
          {hint}
        </p>
      ) : null}
    </div>
  );
}
