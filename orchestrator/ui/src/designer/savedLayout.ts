import type { Position } from './layout';

// Node positions are not part of the definition (the server refuses unknown properties), so a layout the user
// arranged by hand is kept in this browser, per workflow. Without one, the DAG is laid out automatically.

const key = (workflowId: string) => `pipeline.layout.${workflowId}`;

export function loadLayout(workflowId: string): Record<string, Position> {
  if (!workflowId) return {};
  try {
    const value: unknown = JSON.parse(localStorage.getItem(key(workflowId)) ?? '{}');
    return value && typeof value === 'object' ? (value as Record<string, Position>) : {};
  } catch {
    return {};
  }
}

export function saveLayout(workflowId: string, positions: Record<string, Position>): void {
  if (!workflowId) return;
  try {
    localStorage.setItem(key(workflowId), JSON.stringify(positions));
  } catch {
    // Storage full or disabled: the layout is simply not remembered.
  }
}
