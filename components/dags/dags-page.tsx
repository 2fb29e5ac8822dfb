"use client";
// DagsPage: the /dags body: one card per DAG with the live grid of its recent runs, the "New DAG"
// editor, editing, triggering (with or without params) and deleting. Subscribes to `dags`.
import * as React from "react";
import { Plus, Workflow } from "lucide-react";

import { NowProvider } from "@/components/jobs/now-context";
import { PageHeader } from "@/components/shell/page-header";
import { Button } from "@/components/ui/button";
import { EmptyState } from "@/components/ui/empty-state";
import { QueryErrorAlert } from "@/components/ui/query-error";
import type { Dag } from "@/lib/protocol/entities/dags";
import { topics } from "@/lib/protocol/topics";
import { DAG_GRID_RUNS, useDagsList, useDeleteDag, useTriggerRun, type DagRow } from "@/lib/query/hooks/use-dags";
import { useTopic } from "@/lib/realtime/hooks";
import { formatNumber } from "@/lib/utils";
import { DagCard, DagCardSkeleton } from "./dag-card";
import { DagEditorDialog, type EditorTarget } from "./dag-editor-dialog";
import { StatusLegend } from "./dag-status";
import { DeleteDagDialog, type DeleteRequest } from "./delete-dag-dialog";
import { TriggerRunDialog } from "./trigger-run-dialog";

export function DagsPage() {
  useTopic(topics.dags());
  const list = useDagsList();
  const dags = list.items;
  const known = !list.isPending && !(list.isError && dags.length === 0);

  const [editor, setEditor] = React.useState<{ target: EditorTarget; key: number } | null>(null);
  const [editorOpen, setEditorOpen] = React.useState(false);
  const [paramsFor, setParamsFor] = React.useState<Dag | null>(null);
  const [deleting, setDeleting] = React.useState<DeleteRequest | null>(null);
  const [announcement, setAnnouncement] = React.useState("");
  const remove = useDeleteDag();
  const { trigger } = useTriggerRun();

  const openEditor = React.useCallback((target: EditorTarget) => {
    setEditor((e) => ({ target, key: (e?.key ?? 0) + 1 }));
    setEditorOpen(true);
  }, []);
  const announceTrigger = React.useCallback((dag: Pick<Dag, "name">) => {
    // A different string each time, so a second trigger of the same DAG is announced too.
    setAnnouncement((prev) => `Triggered a run of ${dag.name}.${prev.endsWith("\u200b") ? "" : "\u200b"}`);
  }, []);

  let body: React.ReactNode;
  if (list.isPending) {
    body = (
      <div className="grid gap-4" aria-busy="true" data-testid="dags-loading">
        <span className="sr-only" role="status">
          Loading DAGs…
        </span>
        <DagCardSkeleton />
        <DagCardSkeleton />
      </div>
    );
  } else if (list.isError && dags.length === 0) {
    body = <QueryErrorAlert title="Could not load DAGs" error={list.error} onRetry={() => void list.refetch()} busy={list.isFetching} testId="dags-error" />;
  } else if (dags.length === 0) {
    body = (
      <EmptyState
        icon={Workflow}
        title="No DAGs yet"
        description="A DAG is a set of steps that run in dependency order. Create one from a template, then trigger it."
        action={
          <Button size="sm" onClick={() => openEditor({ mode: "create" })} data-testid="dags-empty-create">
            <Plus aria-hidden="true" />
            Create a DAG
          </Button>
        }
        data-testid="dags-empty"
      />
    );
  } else {
    body = (
      <div className="grid gap-4">
        <StatusLegend />
        <ul className="grid gap-4" aria-label="DAGs" data-testid="dags-list">
          {dags.map((dag: DagRow) => (
            <li key={dag.dag_id}>
              <DagCard
                dag={dag}
                limit={DAG_GRID_RUNS}
                onEdit={(d) => openEditor({ mode: "edit", dag: d })}
                onTriggerWithParams={setParamsFor}
                onDelete={setDeleting}
                onTriggered={announceTrigger}
              />
            </li>
          ))}
        </ul>
      </div>
    );
  }

  return (
    <NowProvider intervalMs={5_000}>
      <div className="grid gap-6" data-testid="dags-page">
        <PageHeader
          title="DAGs"
          description={
            known && dags.length > 0 ? (
              <span>
                {formatNumber(dags.length)} {dags.length === 1 ? "DAG" : "DAGs"}; each grid shows its last {DAG_GRID_RUNS} runs, newest on the right, and updates
                live.
              </span>
            ) : (
              "Pipelines of steps, and the live grid of their runs."
            )
          }
          actions={
            <Button onClick={() => openEditor({ mode: "create" })} data-testid="new-dag-button">
              <Plus aria-hidden="true" />
              New DAG
            </Button>
          }
        />
        {body}
        <span className="sr-only" role="status" aria-live="polite">
          {announcement}
        </span>
      </div>
      {editor ? (
        <DagEditorDialog
          key={editor.key}
          target={editor.target}
          open={editorOpen}
          onOpenChange={setEditorOpen}
          onCreated={(dag) =>
            requestAnimationFrame(() => document.querySelector(`[data-dag-id="${CSS.escape(dag.dag_id)}"]`)?.scrollIntoView({ block: "nearest" }))
          }
        />
      ) : null}
      <TriggerRunDialog
        dag={paramsFor}
        onOpenChange={(open) => !open && setParamsFor(null)}
        onTrigger={(dag, params) => {
          trigger({ dag, params });
          announceTrigger(dag);
        }}
      />
      <DeleteDagDialog
        request={deleting}
        onOpenChange={(open) => !open && setDeleting(null)}
        onConfirm={(dag) => {
          setDeleting(null);
          remove.mutate(dag);
        }}
      />
    </NowProvider>
  );
}
