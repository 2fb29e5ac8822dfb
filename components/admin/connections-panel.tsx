"use client";
// ConnectionsPanel: the live table of every open socket (who, client, address, topics, since, traffic,
// send buffer, last seen) with "Disconnect" for one socket and for all of a user's.
import * as React from "react";
import { Cable, Users } from "lucide-react";

import { RelativeTime } from "@/components/jobs/now-context";
import { Badge } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import { EmptyState } from "@/components/ui/empty-state";
import { QueryErrorAlert } from "@/components/ui/query-error";
import { connectionName, useAdminConnections, useDisconnectConnection, useDisconnectUser, type AdminConnectionRow } from "@/lib/query/hooks/use-admin";
import { cn, formatBytes, formatNumber } from "@/lib/utils";
import { AdminTable, TableSkeletonRows, Td, Th, THead } from "./admin-table";
import { plural, shortUserAgent } from "./admin-format";
import { ConfirmDialog, type ConfirmRequest } from "./confirm-dialog";

const COLUMNS = 10;

export function ConnectionsPanel() {
  const connections = useAdminConnections();
  const disconnect = useDisconnectConnection();
  const disconnectUser = useDisconnectUser();
  const [confirm, setConfirm] = React.useState<ConfirmRequest | null>(null);
  const rows = connections.data ?? [];
  const socketsOf = React.useMemo(() => {
    const m = new Map<string, number>();
    for (const r of rows) if (r.user_id) m.set(r.user_id, (m.get(r.user_id) ?? 0) + 1);
    return m;
  }, [rows]);

  const askDisconnectUser = (row: AdminConnectionRow) => {
    if (!row.user_id) return;
    const n = socketsOf.get(row.user_id) ?? 0;
    setConfirm({
      title: `Disconnect every socket of ${row.email ?? "this user"}?`,
      description: `Their ${plural(n, "open socket")} close now (their browsers reconnect unless they are signed out or disabled).`,
      confirm: "Disconnect all",
      onConfirm: () => disconnectUser.mutate({ user_id: row.user_id!, email: row.email }),
    });
  };

  let body: React.ReactNode;
  if (connections.isPending) {
    body = (
      <AdminTable label="Connections" caption="Open sockets, loading" testId="admin-connections-loading">
        <ConnectionsHead />
        <TableSkeletonRows cols={COLUMNS} />
      </AdminTable>
    );
  } else if (connections.isError && rows.length === 0) {
    body = <QueryErrorAlert title="Could not load the connections" error={connections.error} onRetry={() => void connections.refetch()} busy={connections.isFetching} testId="admin-connections-error" />;
  } else if (rows.length === 0) {
    body = <EmptyState icon={Cable} title="No open sockets" description="Browsers and programs show up here the moment they connect." data-testid="admin-connections-empty" />;
  } else {
    body = (
      <AdminTable label="Connections" caption="Every open socket, newest first; updates live" minWidth={960} testId="admin-connections">
        <ConnectionsHead />
        <tbody className="divide-y">
          {rows.map((row) => (
            <ConnectionRow
              key={row.client_id}
              row={row}
              userSockets={row.user_id ? (socketsOf.get(row.user_id) ?? 0) : 0}
              onDisconnect={() => disconnect.mutate(row)}
              onDisconnectUser={() => askDisconnectUser(row)}
            />
          ))}
        </tbody>
      </AdminTable>
    );
  }

  return (
    <section aria-labelledby="admin-connections-heading" className="grid grid-cols-1 gap-3">
      <div className="flex flex-wrap items-baseline justify-between gap-2">
        <h2 id="admin-connections-heading" className="text-lg font-semibold">
          Connections
        </h2>
        {rows.length > 0 ? (
          <p className="text-sm text-muted-foreground" data-testid="admin-connections-count">
            {plural(rows.length, "open socket")} · {plural(socketsOf.size, "user")}
          </p>
        ) : null}
      </div>
      {body}
      <ConfirmDialog request={confirm} onClose={() => setConfirm(null)} />
    </section>
  );
}

function ConnectionsHead() {
  return (
    <THead>
      <Th>User or key</Th>
      <Th>Client</Th>
      <Th>Address · instance</Th>
      <Th>Topics</Th>
      <Th>Connected</Th>
      <Th numeric>In</Th>
      <Th numeric>Out</Th>
      <Th numeric>Buffer</Th>
      <Th>Last seen</Th>
      <Th className="text-right">
        <span className="sr-only">Actions</span>
      </Th>
    </THead>
  );
}

function ConnectionRow({
  row,
  userSockets,
  onDisconnect,
  onDisconnectUser,
}: {
  row: AdminConnectionRow;
  userSockets: number;
  onDisconnect: () => void;
  onDisconnectUser: () => void;
}) {
  const pending = row._pending === "disconnect";
  const name = connectionName(row);
  return (
    <tr data-testid="admin-connection-row" data-client-id={row.client_id} data-user-id={row.user_id ?? ""} data-pending={pending ? "disconnect" : undefined} className={cn(pending && "opacity-60")}>
      <th scope="row" className="max-w-56 px-3 py-2 text-left align-top font-normal">
        <div className="truncate font-medium" title={name}>
          {name}
        </div>
        <div className="flex flex-wrap gap-1 pt-0.5">
          {row.role === "admin" ? <Badge variant="secondary">admin</Badge> : null}
          {row.api_key_id ? <Badge variant="outline">API key</Badge> : null}
        </div>
      </th>
      <Td>
        <div className="capitalize">{row.kind}</div>
        <div className="max-w-40 truncate text-xs text-muted-foreground" title={row.user_agent ?? undefined}>
          {shortUserAgent(row.user_agent)}
        </div>
      </Td>
      <Td className="font-mono text-xs">
        <div>{row.address}</div>
        {/* Which server instance holds the socket (a cluster serves one console from several). */}
        <div className="max-w-40 truncate text-muted-foreground" title={`server instance ${row.instance_id}`}>
          {row.instance_id}
        </div>
      </Td>
      <Td>
        <TopicList topics={row.topics} />
      </Td>
      <Td className="whitespace-nowrap">
        <RelativeTime iso={row.connected_at} />
      </Td>
      <Td numeric>{formatNumber(row.messages_in)}</Td>
      <Td numeric>{formatNumber(row.messages_out)}</Td>
      <Td numeric className={cn(row.buffer_bytes > 1_000_000 && "font-medium text-warning")}>{formatBytes(row.buffer_bytes)}</Td>
      <Td className="whitespace-nowrap">
        <RelativeTime iso={row.last_seen_at} />
      </Td>
      <Td className="text-right">
        {pending ? (
          <span className="inline-flex h-8 items-center text-xs text-muted-foreground" role="status" data-testid="admin-connection-disconnecting">
            Disconnecting…
          </span>
        ) : (
          <div className="flex justify-end gap-1">
            <Button variant="outline" size="sm" onClick={onDisconnect} aria-label={`Disconnect ${name}'s socket ${row.client_id}`} data-testid="admin-disconnect">
              Disconnect
            </Button>
            {row.user_id && userSockets > 1 ? (
              <Button variant="ghost" size="sm" onClick={onDisconnectUser} aria-label={`Disconnect all ${userSockets} sockets of ${name}`} data-testid="admin-disconnect-user">
                <Users aria-hidden="true" />
                All {userSockets}
              </Button>
            ) : null}
          </div>
        )}
      </Td>
    </tr>
  );
}

function TopicList({ topics }: { topics: readonly string[] }) {
  if (topics.length === 0) return <span className="text-muted-foreground">none</span>;
  const shown = topics.slice(0, 4);
  return (
    <div className="flex max-w-56 flex-wrap gap-1" title={topics.join(", ")}>
      {shown.map((t) => (
        <code key={t} className="rounded bg-muted px-1 py-0.5 text-xs">
          {t}
        </code>
      ))}
      {topics.length > shown.length ? <span className="text-xs text-muted-foreground">+{topics.length - shown.length} more</span> : null}
    </div>
  );
}
