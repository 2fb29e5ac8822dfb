"use client";
// AddAgentDialog: the "Add agent" form (name, type, capability rows). Checked in the browser with the
// route's schema; on submit it closes at once and the new card shows as pending. When the server
// refuses the agent (400/409/422) the form opens again with the draft and its errors beside the fields.
import * as React from "react";
import { TriangleAlert } from "lucide-react";

import { Alert, AlertDescription, AlertTitle } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { Dialog, DialogClose, DialogContent, DialogDescription, DialogFooter, DialogHeader, DialogTitle } from "@/components/ui/dialog";
import { Input } from "@/components/ui/input";
import { Label } from "@/components/ui/label";
import { createAgentBody } from "@/lib/api/agents";
import { useAddAgent, type AddAgentInput } from "@/lib/query/hooks/use-agents";
import { fieldErrors, fieldMessage, KNOWN_CAPABILITIES, parseNumber } from "./agent-format";
import { CapabilityRows, capabilityDraft, type CapabilityDraft } from "./capability-rows";
import { useSentDraftForm, type FormErrors } from "./use-sent-draft-form";

const MAX_CAPABILITIES = 12;

interface AgentDraft {
  name: string;
  type: string;
  capabilities: CapabilityDraft[];
}

const emptyDraft = (): AgentDraft => ({ name: "", type: "", capabilities: [capabilityDraft("", "0.7")] });

type Errors = FormErrors;

export function AddAgentDialog({ open, onOpenChange }: { open: boolean; onOpenChange: (open: boolean) => void }) {
  const { add } = useAddAgent();
  const { draft, setDraft, errors, formRef, submit } = useSentDraftForm({
    empty: emptyDraft,
    check: checkAgent,
    send: add,
    serverErrors: (error, submitted) => serverErrors(error.issues, error.message, submitted),
    onOpenChange,
  });

  const nameError = errors.name;
  const typeError = errors.type;
  const listError = errors.capabilities;
  return (
    <Dialog open={open} onOpenChange={onOpenChange}>
      <DialogContent className="sm:max-w-lg" data-testid="add-agent-dialog">
        <DialogHeader>
          <DialogTitle>Add agent</DialogTitle>
          <DialogDescription>The new agent starts idle and takes waiting tasks its capabilities qualify it for.</DialogDescription>
        </DialogHeader>
        <form ref={formRef} noValidate onSubmit={submit} className="grid gap-4" aria-label="Add agent">
          {errors.form ? (
            <Alert variant="destructive">
              <TriangleAlert aria-hidden="true" />
              <AlertTitle>The agent was not added</AlertTitle>
              <AlertDescription>{errors.form}</AlertDescription>
            </Alert>
          ) : null}
          <div className="grid gap-2">
            <Label htmlFor="agent-name">Name</Label>
            <Input
              id="agent-name"
              value={draft.name}
              maxLength={80}
              autoComplete="off"
              placeholder="e.g. Summarizer 2"
              aria-invalid={nameError ? true : undefined}
              aria-describedby={nameError ? "agent-name-error" : undefined}
              onChange={(e) => setDraft({ ...draft, name: e.target.value })}
            />
            {nameError ? (
              <p id="agent-name-error" className="text-xs text-destructive">
                {nameError}
              </p>
            ) : null}
          </div>
          <div className="grid gap-2">
            <Label htmlFor="agent-type">Type</Label>
            <Input
              id="agent-type"
              value={draft.type}
              maxLength={60}
              autoComplete="off"
              list="agent-type-suggestions"
              placeholder="custom"
              aria-invalid={typeError ? true : undefined}
              aria-describedby={typeError ? "agent-type-error agent-type-hint" : "agent-type-hint"}
              onChange={(e) => setDraft({ ...draft, type: e.target.value })}
            />
            <datalist id="agent-type-suggestions">
              {["custom", ...KNOWN_CAPABILITIES].map((t) => (
                <option key={t} value={t} />
              ))}
            </datalist>
            <p id="agent-type-hint" className="text-xs text-muted-foreground">
              A label for people (e.g. analysis); work is matched on capabilities. Empty: custom.
            </p>
            {typeError ? (
              <p id="agent-type-error" className="text-xs text-destructive">
                {typeError}
              </p>
            ) : null}
          </div>
          <fieldset className="grid gap-2" aria-describedby={listError ? "agent-capabilities-error" : undefined}>
            <legend className="mb-2 text-sm font-medium">Capabilities</legend>
            <CapabilityRows
              idPrefix="agent-cap"
              rows={draft.capabilities}
              onChange={(capabilities) => setDraft({ ...draft, capabilities })}
              levelLabel="Proficiency"
              errors={errors}
              errorPath="capabilities"
              max={MAX_CAPABILITIES}
            />
            {listError ? (
              <p id="agent-capabilities-error" className="text-xs text-destructive">
                {listError}
              </p>
            ) : null}
          </fieldset>
          <DialogFooter>
            <DialogClose asChild>
              <Button variant="outline">Cancel</Button>
            </DialogClose>
            <Button type="submit" data-testid="add-agent-submit">
              Add agent
            </Button>
          </DialogFooter>
        </form>
      </DialogContent>
    </Dialog>
  );
}

/** Checks a draft with the route's schema; the body to send, or the errors by field. */
export function checkAgent(draft: AgentDraft): { ok: true; body: AddAgentInput } | { ok: false; errors: Errors } {
  const errors: Errors = {};
  const capabilities = draft.capabilities.map((c, i) => {
    const level = parseNumber(c.level);
    if (level === null) errors[`capabilities.${i}.level`] = "Proficiency must be a number from 0 to 1";
    return { name: c.name, proficiency: level ?? 0 };
  });
  const seen = new Map<string, number>();
  capabilities.forEach((c, i) => {
    const name = c.name.trim().toLowerCase();
    if (!name) return;
    if (seen.has(name)) errors[`capabilities.${i}.name`] ??= `Also named in row ${seen.get(name)! + 1}`;
    else seen.set(name, i);
  });
  const parsed = createAgentBody.safeParse({ name: draft.name, type: draft.type.trim() || undefined, capabilities });
  if (!parsed.success) {
    for (const [path, message] of Object.entries(fieldErrors(parsed.error.issues))) {
      const key = toDraftPath(path);
      errors[key] ??= describe(key, message);
    }
  }
  if (!parsed.success || Object.keys(errors).length > 0) return { ok: false, errors };
  const { client_mutation_id: _cmid, ...body } = parsed.data;
  return { ok: true, body };
}

/** The server's issues on the form's fields; anything else (or a 409's message) at the top. */
function serverErrors(issues: ReadonlyArray<{ path: string; message: string }>, message: string, draft: AgentDraft): Errors {
  const errors: Errors = {};
  const known = new Set(["name", "type", "capabilities", ...draft.capabilities.flatMap((_, i) => [`capabilities.${i}.name`, `capabilities.${i}.level`])]);
  const other: string[] = [];
  for (const [path, msg] of Object.entries(fieldErrors(issues))) {
    const key = toDraftPath(path);
    if (known.has(key)) errors[key] = describe(key, msg);
    else other.push(path ? `${path} ${msg}` : msg);
  }
  if (other.length > 0 || Object.keys(errors).length === 0) errors.form = other.length > 0 ? other.join("; ") : message;
  return errors;
}

/** `capabilities.0.proficiency` -> `capabilities.0.level` (the rows' field name). */
function toDraftPath(path: string): string {
  return path.replace(/^(capabilities\.\d+)\.(proficiency|learning_rate)$/, "$1.level");
}

function describe(key: string, message: string): string {
  if (key === "name") return fieldMessage("Name", message);
  if (key === "type") return fieldMessage("Type", message);
  if (key === "capabilities") return /^names/.test(message) ? "Two rows name the same capability" : fieldMessage("Capabilities", message);
  if (key.endsWith(".name")) return fieldMessage("Name", message);
  if (key.endsWith(".level")) return fieldMessage("Proficiency", message);
  return message;
}
