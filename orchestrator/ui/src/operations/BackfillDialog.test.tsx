import { screen } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { stubFetch } from '../test/fetchStub';
import { renderAt } from '../test/renderWithRouter';
import { BackfillDialog } from './BackfillDialog';

describe('BackfillDialog', () => {
  it('counts one day as one run', async () => {
    stubFetch([
      {
        path: '/api/workflows/daily',
        reply: { body: { workflowId: 'daily', version: 1, checksum: 'c', publishedAt: '2026-01-05T06:00:00Z', definition: { id: 'daily', steps: [] } } },
      },
    ]);
    // From and to both start at today: one day.
    renderAt('/', '/', <BackfillDialog workflowId="daily" onClose={() => undefined} />);

    expect(await screen.findByRole('button', { name: 'Start 1 run' })).toBeInTheDocument();
    expect(screen.getByText('1 run, one per day (at most 366).')).toBeInTheDocument();
  });
});
