"use client";
// OperatorCheatSheet: the editor's reference of step operators (label, what it does, example params)
// with a button per operator that appends such a step to the definition.
import { Plus } from "lucide-react";

import { Button } from "@/components/ui/button";
import { DAG_OPERATOR_NAMES, DAG_OPERATORS, type DagOperatorName } from "@/lib/api/dag-operators";
import { formatJson } from "./dag-format";

export function OperatorCheatSheet({ onAdd, canAdd }: { onAdd: (operator: DagOperatorName) => void; canAdd: boolean }) {
  return (
    <section aria-labelledby="dag-operators-heading" className="grid content-start gap-3" data-testid="dag-operator-cheat-sheet">
      <div className="grid gap-1">
        <h3 id="dag-operators-heading" className="text-sm font-semibold">
          Operators
        </h3>
        <p className="text-xs text-muted-foreground">
          A step is <code className="font-mono">{"{ step_id, operator, params, depends_on, retries, timeout_s }"}</code>. String params may use{" "}
          <code className="font-mono">{"{{params.name}}"}</code>, filled from the run&apos;s trigger params.
        </p>
      </div>
      <ul className="grid gap-3">
        {DAG_OPERATOR_NAMES.map((name) => {
          const op = DAG_OPERATORS[name];
          return (
            <li key={name} className="grid gap-1.5 rounded-lg border bg-muted/30 p-3">
              <div className="flex items-center justify-between gap-2">
                <p className="text-sm font-medium">
                  {op.label} <code className="ml-1 font-mono text-xs text-muted-foreground">{name}</code>
                </p>
                <Button
                  variant="outline"
                  size="sm"
                  className="h-7 px-2 text-xs"
                  disabled={!canAdd}
                  onClick={() => onAdd(name)}
                  aria-label={`Add ${op.label} step`}
                  data-testid={`dag-add-step-${name}`}
                >
                  <Plus aria-hidden="true" />
                  Add
                </Button>
              </div>
              <p className="text-xs text-muted-foreground">{op.description}</p>
              <pre className="whitespace-pre-wrap break-all rounded-md bg-background px-2 py-1.5 font-mono text-[0.7rem] leading-relaxed">
                <span className="sr-only">Example params: </span>
                {formatJson(op.example)}
              </pre>
            </li>
          );
        })}
      </ul>
      {!canAdd ? <p className="text-xs text-muted-foreground">Fix the JSON to add steps from here.</p> : null}
    </section>
  );
}
