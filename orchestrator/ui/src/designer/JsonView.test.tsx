import { fireEvent, render, screen } from '@testing-library/react';
import { describe, expect, it, vi } from 'vitest';
import training from '../test/fixtures/sensor-training.json';
import { definitionJson, type WorkflowDef } from './definition';
import { JsonView } from './JsonView';

const definition = training as unknown as WorkflowDef;

describe('JsonView', () => {
  it('shows the definition and hands back each edit that parses', () => {
    const onChange = vi.fn();
    render(<JsonView definition={definition} onChange={onChange} problems={[]} />);
    const box = screen.getByLabelText('Workflow definition (JSON)') as HTMLTextAreaElement;
    expect(JSON.parse(box.value)).toEqual(definition);

    const edited = { ...definition, name: 'Renamed', steps: definition.steps.slice(0, 1) };
    fireEvent.change(box, { target: { value: JSON.stringify(edited) } });
    expect(onChange).toHaveBeenCalledWith(edited);
  });

  it('keeps text that does not parse, says why, and does not change the definition', () => {
    const onChange = vi.fn();
    render(<JsonView definition={definition} onChange={onChange} problems={[]} />);
    const box = screen.getByLabelText('Workflow definition (JSON)') as HTMLTextAreaElement;
    fireEvent.change(box, { target: { value: '{"id": "x", ' } });
    expect(onChange).not.toHaveBeenCalled();
    expect(box.value).toBe('{"id": "x", ');
    expect(box).toHaveAttribute('aria-invalid', 'true');
    expect(screen.getByText(/Not valid JSON/)).toBeInTheDocument();
  });

  it('follows edits made elsewhere (the graph, the panels)', () => {
    const { rerender } = render(<JsonView definition={definition} onChange={() => {}} problems={[]} />);
    const changed = { ...definition, steps: definition.steps.map((s) => (s.id === 'train' ? { ...s, dependsOn: ['chunk', 'features'] } : s)) };
    rerender(<JsonView definition={changed} onChange={() => {}} problems={[]} />);
    expect((screen.getByLabelText('Workflow definition (JSON)') as HTMLTextAreaElement).value).toBe(definitionJson(changed));
  });
});
