"use client";
// LoginForm: email + password sign-in (POST /api/auth/login), with field and credential errors, then redirect to `next`.
//
// The form uses a React form action, so a submission made before hydration (the form can be
// server-rendered) is replayed once React hydrates instead of falling back to a native GET that
// would put the password in the URL.
import * as React from "react";
import { useQueryClient } from "@tanstack/react-query";
import { useRouter, useSearchParams } from "next/navigation";
import { CircleExclamationPoint, LoaderCircle } from "lucide-react";

import { Alert, AlertDescription } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { Input } from "@/components/ui/input";
import { Label } from "@/components/ui/label";
import type { SessionUser } from "@/lib/protocol/control";
import { apiFetch, isApiError } from "@/lib/query/fetchers";
import { queryKeys } from "@/lib/query/keys";
import { safeNextPath } from "./safe-next";

type Field = "email" | "password";
type FieldErrors = Partial<Record<Field, string>>;

type LoginState = {
  /** Counts submissions, so effects and dismissed errors can tell attempts apart. */
  attempt: number;
  /** What the user typed, restored after React resets the form at the end of the action. */
  email: string;
  fieldErrors: FieldErrors;
  formError: string | null;
  /** 401: the password field is emptied and focused. */
  rejected: boolean;
  succeeded: boolean;
};

const INITIAL_STATE: LoginState = {
  attempt: 0,
  email: "",
  fieldErrors: {},
  formError: null,
  rejected: false,
  succeeded: false,
};

export const INVALID_CREDENTIALS_MESSAGE = "Email or password is incorrect";

export function LoginForm() {
  const router = useRouter();
  const searchParams = useSearchParams();
  const queryClient = useQueryClient();
  const next = safeNextPath(searchParams.get("next"));

  // Whoever was signed in before, their cached data must not leak into the next session.
  React.useEffect(() => {
    queryClient.clear();
  }, [queryClient]);

  const [state, formAction, isPending] = React.useActionState(
    async (previous: LoginState, formData: FormData): Promise<LoginState> => {
      const email = String(formData.get("email") ?? "").trim();
      const password = String(formData.get("password") ?? "");
      const base = { ...INITIAL_STATE, attempt: previous.attempt + 1, email };

      const missing: FieldErrors = {};
      if (!email) missing.email = "Enter your email address.";
      if (!password) missing.password = "Enter your password.";
      if (missing.email || missing.password) return { ...base, fieldErrors: missing };

      try {
        const { user } = await apiFetch<{ user: SessionUser }>("/api/auth/login", {
          method: "POST",
          json: { email, password },
        });
        queryClient.setQueryData(queryKeys.me(), user);
        router.replace(next);
        return { ...base, succeeded: true };
      } catch (error) {
        return { ...base, ...describeFailure(error) };
      }
    },
    INITIAL_STATE,
  );

  const emailRef = React.useRef<HTMLInputElement>(null);
  const passwordRef = React.useRef<HTMLInputElement>(null);

  // After each failed attempt, move focus to where the user has to act.
  React.useEffect(() => {
    if (state.attempt === 0) return;
    if (state.fieldErrors.email) emailRef.current?.focus();
    else if (state.fieldErrors.password || state.rejected) passwordRef.current?.focus();
  }, [state]);

  // Field errors disappear once the user edits that field.
  const [edited, setEdited] = React.useState<{ attempt: number; fields: Field[] }>({ attempt: 0, fields: [] });
  const errorOf = (field: Field) =>
    edited.attempt === state.attempt && edited.fields.includes(field) ? undefined : state.fieldErrors[field];
  const onEdit = (field: Field) => () => {
    if (!state.fieldErrors[field]) return;
    setEdited((e) =>
      e.attempt === state.attempt ? { attempt: e.attempt, fields: [...e.fields, field] } : { attempt: state.attempt, fields: [field] },
    );
  };

  const pending = isPending || state.succeeded;
  const emailError = errorOf("email");
  const passwordError = errorOf("password");

  return (
    <form action={formAction} noValidate className="grid gap-5" aria-describedby={state.formError ? "login-error" : undefined}>
      {state.formError ? (
        <Alert variant="destructive" id="login-error" data-testid="login-error">
          <CircleExclamationPoint aria-hidden="true" />
          <AlertDescription className="text-destructive">{state.formError}</AlertDescription>
        </Alert>
      ) : null}

      <div className="grid gap-2">
        <Label htmlFor="email">Email</Label>
        <Input
          ref={emailRef}
          // Remount with the last submitted email: React resets uncontrolled fields after an action.
          key={`email-${state.attempt}`}
          defaultValue={state.email}
          id="email"
          name="email"
          type="email"
          autoComplete="username"
          inputMode="email"
          autoCapitalize="none"
          spellCheck={false}
          autoFocus
          required
          readOnly={pending}
          aria-invalid={emailError ? true : undefined}
          aria-describedby={emailError ? "email-error" : undefined}
          onChange={onEdit("email")}
        />
        <FieldError id="email-error" message={emailError} />
      </div>

      <div className="grid gap-2">
        <Label htmlFor="password">Password</Label>
        <Input
          ref={passwordRef}
          id="password"
          name="password"
          type="password"
          autoComplete="current-password"
          required
          readOnly={pending}
          aria-invalid={passwordError ? true : undefined}
          aria-describedby={passwordError ? "password-error" : undefined}
          onChange={onEdit("password")}
        />
        <FieldError id="password-error" message={passwordError} />
      </div>

      <Button type="submit" className="w-full" disabled={pending}>
        {pending ? <LoaderCircle className="motion-safe:animate-spin" aria-hidden="true" /> : null}
        {pending ? "Signing in…" : "Sign in"}
      </Button>
    </form>
  );
}

function FieldError({ id, message }: { id: string; message: string | undefined }) {
  if (!message) return null;
  return (
    <p id={id} className="text-sm text-destructive">
      {message}
    </p>
  );
}

/** Turns what apiFetch threw into the form's errors. */
function describeFailure(error: unknown): Pick<LoginState, "fieldErrors" | "formError" | "rejected"> {
  const none = { fieldErrors: {}, formError: null, rejected: false };
  if (!isApiError(error)) {
    return { ...none, formError: "Could not reach the server. Check your connection and try again." };
  }
  if (error.status === 401) return { ...none, formError: INVALID_CREDENTIALS_MESSAGE, rejected: true };
  if (error.status === 400 && error.issues.length > 0) {
    const fieldErrors: FieldErrors = {};
    const others: string[] = [];
    for (const issue of error.issues) {
      const field = fieldOf(issue.path);
      if (field) fieldErrors[field] ??= capitalize(issue.message);
      else others.push(issue.message);
    }
    return { ...none, fieldErrors, formError: others.length > 0 ? others.join(" ") : null };
  }
  if (error.status === 429) return { ...none, formError: "Too many sign-in attempts. Wait a moment and try again." };
  if (error.status >= 500) return { ...none, formError: "The server could not sign you in. Try again in a moment." };
  return { ...none, formError: error.message };
}

/** The form field an issue's path points at: "email", "body.email"… */
function fieldOf(path: string): Field | null {
  const last = path.split(".").at(-1);
  return last === "email" || last === "password" ? last : null;
}

function capitalize(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}
