// layoutDag: positions of a DAG's steps left to right (dagre), and one edge per dependency.
import { graphlib, layout } from "@dagrejs/dagre";

export const NODE_WIDTH = 224;
export const NODE_HEIGHT = 88;

export interface LayoutStep {
  step_id: string;
  depends_on: readonly string[];
}

export interface LayoutEdge {
  id: string;
  /** The dependency (runs first). */
  source: string;
  /** The step that waits for it. */
  target: string;
}

export interface DagLayout {
  /** Top-left corner of each step's node, by step id. */
  positions: Map<string, { x: number; y: number }>;
  edges: LayoutEdge[];
  /** Size of the whole drawing, margins included. */
  width: number;
  height: number;
}

export interface LayoutOptions {
  nodeWidth?: number;
  nodeHeight?: number;
  /** Gap between nodes of one column. */
  nodeGap?: number;
  /** Gap between columns (ranks). */
  rankGap?: number;
  margin?: number;
}

/**
 * Lays out `steps` left to right: every step sits right of the steps it depends on. Unknown and
 * self dependencies are ignored; duplicate ones make one edge. Deterministic for equal input.
 */
export function layoutDag(steps: readonly LayoutStep[], opts: LayoutOptions = {}): DagLayout {
  const { nodeWidth = NODE_WIDTH, nodeHeight = NODE_HEIGHT, nodeGap = 28, rankGap = 72, margin = 16 } = opts;
  const ids = new Set(steps.map((s) => s.step_id));
  const edges: LayoutEdge[] = [];
  const seen = new Set<string>();
  for (const step of steps) {
    for (const dep of step.depends_on) {
      if (!ids.has(dep) || dep === step.step_id) continue;
      const id = `${dep}->${step.step_id}`;
      if (seen.has(id)) continue;
      seen.add(id);
      edges.push({ id, source: dep, target: step.step_id });
    }
  }
  if (ids.size === 0) return { positions: new Map(), edges, width: 0, height: 0 };

  const g = new graphlib.Graph();
  g.setGraph({ rankdir: "LR", nodesep: nodeGap, ranksep: rankGap, marginx: margin, marginy: margin });
  g.setDefaultEdgeLabel(() => ({}));
  for (const id of ids) g.setNode(id, { width: nodeWidth, height: nodeHeight });
  for (const e of edges) g.setEdge(e.source, e.target);
  layout(g);

  const positions = new Map<string, { x: number; y: number }>();
  for (const id of ids) {
    const n = g.node(id) as { x: number; y: number };
    positions.set(id, { x: Math.round(n.x - nodeWidth / 2), y: Math.round(n.y - nodeHeight / 2) });
  }
  const graph = g.graph() as { width?: number; height?: number };
  return { positions, edges, width: Math.ceil(graph.width ?? 0), height: Math.ceil(graph.height ?? 0) };
}
