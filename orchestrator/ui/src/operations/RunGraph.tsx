import '@xyflow/react/dist/style.css';
import { useMemo } from 'react';
import { Background, Controls, MarkerType, ReactFlow, ReactFlowProvider, type Edge } from '@xyflow/react';
import type { StepRun } from '../api/types';
import { FLOW_DIRECTION, layoutDag } from '../designer/layout';
import { RunStepNode, type RunStepNodeType } from './RunStepNode';

interface Props {
  steps: StepRun[];
  selectedId: string | null;
  onSelect: (stepId: string) => void;
}

const nodeTypes = { runStep: RunStepNode };

/**
 * The run's DAG, read-only, each step in its state's colour; clicking a step shows its details (the timeline's
 * step buttons do the same from the keyboard). Selection is the page's: listening to React Flow's own selection
 * events as well made the two chase each other without end.
 */
export function RunGraph({ steps, selectedId, onSelect }: Props) {
  // Laid out again only when the DAG's shape changes, not on every poll: the layout reads the shape, not `steps`.
  const shape = JSON.stringify(steps.map((s) => [s.stepId, s.dependsOn]));
  const positions = useMemo(() => {
    const dag = JSON.parse(shape) as [string, string[]][];
    return layoutDag(
      dag.map(([id]) => id),
      dag.flatMap(([id, dependsOn]) => dependsOn.map((d) => ({ source: d, target: id }))),
      FLOW_DIRECTION,
      { width: 200, height: 60 },
    );
  }, [shape]);
  const nodes: RunStepNodeType[] = steps.map((step) => ({
    id: step.stepId,
    type: 'runStep',
    position: positions[step.stepId] ?? { x: 0, y: 0 },
    data: { step },
    selected: step.stepId === selectedId,
    ariaLabel: `Step ${step.stepId}: ${step.state}`,
    // Keep measured sizes across polls: same width and height as the layout uses.
    width: 200,
    height: 60,
  }));
  const edges: Edge[] = steps.flatMap((s) =>
    s.dependsOn.map((d) => ({ id: `${d}->${s.stepId}`, source: d, target: s.stepId, markerEnd: { type: MarkerType.ArrowClosed }, animated: s.state === 'running' })),
  );
  return (
    <div className="run-graph" data-testid="run-graph">
      <ReactFlowProvider>
        <ReactFlow<RunStepNodeType>
          nodes={nodes}
          edges={edges}
          nodeTypes={nodeTypes}
          nodesDraggable={false}
          nodesConnectable={false}
          onNodeClick={(_, node) => onSelect(node.id)}
          fitView
          fitViewOptions={{ maxZoom: 1 }}
          proOptions={{ hideAttribution: true }}
        >
          <Background gap={16} />
          <Controls showInteractive={false} />
        </ReactFlow>
      </ReactFlowProvider>
    </div>
  );
}
