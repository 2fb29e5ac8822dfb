"use client";
// InterfacesTable: the host's network interfaces with bytes received and sent, live from `network_update` pushes.
import type { NetworkUpdate } from "@/lib/protocol/entities/system";
import { formatBytes } from "@/lib/utils";

export function InterfacesTable({ interfaces }: { interfaces: readonly NetworkUpdate[] }) {
  const rows = [...interfaces].sort((a, b) => a.name.localeCompare(b.name));
  return (
    <div
      className="overflow-x-auto rounded-lg border bg-card outline-none focus-visible:ring-[3px] focus-visible:ring-ring/50"
      tabIndex={0}
      role="region"
      aria-label="Network interfaces table"
      data-testid="system-interfaces"
    >
      <table className="w-full min-w-[360px] text-sm">
        <caption className="sr-only">Bytes received and sent by each network interface since boot</caption>
        <thead className="border-b bg-muted/40 text-left text-xs text-muted-foreground">
          <tr>
            <th scope="col" className="px-3 py-2.5 font-medium">
              Interface
            </th>
            <th scope="col" className="w-32 px-3 py-2.5 text-right font-medium">
              Received
            </th>
            <th scope="col" className="w-32 px-3 py-2.5 text-right font-medium">
              Sent
            </th>
          </tr>
        </thead>
        <tbody className="divide-y">
          {rows.map((n) => (
            <tr key={n.name} data-testid="system-interface-row">
              <th scope="row" className="px-3 py-2 text-left font-mono text-xs font-normal">
                {n.name}
              </th>
              <td className="px-3 py-2 text-right tabular-nums">{formatBytes(n.rx)}</td>
              <td className="px-3 py-2 text-right tabular-nums">{formatBytes(n.tx)}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
