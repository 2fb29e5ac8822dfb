"use client";
// DagGraph: the run's steps as a read-only React Flow graph laid out left to right by dagre, coloured
// live by step status; nodes are focusable and Enter (or a click) shows the step in the steps table.
import "@xyflow/react/dist/style.css";

import * as React from "react";
import { Controls, MarkerType, ReactFlow, type Edge, type NodeTypes } from "@xyflow/react";

import type { StepStatus } from "@/lib/protocol/entities/dags";
import { cn } from "@/lib/utils";
import { stepElapsedMs } from "./dag-run-format";
import { layoutDag, NODE_HEIGHT, NODE_WIDTH } from "./dag-layout";
import { DagStepNode, stepNodeLabel, type DagStepNodeData, type DagStepNodeType } from "./dag-step-node";
import type { RunStepView } from "./run-steps";

const nodeTypes: NodeTypes = { step: DagStepNode };

const NODE_HELP = "A step of this run. Press Enter to show its details in the steps table.";
const ARIA_LABELS = {
  "node.a11yDescription.default": NODE_HELP,
  "node.a11yDescription.keyboardDisabled": NODE_HELP,
  "edge.a11yDescription.default": "A dependency between two steps.",
  "controls.ariaLabel": "Graph view controls",
  "controls.zoomIn.ariaLabel": "Zoom in",
  "controls.zoomOut.ariaLabel": "Zoom out",
  "controls.fitView.ariaLabel": "Fit the graph in view",
};

/** Edge colour by the state of the step it comes from: done (green), failed (red), else neutral. */
function edgeColor(status: StepStatus | undefined): string {
  if (status === "success") return "var(--success)";
  if (status === "failed" || status === "upstream_failed") return "var(--destructive)";
  return "var(--muted-foreground)";
}

export function DagGraph({
  steps,
  now,
  onShowStep,
  className,
}: {
  steps: readonly RunStepView[];
  /** The clock running steps' durations are measured against. */
  now: number;
  /** A node was clicked or activated with Enter / Space. */
  onShowStep?: (stepId: string) => void;
  className?: string;
}) {
  // The layout depends only on the steps and their dependencies, not on their live status.
  const shape = steps.map((s) => `${s.step_id}<${s.depends_on.join(",")}`).join("|");
  const layout = React.useMemo(
    () => layoutDag(steps.map((s) => ({ step_id: s.step_id, depends_on: s.depends_on }))),
    // `shape` is the layout's whole input: a status change does not move the nodes.
    [shape],
  );
  const statusById = new Map(steps.map((s) => [s.step_id, s.status]));
  const dependents = new Set(layout.edges.map((e) => e.source));

  const nodes: DagStepNodeType[] = steps.map((s) => {
    const data: DagStepNodeData = {
      stepId: s.step_id,
      status: s.status,
      operator: s.operator,
      elapsedMs: stepElapsedMs(s, now),
      retryCount: s.retry_count,
      retries: s.retries,
      hasDependencies: s.depends_on.length > 0,
      hasDependents: dependents.has(s.step_id),
    };
    return {
      id: s.step_id,
      type: "step",
      position: layout.positions.get(s.step_id) ?? { x: 0, y: 0 },
      data,
      width: NODE_WIDTH,
      height: NODE_HEIGHT,
      draggable: false,
      selectable: false,
      connectable: false,
      ariaLabel: stepNodeLabel(data),
    };
  });
  const edges: Edge[] = layout.edges.map((e) => {
    const color = edgeColor(statusById.get(e.source));
    return {
      id: e.id,
      source: e.source,
      target: e.target,
      focusable: false,
      selectable: false,
      ariaLabel: `${e.target} runs after ${e.source}`,
      style: { stroke: color, strokeWidth: 1.5 },
      markerEnd: { type: MarkerType.ArrowClosed, color, width: 16, height: 16 },
    };
  });

  const height = Math.min(480, Math.max(200, layout.height + 48));
  const onKeyDown = (event: React.KeyboardEvent<HTMLDivElement>) => {
    if (event.key !== "Enter" && event.key !== " ") return;
    const node = (event.target as HTMLElement).closest?.(".react-flow__node");
    const id = node?.getAttribute("data-id");
    if (!id || !onShowStep) return;
    event.preventDefault();
    onShowStep(id);
  };

  return (
    <div
      data-testid="dag-graph"
      onKeyDown={onKeyDown}
      style={{ height }}
      className={cn(
        "w-full overflow-hidden rounded-lg border bg-muted/30",
        // React Flow's own colours follow the app's tokens (light and dark).
        "[--xy-background-color:transparent] [--xy-edge-stroke:var(--muted-foreground)]",
        "[--xy-controls-button-background-color:var(--card)] [--xy-controls-button-background-color-hover:var(--accent)]",
        "[--xy-controls-button-color:var(--foreground)] [--xy-controls-button-color-hover:var(--foreground)]",
        "[--xy-controls-button-border-color:var(--border)] [--xy-attribution-background-color:transparent]",
        "[&_a[href*=reactflow]]:text-muted-foreground!",
        "[&_[aria-roledescription=node]:focus-visible]:rounded-lg [&_[aria-roledescription=node]:focus-visible]:outline-none",
        "[&_[aria-roledescription=node]:focus-visible]:ring-[3px] [&_[aria-roledescription=node]:focus-visible]:ring-ring",
        className,
      )}
    >
      <ReactFlow<DagStepNodeType, Edge>
        // A new layout (e.g. the definition arrived with the dependencies) fits the view again.
        key={shape}
        nodes={nodes}
        edges={edges}
        nodeTypes={nodeTypes}
        nodesDraggable={false}
        nodesConnectable={false}
        elementsSelectable={false}
        nodesFocusable
        edgesFocusable={false}
        onNodeClick={(_event, node) => onShowStep?.(node.id)}
        fitView
        // Never so small that the steps cannot be read: a wide graph on a phone is panned instead.
        fitViewOptions={{ padding: 0.12, maxZoom: 1, minZoom: 0.4 }}
        minZoom={0.2}
        maxZoom={1.5}
        zoomOnScroll={false}
        zoomOnDoubleClick={false}
        preventScrolling={false}
        defaultMarkerColor={null}
        ariaLabelConfig={ARIA_LABELS}
      >
        <Controls showInteractive={false} position="top-right" />
      </ReactFlow>
    </div>
  );
}
