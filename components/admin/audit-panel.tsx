"use client";
// AuditPanel: every admin action (who, what, on what, when), newest first, paged, with new ones arriving live.
import * as React from "react";
import { ScrollText } from "lucide-react";

import { RelativeTime } from "@/components/jobs/now-context";
import { Button } from "@/components/ui/button";
import { EmptyState } from "@/components/ui/empty-state";
import { QueryErrorAlert } from "@/components/ui/query-error";
import { useAuditLog } from "@/lib/query/hooks/use-admin";
import { AdminTable, TableSkeletonRows, Td, Th, THead } from "./admin-table";
import { auditActionLabel, auditDetails, auditTarget } from "./admin-format";

export function AuditPanel() {
  const log = useAuditLog();
  const rows = log.items;

  let body: React.ReactNode;
  if (log.isPending) {
    body = (
      <AdminTable label="Audit log" caption="Audit log, loading" testId="admin-audit-loading">
        <AuditHead />
        <TableSkeletonRows cols={5} rows={6} />
      </AdminTable>
    );
  } else if (log.isError && rows.length === 0) {
    body = <QueryErrorAlert title="Could not load the audit log" error={log.error} onRetry={() => void log.refetch()} busy={log.isFetching} testId="admin-audit-error" />;
  } else if (rows.length === 0) {
    body = <EmptyState icon={ScrollText} title="Nothing recorded yet" description="Every admin action (disconnects, broadcasts, user and key changes) is recorded here." data-testid="admin-audit-empty" />;
  } else {
    body = (
      <>
        <AdminTable label="Audit log" caption="Admin actions, newest first; new ones appear live" minWidth={760} testId="admin-audit">
          <AuditHead />
          <tbody className="divide-y">
            {rows.map((entry) => {
              const details = auditDetails(entry.details);
              return (
                <tr key={entry.id} data-testid="admin-audit-row" data-action={entry.action}>
                  <Td className="whitespace-nowrap">
                    <RelativeTime iso={entry.created_at} />
                  </Td>
                  <Td className="max-w-56 truncate" title={entry.actor_email}>
                    {entry.actor_email}
                  </Td>
                  <th scope="row" className="px-3 py-2 text-left align-top font-medium">
                    {auditActionLabel(entry.action)}
                  </th>
                  <Td className="max-w-56 truncate" title={auditTarget(entry)}>
                    {auditTarget(entry)}
                  </Td>
                  <Td className="max-w-80 truncate text-xs text-muted-foreground" title={details}>
                    {details || "–"}
                  </Td>
                </tr>
              );
            })}
          </tbody>
        </AdminTable>
        {log.hasNextPage ? (
          <div className="flex justify-center">
            <Button variant="outline" size="sm" onClick={() => void log.fetchNextPage()} disabled={log.isFetchingNextPage} data-testid="admin-audit-more">
              {log.isFetchingNextPage ? "Loading…" : "Load older entries"}
            </Button>
          </div>
        ) : null}
      </>
    );
  }

  return (
    <section aria-labelledby="admin-audit-heading" className="grid grid-cols-1 gap-3">
      <h2 id="admin-audit-heading" className="text-lg font-semibold">
        Audit log
      </h2>
      {body}
    </section>
  );
}

function AuditHead() {
  return (
    <THead>
      <Th>When</Th>
      <Th>Who</Th>
      <Th>What</Th>
      <Th>Target</Th>
      <Th>Details</Th>
    </THead>
  );
}
