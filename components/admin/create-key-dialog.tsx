"use client";
// CreateKeyDialog: names a new API key, then shows its secret once with a copy button (it cannot be seen again).
import * as React from "react";
import { KeyRound } from "lucide-react";

import { Alert, AlertDescription, AlertTitle } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { Dialog, DialogContent, DialogDescription, DialogFooter, DialogHeader, DialogTitle } from "@/components/ui/dialog";
import { Input } from "@/components/ui/input";
import { createApiKeyBody, type CreatedApiKey } from "@/lib/api/admin";
import { isApiError } from "@/lib/query/fetchers";
import { useCreateApiKey } from "@/lib/query/hooks/use-admin";
import { CopyButton } from "./copy-button";
import { fieldAria, FormField, issuesToErrors } from "./form-field";

type Errors = Partial<Record<"name" | "form", string>>;

export function CreateKeyDialog({ open, onOpenChange }: { open: boolean; onOpenChange: (open: boolean) => void }) {
  const [name, setName] = React.useState("");
  const [errors, setErrors] = React.useState<Errors>({});
  const [created, setCreated] = React.useState<CreatedApiKey | null>(null);
  const create = useCreateApiKey();

  React.useEffect(() => {
    if (open) return;
    // The secret is forgotten when the dialog closes: it is shown once.
    setName("");
    setErrors({});
    setCreated(null);
  }, [open]);

  function submit(event: React.FormEvent) {
    event.preventDefault();
    const parsed = createApiKeyBody.safeParse({ name });
    if (!parsed.success) {
      setErrors(issuesToErrors(parsed.error.issues.map((i) => ({ path: i.path.join("."), message: i.message })), ["name"]));
      return;
    }
    create.mutate(parsed.data, {
      onSuccess: (key) => setCreated(key),
      onError: (error) =>
        setErrors(isApiError(error) && error.issues.length > 0 ? issuesToErrors(error.issues, ["name"]) : { form: isApiError(error) ? error.message : "The server could not be reached." }),
    });
  }

  return (
    <Dialog open={open} onOpenChange={onOpenChange}>
      <DialogContent data-testid="admin-create-key-dialog">
        {created ? (
          <>
            <DialogHeader>
              <DialogTitle>API key “{created.name}”</DialogTitle>
              <DialogDescription>Copy it now and keep it somewhere safe: it is shown only this once.</DialogDescription>
            </DialogHeader>
            <Alert>
              <KeyRound aria-hidden="true" />
              <AlertTitle>Your new key</AlertTitle>
              <AlertDescription>
                <div className="flex w-full flex-wrap items-center gap-2 pt-1">
                  <label htmlFor="created-key" className="sr-only">
                    The new API key
                  </label>
                  <Input id="created-key" readOnly value={created.key} onFocus={(e) => e.currentTarget.select()} className="min-w-0 flex-1 font-mono text-xs" data-testid="admin-created-key" />
                  <CopyButton value={created.key} label="Copy key" testId="admin-copy-key" />
                </div>
              </AlertDescription>
            </Alert>
            <DialogFooter>
              <Button onClick={() => onOpenChange(false)} data-testid="admin-created-key-done">
                Done
              </Button>
            </DialogFooter>
          </>
        ) : (
          <>
            <DialogHeader>
              <DialogTitle>New API key</DialogTitle>
              <DialogDescription>For a program that publishes events or reads topics. Name it after what uses it.</DialogDescription>
            </DialogHeader>
            <form className="grid gap-4" onSubmit={submit} noValidate>
              <FormField id="new-key-name" label="Name" error={errors.name}>
                <Input id="new-key-name" value={name} onChange={(e) => setName(e.target.value)} maxLength={100} placeholder="market-feed" {...fieldAria("new-key-name", errors.name)} />
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
                <Button type="submit" disabled={create.isPending} data-testid="admin-create-key-save">
                  {create.isPending ? "Creating…" : "Create key"}
                </Button>
              </DialogFooter>
            </form>
          </>
        )}
      </DialogContent>
    </Dialog>
  );
}
