import { Handle, type Node, type NodeProps } from '@xyflow/react';
import { stepKind, stepTarget, type StepDef } from './definition';
import { SOURCE_SIDE, TARGET_SIDE } from './layout';
import type { PlacedProblem } from './problems';

export type StepNodeData = {
  step: StepDef;
  problems: PlacedProblem[];
};

export type StepNodeType = Node<StepNodeData, 'step'>;

const KIND_LABEL = { program: 'Program', command: 'Command', image: 'Image' } as const;

/** A step on the designer canvas: what it runs, and its problems right on it. */
export function StepNode({ data, selected }: NodeProps<StepNodeType>) {
  const { step, problems } = data;
  const kind = stepKind(step);
  const classes = ['step-node', `kind-${kind}`, selected ? 'selected' : '', problems.length ? 'has-problems' : ''];
  return (
    <div className={classes.filter(Boolean).join(' ')} data-testid={`step-node-${step.id}`}>
      <Handle type="target" position={TARGET_SIDE} aria-label={`Into ${step.id}`} />
      <div className="step-node-kind">
        {KIND_LABEL[kind]}
        {stepTarget(step) ? <span className="mono"> · {stepTarget(step)}</span> : null}
      </div>
      <div className="step-node-id">{step.id || '(no id)'}</div>
      {step.name ? <div className="step-node-name">{step.name}</div> : null}
      {problems.length > 0 ? (
        <div className="step-node-problems" title={problems.map((p) => `${p.field || 'step'}: ${p.message}`).join('\n')}>
          ⚠ {problems.length === 1 ? '1 problem' : `${problems.length} problems`}
        </div>
      ) : null}
      <Handle type="source" position={SOURCE_SIDE} aria-label={`Out of ${step.id}`} />
    </div>
  );
}
