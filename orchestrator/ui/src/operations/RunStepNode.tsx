import { Handle, Position, type Node, type NodeProps } from '@xyflow/react';
import type { StepRun } from '../api/types';
import { plural } from '../common/plural';

export type RunStepNodeType = Node<{ step: StepRun }, 'runStep'>;

/** A step of a run on the graph, coloured by its state. */
export function RunStepNode({ data, selected }: NodeProps<RunStepNodeType>) {
  const { step } = data;
  return (
    <div className={`run-step-node state-${step.state}${selected ? ' selected' : ''}`} data-testid={`run-step-${step.stepId}`} data-state={step.state}>
      <Handle type="target" position={Position.Left} isConnectable={false} />
      <div className="run-step-id">{step.stepId}</div>
      <div className="run-step-state">
        {step.state}
        {step.attempts > 1 && !step.partitions ? <span className="muted"> · {step.attempts} attempts</span> : null}
      </div>
      {step.partitions ? (
        <div
          className="run-step-partitions"
          data-testid={`run-step-partitions-${step.stepId}`}
          title={`${plural(step.partitions.total, 'day')}: ${Object.entries(step.partitions.byState).map(([name, n]) => `${n} ${name}`).join(', ')}`}
        >
          {plural(step.partitions.total, 'day')}
          {Object.entries(step.partitions.byState).map(([name, n]) => (
            <span key={name} className={`partition-count state-text-${name}`}>
              {' · '}
              {n} {name}
            </span>
          ))}
        </div>
      ) : null}
      <Handle type="source" position={Position.Right} isConnectable={false} />
    </div>
  );
}
