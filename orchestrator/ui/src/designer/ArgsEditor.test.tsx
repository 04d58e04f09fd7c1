import { render, screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { useState } from 'react';
import { describe, expect, it } from 'vitest';
import { ArgsEditor } from './ArgsEditor';

const TEMPLATES = [
  { expression: '${{ inputs.registry }}', description: 'A declared input.' },
  { expression: '${{ inputs.day }}', description: 'A declared input.' },
];

/** The editor with its own list, as the step panel holds it; `seen` is the latest list. */
function renderArgs(initial: string[]) {
  const seen = { args: initial };
  function Holder() {
    const [args, setArgs] = useState(initial);
    seen.args = args;
    return (
      <>
        <input aria-label="Another field" />
        <ArgsEditor args={args} onChange={setArgs} problems={[]} templates={TEMPLATES} options={[{ name: '--run-id', description: 'The run.', required: false }]} />
      </>
    );
  }
  render(<Holder />);
  return seen;
}

const argument = (n: number) => screen.getByLabelText(`Argument ${n}`) as HTMLInputElement;

describe('ArgsEditor templates', () => {
  it('adds a template as a new argument once the argument edited before is left, never appending to it', async () => {
    const user = userEvent.setup();
    const seen = renderArgs(['--input', '${{ steps.feature-creator.output }}', '--registry']);

    await user.click(argument(2));
    await user.click(screen.getByLabelText('Another field'));
    await user.click(screen.getByRole('button', { name: 'Insert ${{ inputs.registry }}' }));

    expect(seen.args).toEqual(['--input', '${{ steps.feature-creator.output }}', '--registry', '${{ inputs.registry }}']);
    expect(screen.getByRole('status')).toHaveTextContent('Added as argument 4.');
  });

  it('inserts at the cursor of the argument being edited, over its selection, and says so', async () => {
    const user = userEvent.setup();
    const seen = renderArgs(['--input', 'data/DAY/sensors']);

    await user.click(argument(2));
    argument(2).setSelectionRange(5, 8);
    expect(screen.getByLabelText('Insert into')).toHaveDisplayValue('Argument 2, at the cursor: data/DAY/sensors');
    await user.click(screen.getByRole('button', { name: 'Insert ${{ inputs.day }}' }));

    expect(seen.args).toEqual(['--input', 'data/${{ inputs.day }}/sensors']);
    expect(screen.getByRole('status')).toHaveTextContent('Inserted into argument 2, replacing the selection.');
    // The argument keeps the focus, the cursor after the template.
    expect(argument(2)).toHaveFocus();
    expect(argument(2).selectionStart).toBe('data/${{ inputs.day }}'.length);
  });

  it('goes into the argument chosen under "Insert into", and to a new one after the list is reshaped', async () => {
    const user = userEvent.setup();
    const seen = renderArgs(['--registry', '']);

    await user.selectOptions(screen.getByLabelText('Insert into'), 'Argument 2, at the cursor: (empty)');
    await user.click(screen.getByRole('button', { name: 'Insert ${{ inputs.registry }}' }));
    expect(seen.args).toEqual(['--registry', '${{ inputs.registry }}']);

    await user.click(screen.getByRole('button', { name: 'Add option --run-id' }));
    await user.click(screen.getByRole('button', { name: 'Insert ${{ inputs.day }}' }));
    expect(seen.args).toEqual(['--registry', '${{ inputs.registry }}', '--run-id', '${{ inputs.day }}']);
  });
});
