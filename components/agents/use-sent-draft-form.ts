"use client";
// useSentDraftForm: the flow both agent-page dialogs share. Submit checks the draft in the browser
// (errors beside the fields, focus on the first); a valid draft closes the dialog at once and is
// sent (its pending item shows); when the server refuses it (400/409/422) the dialog opens again
// with the draft and the server's errors.
import * as React from "react";
import { isApiError, type ApiError } from "@/lib/query/fetchers";

export type FormErrors = Record<string, string | undefined> & { form?: string };

export interface SentDraftFormOptions<D, B> {
  empty: () => D;
  /** The body to send, or the errors by field. */
  check: (draft: D) => { ok: true; body: B } | { ok: false; errors: FormErrors };
  /** Sends the body; `onRefused` gets the server's refusal (after the dialog closed). */
  send: (body: B, handlers: { onError: (error: unknown) => void }) => void;
  /** The server's issues as the form's errors. */
  serverErrors: (error: ApiError, draft: D) => FormErrors;
  onOpenChange: (open: boolean) => void;
  /** Called as the draft is sent. */
  onSent?: () => void;
}

const REFUSALS = [400, 409, 422];

export function useSentDraftForm<D, B>(options: SentDraftFormOptions<D, B>) {
  const [draft, setDraft] = React.useState<D>(options.empty);
  const [errors, setErrors] = React.useState<FormErrors>({});
  const formRef = React.useRef<HTMLFormElement>(null);

  const submit = (event: React.FormEvent) => {
    event.preventDefault();
    const checked = options.check(draft);
    if (!checked.ok) {
      setErrors(checked.errors);
      focusFirstInvalid(formRef.current);
      return;
    }
    const submitted = draft;
    setErrors({});
    setDraft(options.empty());
    options.onOpenChange(false);
    options.onSent?.();
    options.send(checked.body, {
      onError: (error) => {
        // The toast says it too; a refusal the user can fix opens the form again with the draft.
        if (!isApiError(error) || !REFUSALS.includes(error.status)) return;
        setDraft(submitted);
        setErrors(options.serverErrors(error, submitted));
        options.onOpenChange(true);
      },
    });
  };

  return { draft, setDraft, errors, formRef, submit };
}

/** Moves focus to the first field marked invalid (after React has rendered the errors). */
export function focusFirstInvalid(form: HTMLFormElement | null): void {
  requestAnimationFrame(() => form?.querySelector<HTMLElement>('[aria-invalid="true"]')?.focus());
}
