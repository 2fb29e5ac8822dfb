// The rule dialog's draft: text fields as typed, parsed with the REST schema into a body or field errors.
import { alertRuleBody } from "@/lib/api/alerts";
import type { AlertOp } from "@/lib/protocol/entities/alerts";
import type { Severity } from "@/lib/protocol/entities/common";
import type { AlertRuleInput } from "@/lib/query/hooks/use-alerts";

export interface RuleDraft {
  name: string;
  topic: string;
  field: string;
  op: AlertOp;
  threshold: string;
  window_s: string;
  severity: Severity;
  enabled: boolean;
}

export type RuleErrors = Partial<Record<keyof RuleDraft | "form", string>>;

export const EMPTY_DRAFT: RuleDraft = { name: "", topic: "", field: "", op: "gt", threshold: "", window_s: "60", severity: "warning", enabled: true };

export function draftOf(rule: { name: string; topic: string; field: string; op: AlertOp; threshold: number; window_s: number; severity: Severity; enabled: boolean }): RuleDraft {
  return { ...rule, threshold: String(rule.threshold), window_s: String(rule.window_s) };
}

/** The body to send, or the first problem of each field. */
export function parseDraft(draft: RuleDraft): { ok: true; body: AlertRuleInput } | { ok: false; errors: RuleErrors } {
  const parsed = alertRuleBody.safeParse({
    ...draft,
    threshold: draft.threshold.trim() === "" ? undefined : Number(draft.threshold),
    window_s: draft.window_s.trim() === "" ? undefined : Number(draft.window_s),
  });
  if (parsed.success) return { ok: true, body: parsed.data };
  const errors = errorsOf(parsed.error.issues.map((i) => ({ path: i.path.join("."), message: i.message })));
  if (draft.threshold.trim() === "") errors.threshold = "is required";
  if (draft.window_s.trim() === "") errors.window_s = "is required";
  return { ok: false, errors };
}

/** Field errors from issues (the client's or the server's `issues`). */
export function errorsOf(issues: readonly { path: string; message: string }[]): RuleErrors {
  const errors: RuleErrors = {};
  for (const issue of issues) {
    const key = (issue.path.split(".")[0] || "form") as keyof RuleErrors;
    const field = key in EMPTY_DRAFT ? key : "form";
    errors[field] ??= issue.message;
  }
  return errors;
}
