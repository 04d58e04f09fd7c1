import dagre from '@dagrejs/dagre';
import { Position as Side } from '@xyflow/react';

export interface Position {
  x: number;
  y: number;
}

export const NODE_WIDTH = 220;
export const NODE_HEIGHT = 72;

/**
 * The one direction every DAG is drawn in, the designer's and a run's alike: left to right, in the order steps run.
 * Edges leave a step on its right and enter on its left, so a workflow reads the same wherever it is shown.
 */
export const FLOW_DIRECTION = 'LR' as const;
export const SOURCE_SIDE = Side.Right;
export const TARGET_SIDE = Side.Left;

/**
 * Positions for a DAG in the order steps run (dagre's layered layout), in {@link FLOW_DIRECTION}. Positions are the
 * top-left corners React Flow expects; dagre gives centres. `direction` is for pictures drawn another way on purpose.
 */
export function layoutDag(
  ids: readonly string[],
  edges: readonly { source: string; target: string }[],
  direction: 'TB' | 'LR' = FLOW_DIRECTION,
  size: { width: number; height: number } = { width: NODE_WIDTH, height: NODE_HEIGHT },
): Record<string, Position> {
  const graph = new dagre.graphlib.Graph();
  graph.setGraph({ rankdir: direction, nodesep: 30, ranksep: direction === 'TB' ? 50 : 70, marginx: 20, marginy: 20 });
  graph.setDefaultEdgeLabel(() => ({}));
  for (const id of ids) graph.setNode(id, { width: size.width, height: size.height });
  for (const edge of edges) {
    if (graph.hasNode(edge.source) && graph.hasNode(edge.target)) graph.setEdge(edge.source, edge.target);
  }
  dagre.layout(graph);
  const positions: Record<string, Position> = {};
  for (const id of ids) {
    const node = graph.node(id);
    positions[id] = { x: Math.round(node.x - size.width / 2), y: Math.round(node.y - size.height / 2) };
  }
  return positions;
}

/**
 * Keeps the positions the user chose and places only new steps, below everything else, so adding a step never
 * rearranges a hand-made layout.
 */
export function placeNew(ids: readonly string[], known: Record<string, Position>, auto: () => Record<string, Position>): Record<string, Position> {
  const missing = ids.filter((id) => !known[id]);
  if (missing.length === 0) return pick(known, ids);
  if (missing.length === ids.length) return auto();
  const laid = auto();
  const maxY = Math.max(...Object.values(pick(known, ids)).map((p) => p.y));
  const out = pick(known, ids);
  missing.forEach((id, i) => {
    out[id] = { x: laid[id]?.x ?? 20, y: maxY + (i + 1) * (NODE_HEIGHT + 50) };
  });
  return out;
}

function pick(positions: Record<string, Position>, ids: readonly string[]): Record<string, Position> {
  const out: Record<string, Position> = {};
  for (const id of ids) if (positions[id]) out[id] = positions[id];
  return out;
}
