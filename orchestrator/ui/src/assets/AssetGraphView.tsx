import '@xyflow/react/dist/style.css';
import { useMemo } from 'react';
import { Background, Controls, MarkerType, ReactFlow, ReactFlowProvider, type Edge, type Node } from '@xyflow/react';
import type { AssetGraph } from '../api/types';
import { layoutDag } from '../designer/layout';

const SIZE = { width: 180, height: 44 };

/** Node ids: assets and steps share the graph, so each is prefixed with its kind. */
export const assetNode = (name: string) => `asset:${name}`;
export const stepNode = (workflow: string | null | undefined, step: string | null | undefined) => `step:${workflow ?? '?'}/${step ?? '?'}`;

/** The graph's nodes and edges: asset → step that read it → asset it made. */
export function assetGraphElements(graph: AssetGraph): { nodes: { id: string; label: string; kind: 'asset' | 'step' }[]; edges: { source: string; target: string }[] } {
  const nodes = [
    ...graph.assets.map((name) => ({ id: assetNode(name), label: name, kind: 'asset' as const })),
    ...graph.steps.map((s) => ({ id: stepNode(s.workflow, s.step), label: `${s.workflow ?? 'unknown workflow'} / ${s.step ?? '?'}`, kind: 'step' as const })),
  ];
  const edges = graph.steps.flatMap((s) => [
    ...s.inputs.map((input) => ({ source: assetNode(input), target: stepNode(s.workflow, s.step) })),
    ...s.outputs.map((output) => ({ source: stepNode(s.workflow, s.step), target: assetNode(output) })),
  ]);
  return { nodes, edges };
}

/** Assets and the steps between them, laid out left to right; clicking an asset selects it. */
export function AssetGraphView({ graph, selected, onSelect }: { graph: AssetGraph; selected: string | null; onSelect: (asset: string) => void }) {
  const { nodes, edges } = useMemo(() => assetGraphElements(graph), [graph]);
  const positions = useMemo(() => layoutDag(nodes.map((n) => n.id), edges, 'LR', SIZE), [nodes, edges]);
  const flowNodes: Node[] = nodes.map((n) => ({
    id: n.id,
    position: positions[n.id] ?? { x: 0, y: 0 },
    data: { label: n.label },
    className: `asset-graph-node ${n.kind}${n.kind === 'asset' && n.label === selected ? ' selected-asset' : ''}`,
    ariaLabel: `${n.kind === 'asset' ? 'Asset' : 'Step'} ${n.label}`,
    width: SIZE.width,
    height: SIZE.height,
    sourcePosition: 'right' as Node['sourcePosition'],
    targetPosition: 'left' as Node['targetPosition'],
  }));
  const flowEdges: Edge[] = edges.map((e) => ({ id: `${e.source}->${e.target}`, ...e, markerEnd: { type: MarkerType.ArrowClosed } }));
  return (
    <div className="asset-graph" data-testid="asset-graph">
      <ReactFlowProvider>
        <ReactFlow
          nodes={flowNodes}
          edges={flowEdges}
          nodesDraggable={false}
          nodesConnectable={false}
          onNodeClick={(_, node) => {
            if (node.id.startsWith('asset:')) onSelect(node.id.slice('asset:'.length));
          }}
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
