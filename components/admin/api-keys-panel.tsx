"use client";
// ApiKeysPanel: every API key (prefix, created, last used, revoked), creating one (its secret shown
// once) and revoking one after confirming; its sockets close and the row says so at once.
import * as React from "react";
import { KeyRound, Plus } from "lucide-react";

import { RelativeTime } from "@/components/jobs/now-context";
import { Badge } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import { EmptyState } from "@/components/ui/empty-state";
import { QueryErrorAlert } from "@/components/ui/query-error";
import { useApiKeys, useRevokeApiKey, type ApiKeyRow } from "@/lib/query/hooks/use-admin";
import { cn } from "@/lib/utils";
import { AdminTable, TableSkeletonRows, Td, Th, THead } from "./admin-table";
import { ConfirmDialog, type ConfirmRequest } from "./confirm-dialog";
import { CreateKeyDialog } from "./create-key-dialog";

export function ApiKeysPanel() {
  const keys = useApiKeys();
  const revoke = useRevokeApiKey();
  const [creating, setCreating] = React.useState(false);
  const [confirm, setConfirm] = React.useState<ConfirmRequest | null>(null);
  const rows = keys.data ?? [];

  const askRevoke = (key: ApiKeyRow) =>
    setConfirm({
      title: `Revoke “${key.name}”?`,
      description: "Programs using it are refused from now on, and its open sockets close at once. This cannot be undone.",
      confirm: "Revoke",
      onConfirm: () => revoke.mutate(key),
    });

  let body: React.ReactNode;
  if (keys.isPending) {
    body = (
      <AdminTable label="API keys" caption="API keys, loading" testId="admin-keys-loading">
        <KeysHead />
        <TableSkeletonRows cols={6} />
      </AdminTable>
    );
  } else if (keys.isError && rows.length === 0) {
    body = <QueryErrorAlert title="Could not load the API keys" error={keys.error} onRetry={() => void keys.refetch()} busy={keys.isFetching} testId="admin-keys-error" />;
  } else if (rows.length === 0) {
    body = (
      <EmptyState
        icon={KeyRound}
        title="No API keys"
        description="Programs publish events and read topics with an API key."
        action={
          <Button size="sm" onClick={() => setCreating(true)}>
            <Plus aria-hidden="true" />
            New key
          </Button>
        }
        data-testid="admin-keys-empty"
      />
    );
  } else {
    body = (
      <AdminTable label="API keys" caption="Every API key, newest first; updates live" minWidth={720} testId="admin-keys">
        <KeysHead />
        <tbody className="divide-y">
          {rows.map((key) => (
            <KeyRow key={key.id} apiKey={key} onRevoke={() => askRevoke(key)} />
          ))}
        </tbody>
      </AdminTable>
    );
  }

  return (
    <section aria-labelledby="admin-keys-heading" className="grid grid-cols-1 gap-3">
      <div className="flex flex-wrap items-center justify-between gap-2">
        <h2 id="admin-keys-heading" className="text-lg font-semibold">
          API keys
        </h2>
        <Button onClick={() => setCreating(true)} data-testid="admin-new-key">
          <Plus aria-hidden="true" />
          New key
        </Button>
      </div>
      {body}
      <CreateKeyDialog open={creating} onOpenChange={setCreating} />
      <ConfirmDialog request={confirm} onClose={() => setConfirm(null)} />
    </section>
  );
}

function KeysHead() {
  return (
    <THead>
      <Th>Name</Th>
      <Th>Key</Th>
      <Th>Created</Th>
      <Th>Last used</Th>
      <Th>Status</Th>
      <Th className="text-right">
        <span className="sr-only">Actions</span>
      </Th>
    </THead>
  );
}

function KeyRow({ apiKey: key, onRevoke }: { apiKey: ApiKeyRow; onRevoke: () => void }) {
  const revoking = key._pending === "revoke";
  const revoked = key.revoked_at !== null;
  return (
    <tr data-testid="admin-key-row" data-key-id={key.id} data-revoked={revoked ? "true" : "false"} data-pending={key._pending} className={cn((revoked || revoking) && "text-muted-foreground")}>
      <th scope="row" className="max-w-56 truncate px-3 py-2 text-left font-medium" title={key.name}>
        {key.name}
      </th>
      <Td className="font-mono text-xs">{key.prefix}…</Td>
      <Td className="whitespace-nowrap">
        <RelativeTime iso={key.created_at} />
      </Td>
      <Td className="whitespace-nowrap">{key.last_used_at ? <RelativeTime iso={key.last_used_at} /> : "never"}</Td>
      <Td>
        {revoking ? (
          <span role="status" className="text-xs" data-testid="admin-key-pending">
            Revoking…
          </span>
        ) : revoked ? (
          <Badge variant="destructive" data-testid="admin-key-status">
            Revoked <RelativeTime iso={key.revoked_at} />
          </Badge>
        ) : (
          <Badge variant="success" data-testid="admin-key-status">
            Active
          </Badge>
        )}
      </Td>
      <Td className="text-right">
        {revoked || revoking ? null : (
          <Button variant="ghost" size="sm" onClick={onRevoke} aria-label={`Revoke ${key.name}`} data-testid="admin-key-revoke">
            Revoke
          </Button>
        )}
      </Td>
    </tr>
  );
}
