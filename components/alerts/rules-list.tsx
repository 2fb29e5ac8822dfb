"use client";
// RulesList: every alert rule with its condition, an enable switch, edit and delete; pending changes look pending.
import { Pencil, Plus, Siren, Trash2 } from "lucide-react";

import { Badge } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import { EmptyState } from "@/components/ui/empty-state";
import { QueryErrorAlert } from "@/components/ui/query-error";
import { Skeleton } from "@/components/ui/skeleton";
import { OP_SYMBOLS } from "@/lib/api/alerts";
import { useAlertRules, useUpdateAlertRule, type AlertRuleRow } from "@/lib/query/hooks/use-alerts";
import { cn } from "@/lib/utils";

export function RulesList({ onCreate, onEdit, onDelete }: { onCreate: () => void; onEdit: (rule: AlertRuleRow) => void; onDelete: (rule: AlertRuleRow) => void }) {
  const rules = useAlertRules();
  const update = useUpdateAlertRule();
  if (rules.isPending) {
    return (
      <div className="grid gap-2" aria-busy="true">
        <span className="sr-only" role="status">
          Loading alert rules…
        </span>
        <Skeleton className="h-16" />
        <Skeleton className="h-16" />
      </div>
    );
  }
  if (rules.isError && !rules.data) {
    return <QueryErrorAlert title="Could not load alert rules" error={rules.error} onRetry={() => void rules.refetch()} busy={rules.isFetching} testId="alert-rules-error" />;
  }
  const items = rules.data ?? [];
  if (items.length === 0) {
    return (
      <EmptyState
        icon={Siren}
        title="No alert rules yet"
        description="A rule watches a field of a topic's events, e.g. system cpu.usage > 90 for 60 s."
        action={
          <Button size="sm" onClick={onCreate}>
            <Plus aria-hidden="true" />
            Create a rule
          </Button>
        }
        data-testid="alert-rules-empty"
      />
    );
  }
  return (
    <ul className="grid gap-2" aria-label="Alert rules" data-testid="alert-rules">
      {items.map((rule) => {
        const deleting = rule._pending === "delete";
        return (
          <li
            key={rule.rule_id}
            data-testid="alert-rule"
            data-rule-id={rule.rule_id}
            data-pending={rule._pending ?? undefined}
            aria-busy={rule._pending ? true : undefined}
            className={cn("flex flex-wrap items-center gap-3 rounded-lg border p-3 text-sm", rule._pending && "opacity-60", deleting && "line-through")}
          >
            <div className="grid min-w-0 flex-1 gap-1">
              <div className="flex flex-wrap items-center gap-2">
                <span className="font-medium">{rule.name}</span>
                <Badge variant="outline">{rule.severity}</Badge>
                {!rule.enabled ? <Badge variant="secondary">disabled</Badge> : null}
                {rule._pending ? <span className="text-xs text-muted-foreground">{deleting ? "Deleting…" : "Saving…"}</span> : null}
              </div>
              <p className="font-mono text-xs text-muted-foreground">
                {rule.topic} {rule.field} {OP_SYMBOLS[rule.op]} {rule.threshold} for {rule.window_s} s
              </p>
            </div>
            <label className="flex items-center gap-2 text-xs">
              <input
                type="checkbox"
                role="switch"
                className="size-4 accent-primary"
                checked={rule.enabled}
                disabled={rule._pending === "create" || deleting}
                aria-label={`${rule.enabled ? "Disable" : "Enable"} ${rule.name}`}
                onChange={(e) => update.mutate({ rule, body: { enabled: e.target.checked } })}
                data-testid="alert-rule-toggle"
              />
              {rule.enabled ? "On" : "Off"}
            </label>
            <Button variant="ghost" size="icon" onClick={() => onEdit(rule)} disabled={!!rule._pending} aria-label={`Edit ${rule.name}`}>
              <Pencil aria-hidden="true" />
            </Button>
            <Button variant="ghost" size="icon" onClick={() => onDelete(rule)} disabled={!!rule._pending} aria-label={`Delete ${rule.name}`}>
              <Trash2 aria-hidden="true" />
            </Button>
          </li>
        );
      })}
    </ul>
  );
}
