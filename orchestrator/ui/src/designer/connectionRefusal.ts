import type { WorkflowDef } from './definition';
import { connect } from './graphEdits';

/** One end of a connection dragged on the canvas: the step and which of its handles. */
export interface ConnectionEnd {
  stepId: string;
  handle: 'source' | 'target';
}

/**
 * Why a connection dragged from `from` and released on `to` was not made, in words for the person who dragged it;
 * undefined when it was made, or when it was released on no step (nothing was asked). React Flow refuses a cycle
 * while the edge is dragged (the handle does not light up) but says nothing: this is what the designer says.
 */
export function connectionRefusal(definition: WorkflowDef, from: ConnectionEnd, to: ConnectionEnd | null): string | undefined {
  if (!to) return undefined;
  if (from.handle === to.handle) {
    return "Not connected: drag from a step's output (its right side) to another step's input (its left side).";
  }
  const [upstream, downstream] = from.handle === 'source' ? [from.stepId, to.stepId] : [to.stepId, from.stepId];
  const result = connect(definition, upstream, downstream);
  return result.error === undefined ? undefined : `Not connected: ${result.error}.`;
}
