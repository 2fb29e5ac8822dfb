"use client";
// DagEditorDialog: create or edit a DAG: name, id, description and the steps as JSON, checked as you
// type with the routes' own schemas (each problem with its path, a click selects it in the JSON),
// the operator cheat-sheet and a starting template. Creating waits for the server (its refusals show
// here); saving an edit closes at once (the card shows it) and reopens with the server's issues if refused.
import * as React from "react";
import { CircleCheck, LoaderCircle, TriangleAlert } from "lucide-react";
import { toast } from "sonner";

import { Alert, AlertDescription, AlertTitle } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { Dialog, DialogClose, DialogContent, DialogDescription, DialogFooter, DialogHeader, DialogTitle } from "@/components/ui/dialog";
import { Input } from "@/components/ui/input";
import { Label } from "@/components/ui/label";
import { Textarea } from "@/components/ui/textarea";
import type { DagOperatorName } from "@/lib/api/dag-operators";
import type { Dag } from "@/lib/protocol/entities/dags";
import { isApiError } from "@/lib/query/fetchers";
import { useCreateDag, useUpdateDag, type DagRow } from "@/lib/query/hooks/use-dags";
import { cn } from "@/lib/utils";
import { appendStep, DAG_TEMPLATE_STEPS, formatSteps } from "./dag-format";
import { checkDraft, draftOf, emptyDraft, issuesOf, serverIssues, type DagDraft, type DraftIssue } from "./dag-draft";
import type { JsonSpan } from "./json-locate";
import { OperatorCheatSheet } from "./operator-cheat-sheet";

export type EditorTarget = { mode: "create" } | { mode: "edit"; dag: DagRow };

interface ServerRefusal {
  issues: DraftIssue[];
  /** A message not tied to a field (e.g. a 409's). */
  form: string | null;
}

export function DagEditorDialog({
  target,
  open,
  onOpenChange,
  onCreated,
}: {
  target: EditorTarget;
  open: boolean;
  onOpenChange: (open: boolean) => void;
  onCreated?: (dag: Dag) => void;
}) {
  const mode = target.mode;
  const create = useCreateDag();
  const update = useUpdateDag();
  const [draft, setDraftState] = React.useState<DagDraft>(() => (target.mode === "edit" ? draftOf(target.dag) : emptyDraft()));
  const [touched, setTouched] = React.useState({ name: false, dagId: false });
  const [submitted, setSubmitted] = React.useState(false);
  const [refusal, setRefusal] = React.useState<ServerRefusal | null>(null);
  const stepsRef = React.useRef<HTMLTextAreaElement>(null);
  const formRef = React.useRef<HTMLFormElement>(null);

  const deferred = React.useDeferredValue(draft);
  const check = React.useMemo(() => checkDraft(deferred, mode), [deferred, mode]);
  const issues = React.useMemo(() => [...check.issues, ...(refusal?.issues ?? [])], [check, refusal]);
  const stepIssues = issuesOf(issues, "steps");
  const showField = (field: "name" | "dagId") => touched[field] || submitted;
  const nameIssue = showField("name") ? issuesOf(issues, "name")[0] : undefined;
  const idIssue = showField("dagId") ? issuesOf(issues, "dag_id")[0] : undefined;
  const descriptionIssue = issuesOf(issues, "description")[0];
  const formIssues = issuesOf(issues, "form");
  const jsonValid = !check.issues.some((i) => i.label.startsWith("JSON"));

  const setDraft = (next: DagDraft) => {
    setDraftState(next);
    setRefusal(null); // the server's verdict was about the text as sent
  };

  const goTo = (span: JsonSpan | undefined) => {
    const el = stepsRef.current;
    if (!el || !span) return;
    el.focus();
    el.setSelectionRange(span.start, Math.max(span.start, span.end));
    // Bring the selection into view: put its line near the top of the field.
    const line = draft.steps.slice(0, span.start).split("\n").length - 1;
    const lineHeight = Number.parseFloat(getComputedStyle(el).lineHeight) || 20;
    el.scrollTop = Math.max(0, (line - 2) * lineHeight);
  };

  const refused = (error: unknown, sent: DagDraft) => {
    if (!isApiError(error)) {
      setRefusal({ issues: [], form: "The server could not be reached. Your definition is still here: try again." });
      return;
    }
    const located = serverIssues(error.issues, sent.steps);
    const conflict = error.status === 409 ? `${error.message}${mode === "create" ? " Choose another name, or set a different ID." : ""}` : null;
    setRefusal({ issues: located, form: conflict ?? (located.length === 0 ? error.message : null) });
  };

  const submit = (event: React.FormEvent) => {
    event.preventDefault();
    const result = checkDraft(draft, mode);
    setSubmitted(true);
    if (!result.ok) {
      requestAnimationFrame(() => {
        const first = formRef.current?.querySelector<HTMLElement>('[aria-invalid="true"]');
        first?.focus();
      });
      return;
    }
    const sent = draft;
    if (target.mode === "create") {
      create.mutate(result.body, {
        onSuccess: (dag) => {
          toast.success(`DAG “${dag.name}” created`);
          onOpenChange(false);
          onCreated?.(dag);
        },
        onError: (error) => refused(error, sent),
      });
      return;
    }
    const { dag_id: _id, ...body } = result.body;
    onOpenChange(false);
    update.mutate(
      { dag: target.dag, body },
      {
        onError: (error) => {
          // The toast says it too; what the user can fix reopens the editor with the draft.
          if (isApiError(error) && ![400, 409, 422].includes(error.status)) return;
          setDraftState(sent);
          refused(error, sent);
          onOpenChange(true);
        },
      },
    );
  };

  const addStep = (operator: DagOperatorName) => {
    const next = appendStep(draft.steps, operator);
    if (next === null) return;
    setDraft({ ...draft, steps: next });
    requestAnimationFrame(() => {
      const el = stepsRef.current;
      if (!el) return;
      el.focus();
      el.setSelectionRange(next.length, next.length);
      el.scrollTop = el.scrollHeight;
    });
  };

  const tidy = () => {
    try {
      setDraft({ ...draft, steps: formatSteps(JSON.parse(draft.steps) as Parameters<typeof formatSteps>[0]) });
    } catch {
      // Only offered while the JSON parses.
    }
  };

  const creating = create.isPending;
  const title = mode === "create" ? "New DAG" : `Edit ${target.mode === "edit" ? target.dag.name : ""}`;
  const stepsDescribedBy = ["dag-steps-hint", "dag-steps-summary"].join(" ");

  return (
    <Dialog open={open} onOpenChange={onOpenChange}>
      <DialogContent className="sm:max-w-6xl" data-testid="dag-editor-dialog">
        <DialogHeader>
          <DialogTitle>{title}</DialogTitle>
          <DialogDescription>
            {mode === "create"
              ? "Name the DAG and list its steps as JSON. Each step runs once the steps it depends on have succeeded."
              : "Change the name, description or steps. Runs already started keep the definition they started with."}
          </DialogDescription>
        </DialogHeader>
        <form ref={formRef} noValidate onSubmit={submit} aria-label={title} className="grid gap-6 lg:grid-cols-[minmax(0,1fr)_20rem]">
          <div className="grid min-w-0 content-start gap-4">
            {refusal?.form || formIssues.length > 0 ? (
              <Alert variant="destructive" data-testid="dag-editor-form-error">
                <TriangleAlert aria-hidden="true" />
                <AlertTitle>{mode === "create" ? "The DAG was not created" : "The changes were not saved"}</AlertTitle>
                <AlertDescription>
                  {refusal?.form ? <p>{refusal.form}</p> : null}
                  {formIssues.map((i, n) => (
                    <p key={n}>
                      {i.label ? <code className="font-mono">{i.label}</code> : null}
                      {i.label ? ": " : null}
                      {i.message}
                    </p>
                  ))}
                </AlertDescription>
              </Alert>
            ) : null}

            <div className={cn("grid gap-4", mode === "create" && "sm:grid-cols-[minmax(0,1fr)_14rem]")}>
              <div className="grid content-start gap-2">
                <Label htmlFor="dag-name">Name</Label>
                <Input
                  id="dag-name"
                  value={draft.name}
                  maxLength={120}
                  autoComplete="off"
                  placeholder="e.g. Nightly import"
                  aria-invalid={nameIssue ? true : undefined}
                  aria-describedby={nameIssue ? "dag-name-error" : undefined}
                  onChange={(e) => setDraft({ ...draft, name: e.target.value })}
                  onBlur={() => setTouched((t) => ({ ...t, name: true }))}
                  data-testid="dag-name-input"
                />
                {nameIssue ? (
                  <p id="dag-name-error" className="text-xs text-destructive">
                    Name {nameIssue.message}
                  </p>
                ) : null}
              </div>
              {mode === "create" ? (
                <div className="grid content-start gap-2">
                  <Label htmlFor="dag-id">
                    ID <span className="font-normal text-muted-foreground">(optional)</span>
                  </Label>
                  <Input
                    id="dag-id"
                    value={draft.dagId}
                    maxLength={128}
                    autoComplete="off"
                    spellCheck={false}
                    placeholder="made from the name"
                    className="font-mono"
                    aria-invalid={idIssue ? true : undefined}
                    aria-describedby={idIssue ? "dag-id-error" : undefined}
                    onChange={(e) => setDraft({ ...draft, dagId: e.target.value })}
                    onBlur={() => setTouched((t) => ({ ...t, dagId: true }))}
                    data-testid="dag-id-input"
                  />
                  {idIssue ? (
                    <p id="dag-id-error" className="text-xs text-destructive">
                      ID {idIssue.message}
                    </p>
                  ) : null}
                </div>
              ) : null}
            </div>

            <div className="grid gap-2">
              <Label htmlFor="dag-description">
                Description <span className="font-normal text-muted-foreground">(optional)</span>
              </Label>
              <Textarea
                id="dag-description"
                value={draft.description}
                rows={2}
                maxLength={2000}
                className="min-h-12"
                aria-invalid={descriptionIssue ? true : undefined}
                aria-describedby={descriptionIssue ? "dag-description-error" : undefined}
                onChange={(e) => setDraft({ ...draft, description: e.target.value })}
              />
              {descriptionIssue ? (
                <p id="dag-description-error" className="text-xs text-destructive">
                  Description {descriptionIssue.message}
                </p>
              ) : null}
            </div>

            <div className="grid gap-2">
              <div className="flex flex-wrap items-end justify-between gap-2">
                <Label htmlFor="dag-steps">Steps (JSON)</Label>
                <div className="flex gap-2">
                  <Button variant="ghost" size="sm" className="h-7 px-2 text-xs" onClick={tidy} disabled={!jsonValid}>
                    Format
                  </Button>
                  {mode === "create" ? (
                    <Button
                      variant="ghost"
                      size="sm"
                      className="h-7 px-2 text-xs"
                      onClick={() => setDraft({ ...draft, steps: formatSteps(DAG_TEMPLATE_STEPS) })}
                      data-testid="dag-use-template"
                    >
                      Use template
                    </Button>
                  ) : null}
                </div>
              </div>
              <Textarea
                ref={stepsRef}
                id="dag-steps"
                value={draft.steps}
                rows={16}
                spellCheck={false}
                autoCapitalize="off"
                autoCorrect="off"
                wrap="off"
                className="max-h-[42vh] min-h-48 overflow-auto font-mono text-xs leading-5 md:text-xs"
                aria-invalid={stepIssues.length > 0 ? true : undefined}
                aria-describedby={stepsDescribedBy}
                onChange={(e) => setDraft({ ...draft, steps: e.target.value })}
                onKeyDown={(e) => {
                  if (e.key === "Enter" && (e.ctrlKey || e.metaKey)) {
                    e.preventDefault();
                    formRef.current?.requestSubmit();
                  }
                }}
                data-testid="dag-steps-input"
              />
              <p id="dag-steps-hint" className="text-xs text-muted-foreground">
                A JSON list of steps, checked as you type. Ctrl+Enter (⌘+Enter) saves.
              </p>
              <ProblemList issues={stepIssues} onGoTo={goTo} />
            </div>
          </div>

          <div className="min-w-0 lg:max-h-[70vh] lg:overflow-y-auto lg:pr-1">
            <OperatorCheatSheet onAdd={addStep} canAdd={jsonValid} />
          </div>

          <DialogFooter className="lg:col-span-2">
            <DialogClose asChild>
              <Button variant="outline">Cancel</Button>
            </DialogClose>
            <Button type="submit" disabled={creating} data-testid="dag-editor-submit">
              {creating ? <LoaderCircle className="motion-safe:animate-spin" aria-hidden="true" /> : null}
              {mode === "create" ? (creating ? "Creating…" : "Create DAG") : "Save changes"}
            </Button>
          </DialogFooter>
        </form>
      </DialogContent>
    </Dialog>
  );
}

/** The steps' problems, each with its path; a click selects the value in the JSON. */
function ProblemList({ issues, onGoTo }: { issues: readonly DraftIssue[]; onGoTo: (span: JsonSpan | undefined) => void }) {
  return (
    <div className="grid gap-1.5" data-testid="dag-steps-problems">
      <p id="dag-steps-summary" className={cn("flex items-center gap-1.5 text-xs font-medium", issues.length > 0 ? "text-destructive" : "text-success")}>
        {issues.length > 0 ? <TriangleAlert className="size-3.5" aria-hidden="true" /> : <CircleCheck className="size-3.5" aria-hidden="true" />}
        {issues.length === 0 ? "The steps are valid." : `${issues.length} ${issues.length === 1 ? "problem" : "problems"} in the steps`}
        {issues[0] ? <span className="sr-only">{`, first: ${issues[0].label}: ${issues[0].message}`}</span> : null}
      </p>
      {issues.length > 0 ? (
        <ul className="grid max-h-40 gap-1 overflow-y-auto rounded-md border border-destructive/30 bg-destructive/5 p-2 text-xs">
          {issues.map((issue, i) => (
            <li key={i} data-testid="dag-steps-problem">
              <button
                type="button"
                className="w-full rounded-sm text-left outline-none hover:underline focus-visible:ring-[3px] focus-visible:ring-ring/50 disabled:no-underline"
                onClick={() => onGoTo(issue.span)}
                disabled={!issue.span}
              >
                <code className="font-mono font-medium">{issue.label}</code>: {issue.message}
                {issue.stepId ? <span className="text-muted-foreground"> (step “{issue.stepId}”)</span> : null}
              </button>
            </li>
          ))}
        </ul>
      ) : null}
    </div>
  );
}
