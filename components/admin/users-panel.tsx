"use client";
// UsersPanel: every account with its role (changed in place), status, open sockets and last seen;
// create a user; disable or enable one after confirming. Changes show at once and are confirmed by push.
import * as React from "react";
import { Ban, CircleCheck, UserPlus, Users } from "lucide-react";

import { RelativeTime } from "@/components/jobs/now-context";
import { useMe } from "@/components/shell/use-me";
import { Badge } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import { EmptyState } from "@/components/ui/empty-state";
import { QueryErrorAlert } from "@/components/ui/query-error";
import { ROLES, type Role } from "@/lib/protocol/entities/admin";
import { useAdminUsers, useUpdateUser, type AdminUserRow } from "@/lib/query/hooks/use-admin";
import { cn, formatNumber } from "@/lib/utils";
import { AdminTable, TableSkeletonRows, Td, Th, THead } from "./admin-table";
import { plural } from "./admin-format";
import { ConfirmDialog, type ConfirmRequest } from "./confirm-dialog";
import { CreateUserDialog } from "./create-user-dialog";

const PENDING_WORDS: Record<NonNullable<AdminUserRow["_pending"]>, string> = {
  role: "Saving role…",
  disable: "Disabling…",
  enable: "Enabling…",
};

export function UsersPanel() {
  const users = useAdminUsers();
  const update = useUpdateUser();
  const me = useMe();
  const [creating, setCreating] = React.useState(false);
  const [confirm, setConfirm] = React.useState<ConfirmRequest | null>(null);
  const rows = users.data ?? [];

  const askToggle = (user: AdminUserRow) => {
    if (user.disabled) {
      setConfirm({
        title: `Enable ${user.email}?`,
        description: "They can sign in again and use the dashboard.",
        confirm: "Enable",
        tone: "default",
        onConfirm: () => update.mutate({ user, body: { disabled: false } }),
      });
    } else {
      setConfirm({
        title: `Disable ${user.email}?`,
        description: `Their ${plural(user.open_sockets, "open socket")} close at once and their sessions stop working. You can enable them again later.`,
        confirm: "Disable",
        onConfirm: () => update.mutate({ user, body: { disabled: true } }),
      });
    }
  };

  let body: React.ReactNode;
  if (users.isPending) {
    body = (
      <AdminTable label="Users" caption="Users, loading" testId="admin-users-loading">
        <UsersHead />
        <TableSkeletonRows cols={7} />
      </AdminTable>
    );
  } else if (users.isError && rows.length === 0) {
    body = <QueryErrorAlert title="Could not load the users" error={users.error} onRetry={() => void users.refetch()} busy={users.isFetching} testId="admin-users-error" />;
  } else if (rows.length === 0) {
    body = <EmptyState icon={Users} title="No users" description="Create an account for each person who uses Switchboard." data-testid="admin-users-empty" />;
  } else {
    body = (
      <AdminTable label="Users" caption="Every user account, oldest first; updates live" minWidth={860} testId="admin-users">
        <UsersHead />
        <tbody className="divide-y">
          {rows.map((user) => (
            <UserRow
              key={user.id}
              user={user}
              self={me.data?.id === user.id}
              onRole={(role) => update.mutate({ user, body: { role } })}
              onToggle={() => askToggle(user)}
            />
          ))}
        </tbody>
      </AdminTable>
    );
  }

  return (
    <section aria-labelledby="admin-users-heading" className="grid grid-cols-1 gap-3">
      <div className="flex flex-wrap items-center justify-between gap-2">
        <h2 id="admin-users-heading" className="text-lg font-semibold">
          Users
        </h2>
        <Button onClick={() => setCreating(true)} data-testid="admin-new-user">
          <UserPlus aria-hidden="true" />
          New user
        </Button>
      </div>
      {body}
      <CreateUserDialog open={creating} onOpenChange={setCreating} />
      <ConfirmDialog request={confirm} onClose={() => setConfirm(null)} />
    </section>
  );
}

function UsersHead() {
  return (
    <THead>
      <Th>Email</Th>
      <Th>Role</Th>
      <Th>Status</Th>
      <Th numeric>Open sockets</Th>
      <Th>Last seen</Th>
      <Th>Created</Th>
      <Th className="text-right">
        <span className="sr-only">Actions</span>
      </Th>
    </THead>
  );
}

function UserRow({ user, self, onRole, onToggle }: { user: AdminUserRow; self: boolean; onRole: (role: Role) => void; onToggle: () => void }) {
  const pending = user._pending;
  const roleId = `user-role-${user.id}`;
  return (
    <tr data-testid="admin-user-row" data-user-id={user.id} data-email={user.email} data-disabled={user.disabled ? "true" : "false"} data-pending={pending} className={cn(user.disabled && "text-muted-foreground")}>
      <th scope="row" className="max-w-64 truncate px-3 py-2 text-left font-medium" title={user.email}>
        {user.email}
        {self ? <span className="ml-1.5 text-xs font-normal text-muted-foreground">(you)</span> : null}
      </th>
      <Td>
        <label htmlFor={roleId} className="sr-only">
          Role of {user.email}
        </label>
        <select
          id={roleId}
          className="h-8 rounded-md border border-input bg-transparent px-2 text-sm outline-none focus-visible:border-ring focus-visible:ring-[3px] focus-visible:ring-ring/50 disabled:opacity-50 dark:bg-input/30"
          value={user.role}
          disabled={self || pending !== undefined}
          title={self ? "You cannot change your own role" : undefined}
          onChange={(e) => onRole(e.target.value as Role)}
          data-testid="admin-user-role"
        >
          {ROLES.map((r) => (
            <option key={r} value={r}>
              {r}
            </option>
          ))}
        </select>
      </Td>
      <Td>
        {pending ? (
          <span role="status" className="text-xs text-muted-foreground" data-testid="admin-user-pending">
            {PENDING_WORDS[pending]}
          </span>
        ) : user.disabled ? (
          <Badge variant="destructive" data-testid="admin-user-status">
            <Ban aria-hidden="true" />
            Disabled{user.disabled_at ? <> <RelativeTime iso={user.disabled_at} /></> : null}
          </Badge>
        ) : (
          <Badge variant="success" data-testid="admin-user-status">
            <CircleCheck aria-hidden="true" />
            Active
          </Badge>
        )}
      </Td>
      <Td numeric>{formatNumber(user.open_sockets)}</Td>
      <Td className="whitespace-nowrap">{user.last_seen_at ? <RelativeTime iso={user.last_seen_at} /> : "never"}</Td>
      <Td className="whitespace-nowrap">
        <RelativeTime iso={user.created_at} />
      </Td>
      <Td className="text-right">
        <Button
          variant={user.disabled ? "outline" : "ghost"}
          size="sm"
          onClick={onToggle}
          disabled={self || pending !== undefined}
          title={self ? "You cannot disable yourself" : undefined}
          aria-label={`${user.disabled ? "Enable" : "Disable"} ${user.email}`}
          data-testid="admin-user-toggle"
        >
          {user.disabled ? "Enable" : "Disable"}
        </Button>
      </Td>
    </tr>
  );
}
