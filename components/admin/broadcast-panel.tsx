"use client";
// BroadcastPanel: send an announcement to everyone (a banner in every browser) or a notification to
// one user or every user of a role, and see how many sockets it reached.
import * as React from "react";
import { Megaphone, Send } from "lucide-react";

import { Button } from "@/components/ui/button";
import { Card, CardContent, CardDescription, CardHeader, CardTitle } from "@/components/ui/card";
import { Input } from "@/components/ui/input";
import { Textarea } from "@/components/ui/textarea";
import { adminBroadcastBody, type AdminBroadcastResponse } from "@/lib/api/admin";
import { NOTIFICATION_LEVELS } from "@/lib/protocol/entities/notifications";
import { ROLES } from "@/lib/protocol/entities/admin";
import { isApiError } from "@/lib/query/fetchers";
import { useAdminUsers, useBroadcast } from "@/lib/query/hooks/use-admin";
import { fieldAria, FormField, issuesToErrors, selectClass } from "./form-field";
import { plural, targetLabel } from "./admin-format";

type TargetKind = "everyone" | "user" | "role";
type Errors = Partial<Record<"message" | "title" | "target" | "form", string>>;

export function BroadcastPanel() {
  const [message, setMessage] = React.useState("");
  const [level, setLevel] = React.useState<(typeof NOTIFICATION_LEVELS)[number]>("info");
  const [kind, setKind] = React.useState<TargetKind>("everyone");
  const [userId, setUserId] = React.useState("");
  const [role, setRole] = React.useState<(typeof ROLES)[number]>("user");
  const [title, setTitle] = React.useState("");
  const [errors, setErrors] = React.useState<Errors>({});
  const [result, setResult] = React.useState<{ res: AdminBroadcastResponse; label: string } | null>(null);
  const users = useAdminUsers({ enabled: kind === "user" });
  const send = useBroadcast();
  const emailOf = (id: string) => users.data?.find((u) => u.id === id)?.email;

  function submit(event: React.FormEvent) {
    event.preventDefault();
    const target = kind === "everyone" ? { kind } : kind === "user" ? { kind, user_id: userId } : { kind, role };
    const parsed = adminBroadcastBody.safeParse({ message, level, target, ...(kind !== "everyone" && title.trim() ? { title } : {}) });
    if (!parsed.success) {
      setErrors(issuesToErrors(parsed.error.issues.map((i) => ({ path: i.path.join("."), message: i.message })), ["message", "title", "target"]));
      return;
    }
    setErrors({});
    setResult(null);
    send.mutate(parsed.data, {
      onSuccess: (res) => {
        setResult({ res, label: targetLabel(res.target ?? parsed.data.target, emailOf) });
        setMessage("");
        setTitle("");
      },
      onError: (error) =>
        setErrors(
          isApiError(error) && error.issues.length > 0
            ? issuesToErrors(error.issues, ["message", "title", "target"])
            : { form: isApiError(error) ? error.message : "The server could not be reached." },
        ),
    });
  }

  return (
    <section aria-labelledby="admin-broadcast-heading" className="grid max-w-2xl gap-4">
      <h2 id="admin-broadcast-heading" className="text-lg font-semibold">
        Broadcast
      </h2>
      <Card>
        <CardHeader>
          <CardTitle as="h3">New message</CardTitle>
          <CardDescription>Everyone: a banner in every open browser. A user or a role: a notification in their bell.</CardDescription>
        </CardHeader>
        <CardContent>
          <form className="grid gap-4" onSubmit={submit} noValidate data-testid="admin-broadcast-form">
            <FormField id="broadcast-message" label="Message" error={errors.message}>
              <Textarea id="broadcast-message" value={message} onChange={(e) => setMessage(e.target.value)} rows={3} maxLength={2000} placeholder="Maintenance at 18:00 UTC; expect a short reconnect." {...fieldAria("broadcast-message", errors.message)} />
            </FormField>
            <div className="grid gap-4 sm:grid-cols-2">
              <FormField id="broadcast-level" label="Level">
                <select id="broadcast-level" className={selectClass} value={level} onChange={(e) => setLevel(e.target.value as typeof level)}>
                  {NOTIFICATION_LEVELS.map((l) => (
                    <option key={l} value={l}>
                      {l}
                    </option>
                  ))}
                </select>
              </FormField>
              <FormField id="broadcast-target" label="Send to" error={kind === "user" ? undefined : errors.target}>
                <select id="broadcast-target" className={selectClass} value={kind} onChange={(e) => setKind(e.target.value as TargetKind)} {...fieldAria("broadcast-target", kind === "user" ? undefined : errors.target)}>
                  <option value="everyone">Everyone (announcement)</option>
                  <option value="user">One user</option>
                  <option value="role">Every user of a role</option>
                </select>
              </FormField>
            </div>
            {kind === "user" ? (
              <FormField id="broadcast-user" label="User" hint={users.isPending ? "Loading users…" : undefined} error={errors.target}>
                <select id="broadcast-user" className={selectClass} value={userId} onChange={(e) => setUserId(e.target.value)} {...fieldAria("broadcast-user", errors.target, users.isPending)}>
                  <option value="">Choose a user…</option>
                  {(users.data ?? [])
                    .filter((u) => !u.disabled)
                    .map((u) => (
                      <option key={u.id} value={u.id}>
                        {u.email} ({u.role})
                      </option>
                    ))}
                </select>
              </FormField>
            ) : null}
            {kind === "role" ? (
              <FormField id="broadcast-role" label="Role">
                <select id="broadcast-role" className={selectClass} value={role} onChange={(e) => setRole(e.target.value as typeof role)}>
                  {ROLES.map((r) => (
                    <option key={r} value={r}>
                      {r}
                    </option>
                  ))}
                </select>
              </FormField>
            ) : null}
            {kind !== "everyone" ? (
              <FormField id="broadcast-title" label="Title (optional)" hint="Default: “Message from an administrator”" error={errors.title}>
                <Input id="broadcast-title" value={title} onChange={(e) => setTitle(e.target.value)} maxLength={200} {...fieldAria("broadcast-title", errors.title, true)} />
              </FormField>
            ) : null}
            {errors.form ? (
              <p role="alert" className="text-sm text-destructive">
                {errors.form}
              </p>
            ) : null}
            <div className="flex flex-wrap items-center gap-3">
              <Button type="submit" disabled={send.isPending} data-testid="admin-broadcast-send">
                <Send aria-hidden="true" />
                {send.isPending ? "Sending…" : "Send"}
              </Button>
              <p role="status" className="text-sm text-muted-foreground" data-testid="admin-broadcast-result">
                {result ? <BroadcastResult res={result.res} label={result.label} /> : null}
              </p>
            </div>
          </form>
        </CardContent>
      </Card>
    </section>
  );
}

function BroadcastResult({ res, label }: { res: AdminBroadcastResponse; label: string }) {
  const sockets = res.delivered_sockets ?? res.connections ?? 0;
  return (
    <span className="inline-flex items-center gap-1.5">
      <Megaphone className="size-4" aria-hidden="true" />
      Sent to {label}: reached <strong className="font-medium text-foreground" data-testid="admin-broadcast-sockets">{plural(sockets, "socket")}</strong>
      {res.target?.kind !== "everyone" && typeof res.users === "number" ? ` (${plural(res.users, "user")} notified)` : ""}.
    </span>
  );
}
