// AdminTable: the bordered, keyboard-scrollable frame and cell styles the console's tables share.
import * as React from "react";

import { cn } from "@/lib/utils";

export function AdminTable({ label, caption, minWidth = 640, testId, children }: { label: string; caption: string; minWidth?: number; testId?: string; children: React.ReactNode }) {
  return (
    <div
      className="overflow-x-auto rounded-lg border bg-card outline-none focus-visible:ring-[3px] focus-visible:ring-ring/50"
      // Focusable so that a keyboard can scroll it on a narrow screen.
      tabIndex={0}
      role="region"
      // "… table": a section around it may carry the same name, and landmarks need unique names.
      aria-label={`${label} table`}
      data-testid={testId}
    >
      <table className="w-full text-sm" style={{ minWidth }}>
        <caption className="sr-only">{caption}</caption>
        {children}
      </table>
    </div>
  );
}

export function Th({ className, numeric, ...props }: React.ComponentProps<"th"> & { numeric?: boolean }) {
  return <th scope="col" className={cn("px-3 py-2.5 font-medium", numeric && "text-right", className)} {...props} />;
}

export function Td({ className, numeric, ...props }: React.ComponentProps<"td"> & { numeric?: boolean }) {
  return <td className={cn("px-3 py-2 align-top", numeric && "text-right tabular-nums", className)} {...props} />;
}

export function THead({ children }: { children: React.ReactNode }) {
  return (
    <thead className="border-b bg-muted/40 text-left text-xs text-muted-foreground">
      <tr>{children}</tr>
    </thead>
  );
}

/** Rows of skeleton cells while a table loads. */
export function TableSkeletonRows({ rows = 4, cols }: { rows?: number; cols: number }) {
  return (
    <tbody className="divide-y" aria-hidden="true">
      {Array.from({ length: rows }, (_, r) => (
        <tr key={r}>
          {Array.from({ length: cols }, (_, c) => (
            <td key={c} className="px-3 py-2.5">
              <div className="h-4 w-full max-w-32 animate-pulse rounded bg-muted motion-reduce:animate-none" />
            </td>
          ))}
        </tr>
      ))}
    </tbody>
  );
}
