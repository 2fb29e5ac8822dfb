"use client";
// ProcessesTable: the host's busiest processes by CPU, live from `process_update` pushes.
import type { ProcessUpdate } from "@/lib/protocol/entities/system";
import { formatPercent, topByCpu } from "./system-format";

export function ProcessesTable({ processes }: { processes: readonly ProcessUpdate[] }) {
  const rows = topByCpu(processes);
  return (
    <div
      className="overflow-x-auto rounded-lg border bg-card outline-none focus-visible:ring-[3px] focus-visible:ring-ring/50"
      // Focusable so that a keyboard can scroll it on a narrow screen.
      tabIndex={0}
      role="region"
      aria-label="Processes table"
      data-testid="system-processes"
    >
      <table className="w-full min-w-[420px] text-sm">
        <caption className="sr-only">The host&apos;s busiest processes by CPU</caption>
        <thead className="border-b bg-muted/40 text-left text-xs text-muted-foreground">
          <tr>
            <th scope="col" className="px-3 py-2.5 font-medium">
              Process
            </th>
            <th scope="col" className="w-24 px-3 py-2.5 text-right font-medium">
              PID
            </th>
            <th scope="col" className="w-24 px-3 py-2.5 text-right font-medium">
              CPU
            </th>
            <th scope="col" className="w-24 px-3 py-2.5 text-right font-medium">
              Memory
            </th>
          </tr>
        </thead>
        <tbody className="divide-y">
          {rows.map((p) => (
            <tr key={p.pid} data-testid="system-process-row">
              <th scope="row" className="max-w-64 truncate px-3 py-2 text-left font-mono text-xs font-normal" title={p.name}>
                {p.name}
              </th>
              <td className="px-3 py-2 text-right tabular-nums text-muted-foreground">{p.pid}</td>
              <td className="px-3 py-2 text-right tabular-nums">{formatPercent(p.cpu_usage)}</td>
              <td className="px-3 py-2 text-right tabular-nums">{formatPercent(p.memory_usage)}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
