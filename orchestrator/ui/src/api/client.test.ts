import { describe, expect, it, vi } from 'vitest';
import { ApiError } from './ApiError';
import { requestJson, toApiError } from './client';
import { problem, stubFetch } from '../test/fetchStub';

describe('toApiError', () => {
  it('keeps the detail and every problem of a 422', async () => {
    const response = new Response(
      JSON.stringify({ title: 'Invalid', status: 422, detail: 'the workflow definition is not valid', problems: [{ path: '$.steps[0].id', message: 'bad id' }] }),
      { status: 422, headers: { 'Content-Type': 'application/problem+json' } },
    );
    const error = await toApiError(response);
    expect(error.status).toBe(422);
    expect(error.message).toBe('the workflow definition is not valid');
    expect(error.problems).toEqual([{ path: '$.steps[0].id', message: 'bad id' }]);
  });

  it("uses ASP.NET's errors map when there is no detail", async () => {
    const response = new Response(JSON.stringify({ title: 'One or more validation errors occurred.', errors: { schedule: ["'x' is not a cron expression"] } }), { status: 400 });
    const error = await toApiError(response);
    expect(error.message).toBe("'x' is not a cron expression");
    expect(error.errors.schedule).toEqual(["'x' is not a cron expression"]);
  });

  it('falls back to the text, then the status line', async () => {
    expect((await toApiError(new Response('database is down', { status: 503 }))).message).toBe('database is down');
    expect((await toApiError(new Response('', { status: 502, statusText: 'Bad Gateway' }))).message).toBe('502 Bad Gateway');
  });
});

describe('requestJson', () => {
  it('throws an ApiError with the server message, and status 0 when the server does not answer', async () => {
    stubFetch([{ path: '/api/runs/r1', reply: problem(404, 'Not found', "no run 'r1'") }]);
    await expect(requestJson('/api/runs/r1')).rejects.toMatchObject({ status: 404, message: "no run 'r1'" });

    stubFetch([]);
    vi.spyOn(console, 'error').mockImplementation(() => {});
    const error = await requestJson('/api/other').catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ApiError);
    expect((error as ApiError).status).toBe(0);
  });

  it('leaves out empty query values', async () => {
    const { calls } = stubFetch([{ path: '/api/runs', reply: { body: { runs: [], next: null } } }]);
    await requestJson('/api/runs', { query: { workflow: 'a', state: '', before: undefined, limit: 5 } });
    expect(calls[0]!.url.search).toBe('?workflow=a&limit=5');
  });
});
