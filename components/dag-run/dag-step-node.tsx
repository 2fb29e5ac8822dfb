"use client";
// DagStepNode: one step in the run graph: id, operator, status (border, fill, icon and text), duration and retries.
import * as React from "react";
import { Handle, Position, type Node, type NodeProps } from "@xyflow/react";

import type { StepStatus } from "@/lib/protocol/entities/dags";
import { cn } from "@/lib/utils";
import { formatStepDuration, operatorLabel, retriesShort, stepStatusText } from "./dag-run-format";
import { stepStyle } from "./dag-run-status";
import { NODE_HEIGHT, NODE_WIDTH } from "./dag-layout";

export interface DagStepNodeData extends Record<string, unknown> {
  stepId: string;
  status: StepStatus;
  operator: string | null;
  /** How long it ran (or has been running), in ms. */
  elapsedMs: number | null;
  retryCount: number;
  retries: number | null;
  hasDependencies: boolean;
  hasDependents: boolean;
}

export type DagStepNodeType = Node<DagStepNodeData, "step">;

/** The words a screen reader hears on a focused node (it repeats what the node shows). */
export function stepNodeLabel(d: DagStepNodeData): string {
  const parts = [`Step ${d.stepId}`, operatorLabel(d.operator), stepStatusText({ status: d.status, retry_count: d.retryCount })];
  if (d.elapsedMs !== null) parts.push(formatStepDuration(d.elapsedMs));
  const retries = retriesShort(d.retryCount, d.retries);
  if (retries) parts.push(retries);
  return parts.join(", ");
}

function DagStepNodeView({ data }: NodeProps<DagStepNodeType>) {
  const style = stepStyle({ status: data.status, retry_count: data.retryCount });
  const Icon = style.icon;
  const retries = retriesShort(data.retryCount, data.retries);
  return (
    <div
      data-testid="dag-node"
      data-step-id={data.stepId}
      data-status={data.status}
      style={{ width: NODE_WIDTH, height: NODE_HEIGHT }}
      className={cn("grid content-center gap-1 rounded-lg border-2 px-3 py-2 text-left text-card-foreground shadow-xs", style.node)}
    >
      {data.hasDependencies ? <Handle type="target" position={Position.Left} isConnectable={false} className="border-0! bg-transparent!" /> : null}
      <div className="flex min-w-0 items-center gap-1.5">
        <Icon className={cn("size-4 shrink-0", style.text, style.spin && "motion-safe:animate-spin")} aria-hidden="true" />
        <span className="truncate font-mono text-sm font-semibold" title={data.stepId}>
          {data.stepId}
        </span>
      </div>
      <span className="truncate text-xs text-muted-foreground">{operatorLabel(data.operator)}</span>
      <div className="flex min-w-0 items-center gap-1.5 text-xs">
        <span className={cn("truncate font-medium", style.text)}>{stepStatusText({ status: data.status, retry_count: data.retryCount })}</span>
        {data.elapsedMs !== null ? (
          <>
            <span aria-hidden="true" className="text-muted-foreground">
              ·
            </span>
            <span className="shrink-0 tabular-nums text-muted-foreground">{formatStepDuration(data.elapsedMs)}</span>
          </>
        ) : null}
        {retries ? (
          <>
            <span aria-hidden="true" className="text-muted-foreground">
              ·
            </span>
            <span className="shrink-0 text-muted-foreground">{retries}</span>
          </>
        ) : null}
      </div>
      {data.hasDependents ? <Handle type="source" position={Position.Right} isConnectable={false} className="border-0! bg-transparent!" /> : null}
    </div>
  );
}

export const DagStepNode = React.memo(DagStepNodeView);
