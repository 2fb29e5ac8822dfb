"use client";
// AlertsPage: the /alerts body: temporal alert rules (create, edit, enable, delete), the live feed of
// fired alerts and the evaluator's last sweep. Subscribes to `alerts`.
import * as React from "react";
import { Plus } from "lucide-react";

import { PageHeader } from "@/components/shell/page-header";
import { Button } from "@/components/ui/button";
import { Card, CardContent, CardDescription, CardHeader, CardTitle } from "@/components/ui/card";
import { topics } from "@/lib/protocol/topics";
import { useAlertRules, useDeleteAlertRule, type AlertRuleRow } from "@/lib/query/hooks/use-alerts";
import { useTopic } from "@/lib/realtime/hooks";
import { DeleteRuleDialog } from "./delete-rule-dialog";
import { FiredAlerts } from "./fired-alerts";
import { RuleDialog } from "./rule-dialog";
import { RulesList } from "./rules-list";
import { SweepStatus } from "./sweep-status";

export function AlertsPage() {
  useTopic(topics.alerts());
  const rules = useAlertRules();
  const remove = useDeleteAlertRule();
  const [editor, setEditor] = React.useState<{ rule: AlertRuleRow | null; key: number } | null>(null);
  const [editorOpen, setEditorOpen] = React.useState(false);
  const [deleting, setDeleting] = React.useState<AlertRuleRow | null>(null);

  const openEditor = (rule: AlertRuleRow | null) => {
    setEditor((e) => ({ rule, key: (e?.key ?? 0) + 1 }));
    setEditorOpen(true);
  };

  return (
    <div className="grid gap-6">
      <PageHeader
        title="Alerts"
        description="Rules that watch any live stream over time, and the alerts they fired."
        actions={
          <Button onClick={() => openEditor(null)} data-testid="new-rule">
            <Plus aria-hidden="true" />
            New rule
          </Button>
        }
      />
      <SweepStatus rules={rules.data?.length ?? 0} />
      <div className="grid gap-6 lg:grid-cols-2">
        <Card>
          <CardHeader>
            <CardTitle as="h2">Rules</CardTitle>
            <CardDescription>Each fires once per breach and notifies its owner.</CardDescription>
          </CardHeader>
          <CardContent>
            <RulesList onCreate={() => openEditor(null)} onEdit={openEditor} onDelete={setDeleting} />
          </CardContent>
        </Card>
        <Card>
          <CardHeader>
            <CardTitle as="h2">Fired alerts</CardTitle>
            <CardDescription>Live; newest first.</CardDescription>
          </CardHeader>
          <CardContent>
            <FiredAlerts />
          </CardContent>
        </Card>
      </div>
      {editor ? <RuleDialog key={editor.key} open={editorOpen} onOpenChange={setEditorOpen} rule={editor.rule} /> : null}
      <DeleteRuleDialog
        rule={deleting}
        onOpenChange={(open) => !open && setDeleting(null)}
        onConfirm={(rule) => {
          remove.mutate(rule);
          setDeleting(null);
        }}
      />
    </div>
  );
}
