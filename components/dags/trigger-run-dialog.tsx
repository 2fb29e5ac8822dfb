"use client";
// TriggerRunDialog: triggers a run with params: a JSON object (checked as you type with the route's
// schema), prefilled with the names the DAG's steps read as {{params.name}}.
import * as React from "react";
import { Play } from "lucide-react";

import { Button } from "@/components/ui/button";
import { Dialog, DialogClose, DialogContent, DialogDescription, DialogFooter, DialogHeader, DialogTitle } from "@/components/ui/dialog";
import { Label } from "@/components/ui/label";
import { Textarea } from "@/components/ui/textarea";
import { triggerRunBody } from "@/lib/api/dags";
import type { Dag } from "@/lib/protocol/entities/dags";
import { formatIssuePath, formatJson, referencedParams } from "./dag-format";
import { parseJsonWithLocations } from "./json-locate";

export function TriggerRunDialog({
  dag,
  onOpenChange,
  onTrigger,
}: {
  /** The DAG to trigger; null: closed. */
  dag: Dag | null;
  onOpenChange: (open: boolean) => void;
  onTrigger: (dag: Dag, params: Record<string, unknown>) => void;
}) {
  // Keep the last DAG while the dialog animates out; start from its referenced params each time it opens.
  const [shown, setShown] = React.useState<Dag | null>(dag);
  const [text, setText] = React.useState(() => (dag ? initialParams(dag) : "{}"));
  if (dag && dag !== shown) {
    setShown(dag);
    if (dag.dag_id !== shown?.dag_id) setText(initialParams(dag));
  }
  const result = React.useMemo(() => checkParams(text), [text]);
  const names = React.useMemo(() => (shown ? referencedParams(shown) : []), [shown]);

  const submit = (event: React.FormEvent) => {
    event.preventDefault();
    if (!shown || !result.ok) return;
    onTrigger(shown, result.params);
    onOpenChange(false);
  };

  return (
    <Dialog open={dag !== null} onOpenChange={onOpenChange}>
      <DialogContent className="sm:max-w-lg" data-testid="trigger-run-dialog">
        <DialogHeader>
          <DialogTitle>Trigger {shown?.name ?? "a run"}</DialogTitle>
          <DialogDescription>
            Params are a JSON object; steps read them as <code className="font-mono">{"{{params.name}}"}</code>.
          </DialogDescription>
        </DialogHeader>
        <form noValidate onSubmit={submit} className="grid gap-4" aria-label={`Trigger ${shown?.name ?? "a run"} with params`}>
          <div className="grid gap-2">
            <Label htmlFor="trigger-params">Params</Label>
            <Textarea
              id="trigger-params"
              value={text}
              rows={6}
              spellCheck={false}
              autoCapitalize="off"
              autoCorrect="off"
              className="font-mono text-xs leading-5 md:text-xs"
              aria-invalid={!result.ok ? true : undefined}
              aria-describedby={!result.ok ? "trigger-params-error trigger-params-hint" : "trigger-params-hint"}
              onChange={(e) => setText(e.target.value)}
              data-testid="trigger-params-input"
            />
            <p id="trigger-params-hint" className="text-xs text-muted-foreground">
              {names.length > 0 ? (
                <>
                  This DAG reads{" "}
                  {names.map((n, i) => (
                    <React.Fragment key={n}>
                      {i > 0 ? ", " : null}
                      <code className="font-mono">{n}</code>
                    </React.Fragment>
                  ))}
                  .
                </>
              ) : (
                "This DAG's steps read no params; {} is fine."
              )}
            </p>
            {!result.ok ? (
              <p id="trigger-params-error" className="text-xs text-destructive" data-testid="trigger-params-error">
                {result.error}
              </p>
            ) : null}
          </div>
          <DialogFooter>
            <DialogClose asChild>
              <Button variant="outline">Cancel</Button>
            </DialogClose>
            <Button type="submit" disabled={!result.ok} data-testid="trigger-params-submit">
              <Play aria-hidden="true" />
              Trigger
            </Button>
          </DialogFooter>
        </form>
      </DialogContent>
    </Dialog>
  );
}

/** `{ "title": "" }` for the params the steps read, or `{}`. */
function initialParams(dag: Dag): string {
  const names = referencedParams(dag);
  return names.length === 0 ? "{}" : formatJson(Object.fromEntries(names.map((n) => [n, ""])));
}

/** The params to send, or what is wrong with the text. */
export function checkParams(text: string): { ok: true; params: Record<string, unknown> } | { ok: false; error: string } {
  if (text.trim() === "") return { ok: true, params: {} };
  const parsed = parseJsonWithLocations(text);
  if (!parsed.ok) return { ok: false, error: `JSON, line ${parsed.line} column ${parsed.column}: ${parsed.message}` };
  const result = triggerRunBody.shape.params.safeParse(parsed.value);
  if (!result.success) {
    const issue = result.error.issues[0]!;
    const where = formatIssuePath(issue.path.map((p) => (typeof p === "number" ? p : String(p))));
    const message = Array.isArray(parsed.value) || typeof parsed.value !== "object" || parsed.value === null ? "Params must be a JSON object, e.g. {\"title\": \"Hello\"}" : issue.message;
    return { ok: false, error: where ? `${where}: ${message}` : message };
  }
  return { ok: true, params: result.data };
}
