import { screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';
import comparison from '../test/fixtures/experiment-comparison.json';
import experiments from '../test/fixtures/experiments.json';
import models from '../test/fixtures/models.json';
import { stubFetch } from '../test/fetchStub';
import { renderAt } from '../test/renderWithRouter';
import { comparePair, toggleSelection } from './experiments';
import { signed } from './format';
import { ModelsPage } from './ModelsPage';

describe('experiment selection', () => {
  it('keeps at most two versions, letting go of the one ticked first', () => {
    expect(toggleSelection([], 3)).toEqual([3]);
    expect(toggleSelection([3, 1], 2)).toEqual([1, 2]);
    expect(toggleSelection([3, 1], 3)).toEqual([1]);
    expect(comparePair([3])).toBeNull();
    expect(comparePair([3, 1])).toEqual({ a: 1, b: 3 });
  });

  it('signs changes so a rise is not read as a level', () => {
    expect(signed(0.12)).toBe('+0.120');
    expect(signed(-0.07)).toBe('−0.070');
    expect(signed(0.0001)).toBe('0.000');
    expect(signed(null)).toBe('—');
  });
});

describe('Experiments on the Models page', () => {
  function stub() {
    return stubFetch([
      { path: '/api/models', reply: { body: models } },
      { path: '/api/models/sensor-clusters/versions', reply: { body: [] } },
      { path: '/api/models/sensor-clusters/production/history', reply: { body: [] } },
      { path: '/api/models/sensor-clusters/experiments', reply: { body: experiments } },
      { path: '/api/models/sensor-clusters/experiments/compare', reply: { body: comparison } },
    ]);
  }

  it('lists training runs with their candidates, choice, rows, promotion and run', async () => {
    stub();
    const user = userEvent.setup();
    renderAt('/models', '/models', <ModelsPage />, { role: 'viewer' });

    await user.click(await screen.findByRole('tab', { name: 'Experiments' }));
    const table = await screen.findByRole('table', { name: 'Training runs' });
    const rows = within(table).getAllByRole('row');
    expect(rows).toHaveLength(4);
    const newest = within(rows[1]!);
    expect(newest.getByText('v3')).toBeInTheDocument();
    expect(newest.getByText('4, 5, 6')).toBeInTheDocument();
    expect(newest.getByText('0.770')).toBeInTheDocument();
    expect(newest.getByText('92')).toBeInTheDocument();
    expect(newest.getByText('in production')).toBeInTheDocument();
    expect(newest.getByRole('link', { name: 'Run that trained v3' })).toHaveAttribute('href', '/runs/20261123T193347900-ffef921a');
    expect(within(rows[2]!).getByText('not promoted')).toBeInTheDocument();
    expect(within(rows[2]!).getByText('by hand')).toBeInTheDocument();
    expect(screen.getByText(/Tick two training runs to compare/)).toBeInTheDocument();
  });

  it('compares two ticked runs side by side, older as a', async () => {
    const { calls } = stub();
    const user = userEvent.setup();
    renderAt('/models', '/models', <ModelsPage />, { role: 'viewer' });

    await user.click(await screen.findByRole('tab', { name: 'Experiments' }));
    await user.click(await screen.findByRole('checkbox', { name: 'Compare v3' }));
    await user.click(screen.getByRole('checkbox', { name: 'Compare v2' }));

    const panel = await screen.findByRole('region', { name: 'v2 compared with v3' });
    const request = calls.find((c) => c.url.pathname.endsWith('/experiments/compare'))!;
    expect(Object.fromEntries(request.url.searchParams)).toEqual({ a: '2', b: '3' });
    const parameters = within(within(panel).getByRole('table', { name: 'Parameters that differ' })).getAllByRole('row');
    expect(parameters.map((r) => r.textContent)).toContain('k3, 44, 5, 6');
    const candidates = within(within(panel).getByRole('table', { name: 'Candidates side by side' })).getAllByRole('row');
    expect(candidates).toHaveLength(5);
    expect(within(candidates[1]!).getByText('not tried')).toBeInTheDocument();
    expect(within(candidates[2]!).getByText('0.000')).toBeInTheDocument();
    expect(within(panel).getByText('−0.070')).toBeInTheDocument();

    // A third tick lets go of the first, so the comparison is always of two.
    await user.click(screen.getByRole('checkbox', { name: 'Compare v1' }));
    expect(screen.getByRole('checkbox', { name: 'Compare v3' })).not.toBeChecked();
    expect(screen.getByRole('checkbox', { name: 'Compare v2' })).toBeChecked();
  });
});
