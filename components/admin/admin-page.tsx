"use client";
// AdminPage: the /admin body: admins get the console (tabs in the URL: connections, topics, broadcast,
// users, API keys, audit) live over the `admin` topic; everyone else gets "Admins only".
import * as React from "react";
import { usePathname, useRouter, useSearchParams } from "next/navigation";
import { useQueryClient } from "@tanstack/react-query";

import { NowProvider } from "@/components/jobs/now-context";
import { PageHeader } from "@/components/shell/page-header";
import { useMe } from "@/components/shell/use-me";
import { QueryErrorAlert } from "@/components/ui/query-error";
import { Tabs, TabsContent, TabsList, TabsTrigger } from "@/components/ui/tabs";
import { topics } from "@/lib/protocol/topics";
import { isForbidden, useAdminConnections } from "@/lib/query/hooks/use-admin";
import { queryKeys } from "@/lib/query/keys";
import { refetchFresh } from "@/lib/query/refetch-fresh";
import { useFirstConfirmation, useTopic } from "@/lib/realtime/hooks";
import { AdminPageSkeleton } from "./admin-page-skeleton";
import { AdminsOnly } from "./admins-only";
import { ADMIN_TAB_LABELS, ADMIN_TABS, adminTabFromSearch, adminTabToSearch, type AdminTab } from "./admin-view";
import { ApiKeysPanel } from "./api-keys-panel";
import { AuditPanel } from "./audit-panel";
import { BroadcastPanel } from "./broadcast-panel";
import { ConnectionsPanel } from "./connections-panel";
import { TopicsPanel } from "./topics-panel";
import { UsersPanel } from "./users-panel";

export function AdminPage() {
  const me = useMe();
  if (me.isPending) return <AdminPageSkeleton />;
  if (me.isError) return <QueryErrorAlert title="Could not tell who you are" error={me.error} onRetry={() => void me.refetch()} busy={me.isFetching} testId="admin-me-error" />;
  if (me.data.role !== "admin") return <AdminsOnly />;
  return <AdminConsole />;
}

function AdminConsole() {
  const router = useRouter();
  const pathname = usePathname();
  const search = useSearchParams();
  const tab = adminTabFromSearch(new URLSearchParams(search.toString()));
  const setTab = React.useCallback(
    (next: AdminTab) => router.replace(`${pathname}${adminTabToSearch(next, new URLSearchParams(search.toString()))}`, { scroll: false }),
    [router, pathname, search],
  );

  const qc = useQueryClient();
  useTopic(topics.admin());
  // Sockets that opened before the subscription held (this tab's own, for one) were announced to
  // nobody here; a list fetched before then misses them, so it is fetched again once it holds.
  useFirstConfirmation(topics.admin(), () => void refetchFresh(qc, queryKeys.admin.connections()));
  // Loaded whatever the tab, for the count in the tab and so that the table is ready when opened.
  const connections = useAdminConnections();
  // The role may have been taken away since the page loaded: the API then answers 403.
  if (isForbidden(connections.error)) return <AdminsOnly />;

  return (
    <NowProvider>
      <div className="grid grid-cols-1 gap-6" data-testid="admin-page">
        <PageHeader title="Admin console" description="Live connections and topics, broadcasts, users, API keys and the audit log." />
        <Tabs value={tab} onValueChange={(v) => setTab(v as AdminTab)}>
          <TabsList aria-label="Admin console sections" className="h-auto flex-wrap">
            {ADMIN_TABS.map((t) => (
              <TabsTrigger key={t} value={t} data-testid={`admin-tab-${t}`}>
                {ADMIN_TAB_LABELS[t]}
                {t === "connections" && connections.data ? <span className="text-xs tabular-nums text-muted-foreground">{connections.data.length}</span> : null}
              </TabsTrigger>
            ))}
          </TabsList>
          <TabsContent value="connections">
            <ConnectionsPanel />
          </TabsContent>
          <TabsContent value="topics">
            <TopicsPanel />
          </TabsContent>
          <TabsContent value="broadcast">
            <BroadcastPanel />
          </TabsContent>
          <TabsContent value="users">
            <UsersPanel />
          </TabsContent>
          <TabsContent value="keys">
            <ApiKeysPanel />
          </TabsContent>
          <TabsContent value="audit">
            <AuditPanel />
          </TabsContent>
        </Tabs>
      </div>
    </NowProvider>
  );
}
