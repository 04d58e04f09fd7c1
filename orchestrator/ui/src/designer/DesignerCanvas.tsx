import '@xyflow/react/dist/style.css';
import { useCallback, useEffect, useMemo, useState, type DragEvent } from 'react';
import {
  Background,
  Controls,
  MarkerType,
  ReactFlow,
  applyEdgeChanges,
  applyNodeChanges,
  useReactFlow,
  type Connection,
  type Edge,
  type EdgeChange,
  type FinalConnectionState,
  type NodeChange,
} from '@xyflow/react';
import { connectionRefusal } from './connectionRefusal';
import type { WorkflowDef } from './definition';
import { edgesOf, wouldCycle } from './graphEdits';
import { NODE_HEIGHT, NODE_WIDTH, type Position } from './layout';
import type { ProblemIndex } from './problems';
import { StepNode, type StepNodeType } from './StepNode';
import { PALETTE_MIME, readPaletteItem, type PaletteItem } from './paletteItems';

interface Props {
  definition: WorkflowDef;
  positions: Record<string, Position>;
  /** Steps can be selected and looked at, not moved, connected, removed or dropped. */
  readOnly?: boolean;
  problems: ProblemIndex;
  selectedId: string | null;
  onSelect: (stepId: string | null) => void;
  onConnect: (upstream: string, downstream: string) => void;
  /** A connection dragged and released on a step but not made (a cycle, a step onto itself): why, in words. */
  onRefuse: (message: string) => void;
  /** Changed (by auto-layout, an import) to fit every step into view once the new positions are drawn. */
  fitRequest: number;
  onDisconnect: (upstream: string, downstream: string) => void;
  onRemoveSteps: (stepIds: string[]) => void;
  onMove: (stepId: string, position: Position) => void;
  onDropItem: (item: PaletteItem, position: Position) => void;
}

const nodeTypes = { step: StepNode };
const FIT_VIEW = { maxZoom: 1.1, padding: 0.1 };

/** The definition's steps as nodes, keeping what React Flow added to the previous ones (measured sizes). */
function nodesOf(definition: WorkflowDef, positions: Record<string, Position>, problems: ProblemIndex, selectedId: string | null, previous: StepNodeType[]): StepNodeType[] {
  const byId = new Map(previous.map((n) => [n.id, n]));
  return definition.steps.map((step): StepNodeType => {
    const old = byId.get(step.id);
    return {
      ...old,
      id: step.id,
      type: 'step',
      position: positions[step.id] ?? old?.position ?? { x: 0, y: 0 },
      data: { step, problems: problems.byStep.get(step.id) ?? [] },
      selected: step.id === selectedId,
      ariaLabel: `Step ${step.id}`,
    };
  });
}

/** The definition's dependencies as edges, keeping which were selected. */
function flowEdges(derived: ReturnType<typeof edgesOf>, previous: Edge[]): Edge[] {
  const selected = new Set(previous.filter((e) => e.selected).map((e) => e.id));
  return derived.map(({ source, target }) => {
    const id = `${source}->${target}`;
    return {
      id,
      source,
      target,
      selected: selected.has(id),
      ariaLabel: `${target} depends on ${source}`,
      markerEnd: { type: MarkerType.ArrowClosed },
    };
  });
}

/**
 * The DAG as React Flow draws it. The definition stays the source of truth: nodes and edges are derived from it,
 * and every edit on the canvas is handed back as a definition edit. Node objects are kept between renders so
 * React Flow keeps their measured sizes.
 */
export function DesignerCanvas(props: Props) {
  const { definition, positions, problems, selectedId, fitRequest, readOnly = false } = props;
  const flow = useReactFlow();
  // A workflow opened with steps is fitted into view once. An empty one is not: React Flow would fit the view to the
  // first step dropped, moving it from where it was released to the middle of the canvas.
  const [fitOnOpen] = useState(() => definition.steps.length > 0);
  useEffect(() => {
    // fitView waits for the nodes React Flow has been given, so it frames the new positions, not the old ones.
    if (fitRequest > 0) void flow.fitView(FIT_VIEW);
  }, [fitRequest, flow]);
  // Nodes and edges are React Flow's state (it adds measured sizes, drag positions, selection) rebuilt from the
  // definition when it changes: adjusted while rendering, so a stale graph is never drawn.
  const [nodes, setNodes] = useState<StepNodeType[]>(() => nodesOf(definition, positions, problems, selectedId, []));
  const [nodesFrom, setNodesFrom] = useState({ definition, positions, problems, selectedId });
  if (nodesFrom.definition !== definition || nodesFrom.positions !== positions || nodesFrom.problems !== problems || nodesFrom.selectedId !== selectedId) {
    setNodesFrom({ definition, positions, problems, selectedId });
    setNodes((previous) => nodesOf(definition, positions, problems, selectedId, previous));
  }

  const derivedEdges = useMemo(() => edgesOf(definition), [definition]);
  const [edges, setEdges] = useState<Edge[]>(() => flowEdges(derivedEdges, []));
  const [edgesFrom, setEdgesFrom] = useState(derivedEdges);
  if (edgesFrom !== derivedEdges) {
    setEdgesFrom(derivedEdges);
    setEdges((previous) => flowEdges(derivedEdges, previous));
  }

  const onNodesChange = useCallback(
    (changes: NodeChange<StepNodeType>[]) => {
      // Removal goes through onNodesDelete, which edits the definition; the node then goes with it.
      setNodes((ns) => applyNodeChanges(changes.filter((c) => c.type !== 'remove'), ns));
      for (const change of changes) {
        if (change.type === 'position' && change.position && !change.dragging) props.onMove(change.id, change.position);
        if (change.type === 'select' && change.selected) props.onSelect(change.id);
      }
    },
    [props],
  );

  const onEdgesChange = useCallback((changes: EdgeChange[]) => {
    setEdges((es) => applyEdgeChanges(changes.filter((c) => c.type !== 'remove'), es));
  }, []);

  const isValidConnection = useCallback(
    (c: Connection | Edge) => !!c.source && !!c.target && !wouldCycle(definition, c.source, c.target),
    [definition],
  );

  const onConnectEnd = (_event: MouseEvent | TouchEvent, state: FinalConnectionState) => {
    if (state.isValid || !state.fromNode || !state.fromHandle) return;
    const from = { stepId: state.fromNode.id, handle: state.fromHandle.type };
    const to = state.toNode && state.toHandle ? { stepId: state.toNode.id, handle: state.toHandle.type } : null;
    const why = connectionRefusal(definition, from, to);
    if (why) props.onRefuse(why);
  };

  const onDragOver = (event: DragEvent) => {
    if (event.dataTransfer.types.includes(PALETTE_MIME)) {
      event.preventDefault();
      event.dataTransfer.dropEffect = 'copy';
    }
  };

  const onDrop = (event: DragEvent) => {
    const item = readPaletteItem(event.dataTransfer.getData(PALETTE_MIME));
    if (!item || readOnly) return;
    event.preventDefault();
    // The node is centred where it is dropped, as the pointer held it.
    const at = flow.screenToFlowPosition({ x: event.clientX, y: event.clientY });
    props.onDropItem(item, { x: at.x - NODE_WIDTH / 2, y: at.y - NODE_HEIGHT / 2 });
  };

  return (
    <div className="canvas" onDragOver={onDragOver} onDrop={onDrop} data-testid="designer-canvas">
      <ReactFlow<StepNodeType>
        nodes={nodes}
        edges={edges}
        nodeTypes={nodeTypes}
        onNodesChange={onNodesChange}
        onEdgesChange={onEdgesChange}
        onConnect={(c) => c.source && c.target && props.onConnect(c.source, c.target)}
        isValidConnection={isValidConnection}
        onConnectEnd={onConnectEnd}
        onNodesDelete={(deleted) => props.onRemoveSteps(deleted.map((n) => n.id))}
        onEdgesDelete={(deleted) => deleted.forEach((e) => props.onDisconnect(e.source, e.target))}
        onPaneClick={() => props.onSelect(null)}
        deleteKeyCode={readOnly ? null : ['Delete', 'Backspace']}
        nodesDraggable={!readOnly}
        nodesConnectable={!readOnly}
        fitView={fitOnOpen}
        fitViewOptions={FIT_VIEW}
        minZoom={0.2}
        proOptions={{ hideAttribution: true }}
      >
        <Background gap={16} />
        <Controls showInteractive={false} />
      </ReactFlow>
      {definition.steps.length === 0 ? (
        <div className="canvas-empty">
          <p>No steps yet.</p>
          <p className="muted">Drag a step type from the palette, or focus one and press Enter to add it.</p>
        </div>
      ) : null}
    </div>
  );
}
