"use client";
// AgentsPage: the /agents body: live agent cards with their actions and activity, and the task queue
// (tab and filters in the URL), the "Add agent" and "New task" dialogs, and the task detail.
import * as React from "react";
import { usePathname, useRouter, useSearchParams } from "next/navigation";
import { Bot, ListTodo, Plus } from "lucide-react";

import { NowProvider } from "@/components/jobs/now-context";
import { PageHeader } from "@/components/shell/page-header";
import { Button } from "@/components/ui/button";
import { EmptyState } from "@/components/ui/empty-state";
import { QueryErrorAlert } from "@/components/ui/query-error";
import { Tabs, TabsContent, TabsList, TabsTrigger } from "@/components/ui/tabs";
import { topics } from "@/lib/protocol/topics";
import { sortAgents, useAgentsList, type AgentRow } from "@/lib/query/hooks/use-agents";
import type { TaskKind, TaskScope } from "@/lib/query/hooks/use-tasks";
import { useTopic } from "@/lib/realtime/hooks";
import { formatNumber } from "@/lib/utils";
import { AddAgentDialog } from "./add-agent-dialog";
import { AgentActionsProvider } from "./agent-actions";
import { AgentActivityFeed } from "./agent-activity-feed";
import { AgentCard, AgentCardSkeleton } from "./agent-card";
import { NewTaskDialog } from "./new-task-dialog";
import { TaskDetailDialog } from "./task-detail-dialog";
import { TasksPanel } from "./tasks-panel";

export type AgentsTab = "agents" | "tasks";

export interface AgentsView {
  tab: AgentsTab;
  scope: TaskScope;
  kind: TaskKind;
}

const DEFAULT_VIEW: AgentsView = { tab: "agents", scope: "active", kind: "all" };

export function AgentsPage() {
  const router = useRouter();
  const pathname = usePathname();
  const search = useSearchParams();
  const view = React.useMemo(() => viewFromSearch(new URLSearchParams(search.toString())), [search]);
  const setView = React.useCallback(
    (next: AgentsView) => router.replace(`${pathname}${viewToSearch(next)}`, { scroll: false }),
    [router, pathname],
  );

  useTopic([topics.agents(), topics.tasks()]);
  const list = useAgentsList();
  const agents = React.useMemo(() => sortAgents(list.items), [list.items]);
  const names = React.useMemo(() => new Map(agents.filter((a) => !a._pending).map((a) => [a.agent_id, a.name])), [agents]);
  const agentName = React.useCallback((id: string) => names.get(id) ?? id, [names]);

  // Counts only once the list is known (not while loading, nor when it failed with nothing to show).
  const known = !list.isPending && !(list.isError && agents.length === 0);
  const [adding, setAdding] = React.useState(false);
  const [creatingTask, setCreatingTask] = React.useState(false);
  const [openTask, setOpenTask] = React.useState<string | null>(null);

  let agentsBody: React.ReactNode;
  if (list.isPending) {
    agentsBody = (
      <div aria-busy="true" data-testid="agents-loading">
        <span className="sr-only" role="status">
          Loading agents…
        </span>
        <AgentGrid>
          {Array.from({ length: 4 }, (_, i) => (
            <AgentCardSkeleton key={i} />
          ))}
        </AgentGrid>
      </div>
    );
  } else if (list.isError && agents.length === 0) {
    agentsBody = <QueryErrorAlert title="Could not load agents" error={list.error} onRetry={() => void list.refetch()} busy={list.isFetching} testId="agents-error" />;
  } else if (agents.length === 0) {
    agentsBody = (
      <EmptyState
        icon={Bot}
        title="No agents"
        description="Agents take tasks that match their capabilities. Add one to start working through the queue."
        action={
          <Button size="sm" onClick={() => setAdding(true)}>
            <Plus aria-hidden="true" />
            Add agent
          </Button>
        }
        data-testid="agents-empty"
      />
    );
  } else {
    agentsBody = (
      <AgentGrid>
        {agents.map((agent) => (
          <AgentCard key={agent._pending ? `pending:${agent.client_mutation_id}` : agent.agent_id} agent={agent} onOpenTask={setOpenTask} />
        ))}
      </AgentGrid>
    );
  }

  return (
    <AgentActionsProvider>
      <NowProvider>
        <div className="grid gap-6" data-testid="agents-page">
          <PageHeader
            title="Agents"
            description={known ? <AgentsSummary agents={agents} /> : "The hive's agents and the tasks they work on, live."}
            actions={
              <>
                <Button variant="outline" onClick={() => setCreatingTask(true)} data-testid="new-task-button">
                  <ListTodo aria-hidden="true" />
                  New task
                </Button>
                <Button onClick={() => setAdding(true)} data-testid="add-agent-button">
                  <Plus aria-hidden="true" />
                  Add agent
                </Button>
              </>
            }
          />
          <Tabs value={view.tab} onValueChange={(tab) => setView({ ...view, tab: tab as AgentsTab })}>
            <TabsList aria-label="Agents and tasks">
              <TabsTrigger value="agents" data-testid="tab-agents">
                Agents
                {known ? <span className="text-xs tabular-nums text-muted-foreground">{formatNumber(agents.length)}</span> : null}
              </TabsTrigger>
              <TabsTrigger value="tasks" data-testid="tab-tasks">
                Tasks
              </TabsTrigger>
            </TabsList>
            <TabsContent value="agents">
              <div className="grid items-start gap-6 xl:grid-cols-[minmax(0,1fr)_19rem]">
                <section aria-labelledby="agents-grid-heading">
                  <h2 id="agents-grid-heading" className="sr-only">
                    Agents
                  </h2>
                  {agentsBody}
                </section>
                <AgentActivityFeed agents={agents} />
              </div>
            </TabsContent>
            <TabsContent value="tasks">
              <TasksPanel
                filters={{ scope: view.scope, kind: view.kind }}
                onFiltersChange={(f) => setView({ ...view, ...f })}
                agentName={agentName}
                onOpenTask={setOpenTask}
                onNewTask={() => setCreatingTask(true)}
              />
            </TabsContent>
          </Tabs>
        </div>
        <AddAgentDialog open={adding} onOpenChange={setAdding} />
        <NewTaskDialog
          open={creatingTask}
          onOpenChange={setCreatingTask}
          // Show the queue where the new task's pending row appears.
          onSubmitted={() =>
            setView({ tab: "tasks", scope: view.scope === "finished" ? "active" : view.scope, kind: view.kind === "job" ? "all" : view.kind })
          }
        />
        <TaskDetailDialog taskId={openTask} onOpenChange={(open) => !open && setOpenTask(null)} agentName={agentName} />
      </NowProvider>
    </AgentActionsProvider>
  );
}

function AgentGrid({ children }: { children: React.ReactNode }) {
  return (
    <div className="grid gap-4 md:grid-cols-2 2xl:grid-cols-3" data-testid="agents-grid">
      {children}
    </div>
  );
}

/** "4 agents: 2 working, 1 idle, 1 paused". */
function AgentsSummary({ agents }: { agents: readonly AgentRow[] }) {
  const live = agents.filter((a) => !a._pending);
  const counts = (["working", "idle", "paused", "error", "offline"] as const)
    .map((s) => [s, live.filter((a) => a.status === s).length] as const)
    .filter(([, n]) => n > 0)
    .map(([s, n]) => `${formatNumber(n)} ${s}`);
  return (
    // Not a live region: it changes with every task an agent takes, which would be read out constantly.
    <span>
      {formatNumber(live.length)} {live.length === 1 ? "agent" : "agents"}
      {counts.length > 0 ? `: ${counts.join(", ")}` : ""}. Cards and the queue update live.
    </span>
  );
}

/** The view from the URL (`?tab=tasks&scope=finished&kind=standalone`), unknown values ignored. */
export function viewFromSearch(search: URLSearchParams): AgentsView {
  const pick = <T extends string>(key: string, allowed: readonly T[], fallback: T): T => {
    const v = search.get(key);
    return v !== null && (allowed as readonly string[]).includes(v) ? (v as T) : fallback;
  };
  return {
    tab: pick<AgentsTab>("tab", ["agents", "tasks"], DEFAULT_VIEW.tab),
    scope: pick<TaskScope>("scope", ["active", "finished", "all"], DEFAULT_VIEW.scope),
    kind: pick<TaskKind>("kind", ["all", "standalone", "job"], DEFAULT_VIEW.kind),
  };
}

/** The query string of a view ("" for the default one); the task filters only on the tasks tab. */
export function viewToSearch(view: AgentsView): string {
  const params = new URLSearchParams();
  if (view.tab !== DEFAULT_VIEW.tab) params.set("tab", view.tab);
  if (view.tab === "tasks") {
    if (view.scope !== DEFAULT_VIEW.scope) params.set("scope", view.scope);
    if (view.kind !== DEFAULT_VIEW.kind) params.set("kind", view.kind);
  }
  const qs = params.toString();
  return qs ? `?${qs}` : "";
}
