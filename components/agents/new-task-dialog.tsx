"use client";
// NewTaskDialog: the "New task" form (description, type, priority, required capabilities prefilled with
// the type's). Checked in the browser with the route's schema; on submit it closes at once and the
// task shows as pending in the queue. A refusal the user can fix opens the form again with its errors.
import * as React from "react";
import { TriangleAlert } from "lucide-react";

import { Alert, AlertDescription, AlertTitle } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { Dialog, DialogClose, DialogContent, DialogDescription, DialogFooter, DialogHeader, DialogTitle } from "@/components/ui/dialog";
import { Input } from "@/components/ui/input";
import { Label } from "@/components/ui/label";
import { Select, SelectContent, SelectItem, SelectTrigger, SelectValue } from "@/components/ui/select";
import { Textarea } from "@/components/ui/textarea";
import { createTaskBody, DEFAULT_MIN_PROFICIENCY, TASK_TYPE_NAMES, TASK_TYPES, type TaskType } from "@/lib/api/tasks";
import { useCreateTask, type CreateTaskInput } from "@/lib/query/hooks/use-tasks";
import { useSentDraftForm, type FormErrors } from "./use-sent-draft-form";
import { capabilityLabel, fieldErrors, fieldMessage, parseNumber } from "./agent-format";
import { CapabilityRows, capabilityDraft, type CapabilityDraft } from "./capability-rows";

const MAX_CAPABILITIES = 8;
const DEFAULT_TYPE: TaskType = "summarization";

interface TaskDraft {
  description: string;
  type: TaskType;
  priority: string;
  capabilities: CapabilityDraft[];
  /** The user edited the capabilities: a type change no longer replaces them. */
  capabilitiesEdited: boolean;
}

const typeDefaults = (type: TaskType): CapabilityDraft[] => [capabilityDraft(TASK_TYPES[type].capability, String(DEFAULT_MIN_PROFICIENCY))];
const emptyDraft = (): TaskDraft => ({ description: "", type: DEFAULT_TYPE, priority: "5", capabilities: typeDefaults(DEFAULT_TYPE), capabilitiesEdited: false });

type Errors = FormErrors;

export function NewTaskDialog({
  open,
  onOpenChange,
  onSubmitted,
}: {
  open: boolean;
  onOpenChange: (open: boolean) => void;
  /** Called as the task is sent (e.g. to show the queue where its pending row appears). */
  onSubmitted?: () => void;
}) {
  const { create } = useCreateTask();
  const { draft, setDraft, errors, formRef, submit } = useSentDraftForm({
    empty: emptyDraft,
    check: checkTask,
    send: create,
    serverErrors: (error, submitted) => serverErrors(error.issues, error.message, submitted),
    onOpenChange,
    onSent: onSubmitted,
  });

  const setType = (type: TaskType) =>
    setDraft((d) => ({ ...d, type, capabilities: d.capabilitiesEdited ? d.capabilities : typeDefaults(type) }));
  const info = TASK_TYPES[draft.type];
  const err = (key: string) => errors[key];
  const describedBy = (key: string, hint?: string) => [err(key) ? `task-${key}-error` : null, hint].filter(Boolean).join(" ") || undefined;

  return (
    <Dialog open={open} onOpenChange={onOpenChange}>
      <DialogContent className="sm:max-w-xl" data-testid="new-task-dialog">
        <DialogHeader>
          <DialogTitle>New task</DialogTitle>
          <DialogDescription>A standalone task: the scheduler gives it to the best idle agent with the capabilities it needs.</DialogDescription>
        </DialogHeader>
        <form ref={formRef} noValidate onSubmit={submit} className="grid gap-4" aria-label="New task">
          {errors.form ? (
            <Alert variant="destructive">
              <TriangleAlert aria-hidden="true" />
              <AlertTitle>The task was not created</AlertTitle>
              <AlertDescription>{errors.form}</AlertDescription>
            </Alert>
          ) : null}
          <div className="grid gap-2">
            <Label htmlFor="task-description">Description</Label>
            <Textarea
              id="task-description"
              value={draft.description}
              rows={4}
              className="max-h-60"
              placeholder="The text to work on, or what to do"
              aria-invalid={err("description") ? true : undefined}
              aria-describedby={describedBy("description")}
              onChange={(e) => setDraft({ ...draft, description: e.target.value })}
            />
            <FieldError id="task-description-error" message={err("description")} />
          </div>
          <div className="grid gap-4 sm:grid-cols-[minmax(0,1fr)_8rem]">
            <div className="grid content-start gap-2">
              <Label htmlFor="task-type">Type</Label>
              <Select value={draft.type} onValueChange={(v) => setType(v as TaskType)}>
                <SelectTrigger
                  id="task-type"
                  aria-invalid={err("type") ? true : undefined}
                  aria-describedby={describedBy("type", "task-type-hint")}
                  data-testid="task-type"
                >
                  <SelectValue />
                </SelectTrigger>
                <SelectContent>
                  {TASK_TYPE_NAMES.map((t) => (
                    <SelectItem key={t} value={t} description={TASK_TYPES[t].description}>
                      {TASK_TYPES[t].label}
                    </SelectItem>
                  ))}
                </SelectContent>
              </Select>
              <p id="task-type-hint" className="text-xs text-muted-foreground">
                {info.description}. Needs {capabilityLabel(info.capability).toLowerCase()}.
              </p>
              <FieldError id="task-type-error" message={err("type")} />
            </div>
            <div className="grid content-start gap-2">
              <Label htmlFor="task-priority">Priority</Label>
              <Input
                id="task-priority"
                type="number"
                inputMode="numeric"
                min={0}
                max={10}
                step={1}
                value={draft.priority}
                className="tabular-nums"
                aria-invalid={err("priority") ? true : undefined}
                aria-describedby={describedBy("priority", "task-priority-hint")}
                onChange={(e) => setDraft({ ...draft, priority: e.target.value })}
              />
              <p id="task-priority-hint" className="text-xs text-muted-foreground">
                0 lowest, 10 most urgent.
              </p>
              <FieldError id="task-priority-error" message={err("priority")} />
            </div>
          </div>
          <fieldset className="grid gap-2" aria-describedby={["task-capabilities-hint", err("required_capabilities") ? "task-required_capabilities-error" : null].filter(Boolean).join(" ")}>
            <legend className="mb-1 text-sm font-medium">Required capabilities</legend>
            <p id="task-capabilities-hint" className="text-xs text-muted-foreground">
              Only agents at least this proficient take the task. With none, it needs {capabilityLabel(info.capability).toLowerCase()} at{" "}
              {DEFAULT_MIN_PROFICIENCY}.
            </p>
            <CapabilityRows
              idPrefix="task-cap"
              rows={draft.capabilities}
              onChange={(capabilities) => setDraft({ ...draft, capabilities, capabilitiesEdited: true })}
              levelLabel="Minimum proficiency"
              errors={errors}
              errorPath="required_capabilities"
              max={MAX_CAPABILITIES}
            />
            <FieldError id="task-required_capabilities-error" message={err("required_capabilities")} />
          </fieldset>
          <DialogFooter>
            <DialogClose asChild>
              <Button variant="outline">Cancel</Button>
            </DialogClose>
            <Button type="submit" data-testid="new-task-submit">
              Create task
            </Button>
          </DialogFooter>
        </form>
      </DialogContent>
    </Dialog>
  );
}

function FieldError({ id, message }: { id: string; message: string | undefined }) {
  return message ? (
    <p id={id} className="text-xs text-destructive">
      {message}
    </p>
  ) : null;
}

/** Checks a draft with the route's schema; the body to send, or the errors by field. */
export function checkTask(draft: TaskDraft): { ok: true; body: CreateTaskInput } | { ok: false; errors: Errors } {
  const errors: Errors = {};
  const priority = parseNumber(draft.priority);
  if (priority === null || !Number.isInteger(priority)) errors.priority = "Priority must be a whole number from 0 to 10";
  const required = draft.capabilities.map((c, i) => {
    const level = parseNumber(c.level);
    if (level === null) errors[`required_capabilities.${i}.level`] = "Minimum must be a number from 0 to 1";
    return { name: c.name, min_proficiency: level ?? 0 };
  });
  const seen = new Map<string, number>();
  required.forEach((c, i) => {
    const name = c.name.trim().toLowerCase();
    if (!name) return;
    if (seen.has(name)) errors[`required_capabilities.${i}.name`] ??= `Also named in row ${seen.get(name)! + 1}`;
    else seen.set(name, i);
  });
  const parsed = createTaskBody.safeParse({
    description: draft.description,
    type: draft.type,
    priority: priority ?? 5,
    required_capabilities: required.length > 0 ? required : undefined,
  });
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

function serverErrors(issues: ReadonlyArray<{ path: string; message: string }>, message: string, draft: TaskDraft): Errors {
  const errors: Errors = {};
  const known = new Set([
    "description",
    "type",
    "priority",
    "required_capabilities",
    ...draft.capabilities.flatMap((_, i) => [`required_capabilities.${i}.name`, `required_capabilities.${i}.level`]),
  ]);
  const other: string[] = [];
  for (const [path, msg] of Object.entries(fieldErrors(issues))) {
    const key = toDraftPath(path);
    if (known.has(key)) errors[key] = describe(key, msg);
    else other.push(path ? `${path} ${msg}` : msg);
  }
  if (other.length > 0 || Object.keys(errors).length === 0) errors.form = other.length > 0 ? other.join("; ") : message;
  return errors;
}

function toDraftPath(path: string): string {
  return path.replace(/^(required_capabilities\.\d+)\.min_proficiency$/, "$1.level");
}

function describe(key: string, message: string): string {
  if (key === "description") return fieldMessage("Description", message);
  if (key === "type") return fieldMessage("Type", message);
  if (key === "priority") return fieldMessage("Priority", message);
  if (key === "required_capabilities") return /^names/.test(message) ? "Two rows name the same capability" : fieldMessage("Capabilities", message);
  if (key.endsWith(".name")) return fieldMessage("Name", message);
  if (key.endsWith(".level")) return fieldMessage("Minimum", message);
  return message;
}
