// FormField: a labelled control of an admin form with its hint or, when invalid, its error under it.
import * as React from "react";

import { Label } from "@/components/ui/label";

export function FormField({ id, label, hint, error, children }: { id: string; label: string; hint?: string; error?: string; children: React.ReactNode }) {
  return (
    <div className="grid gap-1.5">
      <Label htmlFor={id}>{label}</Label>
      {children}
      {error ? (
        <p id={`${id}-error`} className="text-xs text-destructive" data-testid={`${id}-error`}>
          {error}
        </p>
      ) : hint ? (
        <p id={`${id}-hint`} className="text-xs text-muted-foreground">
          {hint}
        </p>
      ) : null}
    </div>
  );
}

/** aria-invalid and aria-describedby of the control inside a FormField. */
export function fieldAria(id: string, error: string | undefined, hint?: boolean): { "aria-invalid": boolean; "aria-describedby"?: string } {
  return { "aria-invalid": !!error, "aria-describedby": error ? `${id}-error` : hint ? `${id}-hint` : undefined };
}

/** Field errors from a zod-style issue list (`path` "email" -> errors.email), the rest under `form`. */
export function issuesToErrors(issues: readonly { path: string; message: string }[], fields: readonly string[]): Record<string, string> {
  const out: Record<string, string> = {};
  for (const issue of issues) {
    const key = fields.find((f) => issue.path === f || issue.path.startsWith(`${f}.`)) ?? "form";
    out[key] ??= issue.path && key === "form" ? `${issue.path} ${issue.message}` : issue.message;
  }
  return out;
}

export const selectClass =
  "flex h-9 w-full rounded-md border border-input bg-transparent px-3 py-1 text-sm shadow-xs outline-none focus-visible:border-ring focus-visible:ring-[3px] focus-visible:ring-ring/50 dark:bg-input/30 aria-invalid:border-destructive";
