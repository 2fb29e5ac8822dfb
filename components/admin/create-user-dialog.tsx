"use client";
// CreateUserDialog: an admin creates an account (email, initial password, role); the server's field
// problems (a taken email, a short password) show under their fields.
import * as React from "react";

import { Button } from "@/components/ui/button";
import { Dialog, DialogContent, DialogDescription, DialogFooter, DialogHeader, DialogTitle } from "@/components/ui/dialog";
import { Input } from "@/components/ui/input";
import { createUserBody } from "@/lib/api/admin";
import { ROLES } from "@/lib/protocol/entities/admin";
import { isApiError } from "@/lib/query/fetchers";
import { useCreateUser } from "@/lib/query/hooks/use-admin";
import { fieldAria, FormField, issuesToErrors, selectClass } from "./form-field";

type Errors = Partial<Record<"email" | "password" | "role" | "form", string>>;
const FIELDS = ["email", "password", "role"] as const;

export function CreateUserDialog({ open, onOpenChange }: { open: boolean; onOpenChange: (open: boolean) => void }) {
  const [email, setEmail] = React.useState("");
  const [password, setPassword] = React.useState("");
  const [role, setRole] = React.useState<(typeof ROLES)[number]>("user");
  const [errors, setErrors] = React.useState<Errors>({});
  const create = useCreateUser();

  React.useEffect(() => {
    if (open) return;
    setEmail("");
    setPassword("");
    setRole("user");
    setErrors({});
  }, [open]);

  function submit(event: React.FormEvent) {
    event.preventDefault();
    const parsed = createUserBody.safeParse({ email, password, role });
    if (!parsed.success) {
      setErrors(issuesToErrors(parsed.error.issues.map((i) => ({ path: i.path.join("."), message: i.message })), FIELDS));
      return;
    }
    create.mutate(parsed.data, {
      onSuccess: () => onOpenChange(false),
      onError: (error) => {
        if (isApiError(error) && error.issues.length > 0) setErrors(issuesToErrors(error.issues, FIELDS));
        else if (isApiError(error) && error.status === 409) setErrors({ email: "is already taken" });
        else setErrors({ form: isApiError(error) ? error.message : "The server could not be reached." });
      },
    });
  }

  return (
    <Dialog open={open} onOpenChange={onOpenChange}>
      <DialogContent data-testid="admin-create-user-dialog">
        <DialogHeader>
          <DialogTitle>New user</DialogTitle>
          <DialogDescription>They sign in with this email and password; tell them the password yourself.</DialogDescription>
        </DialogHeader>
        <form className="grid gap-4" onSubmit={submit} noValidate>
          <FormField id="new-user-email" label="Email" error={errors.email}>
            <Input id="new-user-email" type="email" autoComplete="off" value={email} onChange={(e) => setEmail(e.target.value)} {...fieldAria("new-user-email", errors.email)} />
          </FormField>
          <FormField id="new-user-password" label="Password" hint="At least 8 characters." error={errors.password}>
            <Input id="new-user-password" type="password" autoComplete="new-password" value={password} onChange={(e) => setPassword(e.target.value)} {...fieldAria("new-user-password", errors.password, true)} />
          </FormField>
          <FormField id="new-user-role" label="Role" error={errors.role}>
            <select id="new-user-role" className={selectClass} value={role} onChange={(e) => setRole(e.target.value as typeof role)} {...fieldAria("new-user-role", errors.role)}>
              {ROLES.map((r) => (
                <option key={r} value={r}>
                  {r}
                </option>
              ))}
            </select>
          </FormField>
          {errors.form ? (
            <p role="alert" className="text-sm text-destructive">
              {errors.form}
            </p>
          ) : null}
          <DialogFooter>
            <Button type="button" variant="outline" onClick={() => onOpenChange(false)}>
              Cancel
            </Button>
            <Button type="submit" disabled={create.isPending} data-testid="admin-create-user-save">
              {create.isPending ? "Creating…" : "Create user"}
            </Button>
          </DialogFooter>
        </form>
      </DialogContent>
    </Dialog>
  );
}
