import { act, render, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { MemoryRouter } from 'react-router';
import { describe, expect, it } from 'vitest';
import training from '../test/fixtures/sensor-training.json';
import { stubFetch } from '../test/fetchStub';
import { emptyWorkflow, type WorkflowDef } from './definition';
import { Designer } from './Designer';
import { BUILT_IN_STEP_TYPES } from './stepCatalog';

function renderDesigner(initial: WorkflowDef, exists: boolean) {
  return render(
    <MemoryRouter>
      <Designer initial={initial} exists={exists} latestVersion={exists ? 1 : null} stepTypes={BUILT_IN_STEP_TYPES} />
    </MemoryRouter>,
  );
}

describe('Designer', () => {
  it('counts a missing required option in the problems bar, on the node and on the field, and will not publish', async () => {
    let asked = false;
    let answer: (reply: { body: unknown }) => void = () => {};
    stubFetch([
      {
        method: 'POST',
        path: '/api/workflows/validate',
        // The server's reply for a cluster-predict step without --registry (RequiredOptionCheck), held back a moment.
        reply: () =>
          new Promise((resolve) => {
            asked = true;
            answer = resolve;
          }),
      },
    ]);
    const stepTypes = {
      ...BUILT_IN_STEP_TYPES,
      programs: BUILT_IN_STEP_TYPES.programs.map((p) =>
        p.program === 'cluster-predict' ? { ...p, options: [{ name: '--registry', description: 'The model registry folder.', required: true }] } : p,
      ),
    };
    const predict: WorkflowDef = {
      id: 'predict',
      name: 'Predict',
      steps: [{ id: 'predict', program: 'cluster-predict', args: ['--input', 'features', '--output', '${{ step.output }}'] }],
    };
    const user = userEvent.setup();
    render(
      <MemoryRouter>
        <Designer initial={predict} exists latestVersion={1} stepTypes={stepTypes} />
      </MemoryRouter>,
    );
    const bar = screen.getByRole('region', { name: 'Problems' });
    // Not yet known: the bar does not claim there are none.
    expect(within(bar).getByRole('heading')).toHaveTextContent('Checking for problems…');

    await waitFor(() => expect(asked).toBe(true));
    act(() =>
      answer({
        body: [
          {
            path: '$.steps[0].args',
            message: '--registry is required: cluster-predict cannot start without it (add --registry and its value to the arguments, or set CLUSTER_PREDICT_REGISTRY in the environment)',
          },
        ],
      }),
    );

    expect(await within(bar).findByRole('heading', { name: '1 problem' })).toBeInTheDocument();
    expect(within(screen.getByTestId('step-node-predict')).getByText(/1 problem/)).toBeInTheDocument();
    expect(screen.getByRole('button', { name: 'Publish' })).toBeDisabled();
    await user.click(within(bar).getByRole('button', { name: 'Step predict · args' }));
    const args = screen.getByRole('group', { name: 'Arguments' });
    expect(within(args).getByText(/--registry is required: cluster-predict cannot start without it/)).toBeInTheDocument();
    // One account of it, the server's: no separate hint the bar does not count.
    expect(screen.queryByText(/Required options not given/)).toBeNull();
  });

  it("shows the server's problems on the node and on the field they concern", async () => {
    stubFetch([
      {
        method: 'POST',
        path: '/api/workflows/validate',
        reply: {
          body: [
            { path: '$.steps[1].args[1]', message: "steps.chunks.output: there is no step 'chunks'" },
            { path: '$.steps[0].retry.retries', message: 'must be between 0 and 20, not 50' },
            { path: '$.name', message: 'the name must not be empty' },
          ],
        },
      },
    ]);
    const user = userEvent.setup();
    renderDesigner(training as unknown as WorkflowDef, true);

    const features = await screen.findByTestId('step-node-features');
    expect(await within(features).findByText(/1 problem/)).toBeInTheDocument();
    expect(within(screen.getByTestId('step-node-chunk')).getByText(/1 problem/)).toBeInTheDocument();
    expect(within(screen.getByTestId('step-node-train')).queryByText(/problem/)).toBeNull();

    // The workflow's own problem is on its field in the workflow panel.
    expect(screen.getByLabelText('Name')).toHaveAttribute('aria-invalid', 'true');
    expect(screen.getByText('the name must not be empty', { selector: '.field-problems li' })).toBeInTheDocument();

    // Following the problem opens the step, where the argument is marked.
    await user.click(screen.getByRole('button', { name: 'Step features · args[1]' }));
    const argument = screen.getByLabelText('Argument 2');
    expect(argument).toHaveAttribute('aria-invalid', 'true');
    expect(argument).toHaveAccessibleDescription("steps.chunks.output: there is no step 'chunks'");
    expect(screen.getByLabelText('Argument 1')).not.toHaveAttribute('aria-invalid');
  });

  it('builds a definition with the keyboard: add steps, tick dependencies, save', async () => {
    const { calls } = stubFetch([
      { method: 'POST', path: '/api/workflows/validate', reply: { body: [] } },
      {
        method: 'POST',
        path: '/api/workflows',
        reply: { status: 201, body: { id: 'ingest', name: 'Ingest', latestVersion: null, hasDraft: true, draftUpdatedAt: '2026-11-23T10:00:00Z' } },
      },
    ]);
    const user = userEvent.setup();
    renderDesigner(emptyWorkflow(), false);

    await user.type(screen.getByLabelText('Id'), 'ingest');
    await user.type(screen.getByLabelText('Name'), 'Ingest');
    await user.click(screen.getByRole('button', { name: 'Add step: Chunker' }));
    await user.click(screen.getByRole('button', { name: 'Add step: Command' }));

    // The new command step is selected: make it run after the chunker.
    await user.type(screen.getByLabelText('Command'), '/bin/echo');
    await user.click(screen.getByRole('button', { name: 'Add argument' }));
    await user.click(screen.getByText('Templates'));
    // Only upstream steps' outputs are offered: none until the dependency is ticked.
    expect(screen.queryByRole('button', { name: 'Insert ${{ steps.chunker.output }}' })).toBeNull();
    await user.click(screen.getByRole('checkbox', { name: 'chunker' }));
    await user.click(screen.getByLabelText('Argument 1'));
    await user.click(screen.getByRole('button', { name: 'Insert ${{ steps.chunker.output }}' }));

    await user.click(screen.getByRole('tab', { name: 'JSON' }));
    const json = JSON.parse((screen.getByLabelText('Workflow definition (JSON)') as HTMLTextAreaElement).value);
    const expected = {
      id: 'ingest',
      name: 'Ingest',
      triggers: [{ type: 'manual' }],
      steps: [
        { id: 'chunker', program: 'chunker', args: ['--input', '${{ inputs.source }}', '--output', '${{ step.output }}'] },
        { id: 'command', command: '/bin/echo', dependsOn: ['chunker'], args: ['${{ steps.chunker.output }}'] },
      ],
    };
    expect(json).toEqual(expected);

    await user.click(screen.getByRole('button', { name: 'Save draft' }));
    const saved = calls.find((c) => c.method === 'POST' && c.url.pathname === '/api/workflows');
    expect(saved?.body).toEqual(expected);
    expect(await screen.findByText('Draft saved.')).toBeInTheDocument();
  });

  it('shows the problems of a refused save on the fields', async () => {
    stubFetch([
      { method: 'POST', path: '/api/workflows/validate', reply: { body: [] } },
      {
        method: 'PUT',
        path: '/api/workflows/sensor-training',
        reply: {
          status: 422,
          body: { title: 'Invalid', status: 422, detail: 'the workflow definition is not valid', problems: [{ path: '$.steps[2].timeoutSeconds', message: 'must be at most 604800, not 1e9' }] },
        },
      },
    ]);
    const user = userEvent.setup();
    renderDesigner(training as unknown as WorkflowDef, true);
    await user.type(screen.getByLabelText('Description'), '!');
    await user.click(screen.getByRole('button', { name: 'Save draft' }));
    expect(await screen.findByRole('alert')).toHaveTextContent('Saving the draft failed: the workflow definition is not valid');
    expect(await within(screen.getByTestId('step-node-train')).findByText(/1 problem/)).toBeInTheDocument();
    // A later (empty) live check of the same definition does not hide them; the next edit does.
    await act(() => new Promise((r) => setTimeout(r, 500)));
    expect(within(screen.getByTestId('step-node-train')).getByText(/1 problem/)).toBeInTheDocument();
    await user.type(screen.getByLabelText('Description'), '?');
    await waitFor(() => expect(within(screen.getByTestId('step-node-train')).queryByText(/problem/)).toBeNull());
  });

  it("adds a dataset trigger: a choice of the path inputs, a name pattern, and the server's problems at the fields", async () => {
    const workflow: WorkflowDef = {
      id: 'predict-new-data',
      name: 'Predict new data',
      inputs: { source: { type: 'path' }, day: { type: 'date' }, archive: { type: 'path', default: '/srv/archive' }, zone: { default: 'UTC' } },
      triggers: [{ type: 'manual' }],
      steps: [{ id: 'echo', command: '/bin/echo', args: ['${{ inputs.source }}'] }],
    };
    stubFetch([
      {
        method: 'POST',
        path: '/api/workflows/validate',
        reply: (_url, init) => {
          const sent = JSON.parse(String(init?.body)) as WorkflowDef;
          const trigger = sent.triggers?.[1];
          return {
            body:
              trigger?.type === 'dataset' && trigger.pattern === 'beijing/*.csv'
                ? [
                    { path: '$.triggers[1].pattern', message: "a dataset name pattern is 1 to 200 characters without '/'" },
                    { path: '$.triggers[1].input', message: "input 'archive' is set to the dataset's file; the trigger cannot also give it a value" },
                  ]
                : [],
          };
        },
      },
    ]);
    const user = userEvent.setup();
    renderDesigner(workflow, true);

    await user.click(screen.getByRole('button', { name: 'Add trigger' }));
    await user.selectOptions(screen.getByLabelText('Trigger 2 type'), 'dataset');
    const trigger = within(screen.getByRole('group', { name: 'Trigger 2' }));
    const input = trigger.getByLabelText("Input set to the dataset's file");
    // Only path inputs are offered: a dataset arrives as a file.
    expect(within(input).getAllByRole('option').map((o) => o.textContent)).toEqual(['Choose a path input…', 'source', 'archive']);
    await user.selectOptions(input, 'archive');
    const zone = trigger.getByLabelText("Input set to the dataset's time zone");
    // Only string inputs can take a time zone.
    expect(within(zone).getAllByRole('option').map((o) => o.textContent)).toEqual(["None: the workflow's default", 'zone']);
    await user.selectOptions(zone, 'zone');
    const pattern = trigger.getByLabelText('Dataset name pattern');
    await user.type(pattern, 'beijing/*.csv');

    await waitFor(() => expect(pattern).toHaveAttribute('aria-invalid', 'true'));
    expect(pattern).toHaveAccessibleDescription(expect.stringContaining("a dataset name pattern is 1 to 200 characters without '/'"));
    expect(input).toHaveAttribute('aria-invalid', 'true');
    expect(input).toHaveAccessibleDescription("input 'archive' is set to the dataset's file; the trigger cannot also give it a value");

    await user.clear(pattern);
    await user.type(pattern, 'beijing-*.csv');
    await waitFor(() => expect(pattern).not.toHaveAttribute('aria-invalid'));
    await user.click(screen.getByRole('tab', { name: 'JSON' }));
    const json = JSON.parse((screen.getByLabelText('Workflow definition (JSON)') as HTMLTextAreaElement).value) as WorkflowDef;
    expect(json.triggers).toEqual([{ type: 'manual' }, { type: 'dataset', input: 'archive', timeZoneInput: 'zone', pattern: 'beijing-*.csv' }]);
  });

  it('picks the only path input for a new dataset trigger, and says when there is none', async () => {
    stubFetch([{ method: 'POST', path: '/api/workflows/validate', reply: { body: [] } }]);
    const user = userEvent.setup();
    const only: WorkflowDef = { id: 'w', name: 'W', inputs: { source: { type: 'path' } }, triggers: [{ type: 'dataset' }], steps: [] };
    const { unmount } = renderDesigner(only, true);
    await user.click(screen.getByRole('button', { name: 'Add trigger' }));
    await user.selectOptions(screen.getByLabelText('Trigger 2 type'), 'dataset');
    expect(within(screen.getByRole('group', { name: 'Trigger 2' })).getByLabelText("Input set to the dataset's file")).toHaveValue('source');
    // A trigger read from a definition keeps what it had: nothing chosen yet.
    expect(within(screen.getByRole('group', { name: 'Trigger 1' })).getByLabelText("Input set to the dataset's file")).toHaveValue('');
    unmount();

    renderDesigner({ id: 'w', name: 'W', inputs: { day: { type: 'date' } }, triggers: [{ type: 'dataset', input: 'day' }], steps: [] }, true);
    const group = within(screen.getByRole('group', { name: 'Trigger 1' }));
    expect(group.getByLabelText("Input set to the dataset's file")).toHaveValue('day');
    expect(group.getByRole('option', { name: 'day (not a path input)' })).toBeInTheDocument();
    expect(group.getByText(/Add an input of type path above/)).toBeInTheDocument();
  });
});
