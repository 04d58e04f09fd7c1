import { render, screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it, vi } from 'vitest';
import { StepLog } from './StepLog';

describe('StepLog', () => {
  it('appends chunks as the followed log streams, then says it is complete', async () => {
    let push!: (text: string) => void;
    let end!: () => void;
    const body = new ReadableStream<Uint8Array>({
      start(controller) {
        const encoder = new TextEncoder();
        push = (text) => controller.enqueue(encoder.encode(text));
        end = () => controller.close();
      },
    });
    const fetchMock = vi.fn(async (_input: RequestInfo | URL) => new Response(body, { status: 200, headers: { 'Content-Type': 'text/plain' } }));
    vi.stubGlobal('fetch', fetchMock);
    render(<StepLog runId="r1" stepId="chunk" attempt={2} />);

    push('line one\n');
    expect(await screen.findByText(/line one/)).toBeInTheDocument();
    expect(screen.getByText('● following')).toBeInTheDocument();
    push('line two\n');
    expect(await screen.findByText(/line one\s+line two/)).toBeInTheDocument();
    end();
    expect(await screen.findByText('complete')).toBeInTheDocument();
    expect(String(fetchMock.mock.calls[0]![0])).toBe('/api/runs/r1/steps/chunk/attempts/2/logs?stream=stdout&follow=true');
  });

  it('reads stderr on request', async () => {
    const fetchMock = vi.fn(async (_input: RequestInfo | URL) => new Response('warning\n', { status: 200 }));
    vi.stubGlobal('fetch', fetchMock);
    const user = userEvent.setup();
    render(<StepLog runId="r1" stepId="chunk" attempt={1} />);
    await user.click(screen.getByRole('tab', { name: 'stderr' }));
    expect(String(fetchMock.mock.calls.at(-1)![0])).toContain('stream=stderr');
  });
});
