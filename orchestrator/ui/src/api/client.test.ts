import { describe, expect, it, vi } from 'vitest';
import { ApiError } from './ApiError';
import { CSRF_REFUSED_TITLE, onSessionEvent, requestJson, setCsrfToken, toApiError, type SessionEvent } from './client';
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

  it("keeps a problem's own members, such as the dataset a 409 refers to", async () => {
    const body = { type: 'x', title: 'Dataset already received', status: 409, detail: 'received before', existing: '/api/datasets/d1', existingId: 'd1', traceId: 't' };
    const error = await toApiError(new Response(JSON.stringify(body), { status: 409 }));
    expect(error.extensions).toEqual({ existing: '/api/datasets/d1', existingId: 'd1' });
    expect((await toApiError(new Response('plain', { status: 500 }))).extensions).toEqual({});
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

describe('the session in requests', () => {
  const csrfRefused = problem(403, CSRF_REFUSED_TITLE, 'send the X-CSRF-Token header from /api/auth/me');

  it('sends the cookie always and the CSRF token on mutating requests only', async () => {
    const { calls } = stubFetch([
      { path: '/api/runs', reply: { body: { runs: [], next: null } } },
      { method: 'POST', path: '/api/runs/r1/cancel', reply: { body: {} } },
      { method: 'DELETE', path: '/api/keys/k1', reply: { status: 204 } },
      { method: 'PATCH', path: '/api/users/bob', reply: { body: {} } },
    ]);
    setCsrfToken('token-1');
    await requestJson('/api/runs');
    await requestJson('/api/runs/r1/cancel', { method: 'POST' });
    await requestJson('/api/keys/k1', { method: 'DELETE' });
    await requestJson('/api/users/bob', { method: 'PATCH', body: { disabled: true } });

    expect(calls.map((c) => c.credentials)).toEqual(['same-origin', 'same-origin', 'same-origin', 'same-origin']);
    expect(calls.map((c) => c.headers.get('X-CSRF-Token'))).toEqual([null, 'token-1', 'token-1', 'token-1']);
  });

  it('sends a form as multipart (no JSON content type) with the CSRF token', async () => {
    const { calls } = stubFetch([{ method: 'POST', path: '/api/datasets', reply: { status: 201, body: { id: 'd1' } } }]);
    setCsrfToken('token-1');
    const form = new FormData();
    form.append('name', 'a.csv');
    await expect(requestJson('/api/datasets', { method: 'POST', body: form })).resolves.toEqual({ id: 'd1' });
    expect(calls[0]!.form).toBe(form);
    expect(calls[0]!.headers.get('Content-Type')).toBeNull();
    expect(calls[0]!.headers.get('X-CSRF-Token')).toBe('token-1');
  });

  it('tells the session about a 401, except where the 401 is the answer (a wrong password)', async () => {
    stubFetch([
      { path: '/api/runs', reply: problem(401, 'Unauthorized', 'sign in first') },
      { method: 'POST', path: '/api/auth/login', reply: problem(401, 'Unauthorized', 'wrong user name or password') },
    ]);
    const events: SessionEvent[] = [];
    const stop = onSessionEvent((e) => events.push(e));
    try {
      await expect(requestJson('/api/auth/login', { method: 'POST', body: {}, unauthorizedIsAnswer: true })).rejects.toMatchObject({
        status: 401,
        message: 'wrong user name or password',
      });
      expect(events).toEqual([]);
      await expect(requestJson('/api/runs')).rejects.toMatchObject({ status: 401, message: 'sign in first' });
      expect(events).toEqual([{ type: 'signed-out' }]);
    } finally {
      stop();
    }
  });

  it('reads a fresh CSRF token once and sends the request again when the token is refused', async () => {
    const session = { user: 'alice', role: 'operator', csrfToken: 'token-2' };
    const { calls } = stubFetch([
      { path: '/api/auth/me', reply: { body: session } },
      {
        method: 'POST',
        path: '/api/workflows/w/runs',
        reply: (_url, init) => (new Headers(init?.headers).get('X-CSRF-Token') === 'token-2' ? { status: 201, body: { id: 'r9' } } : csrfRefused),
      },
    ]);
    setCsrfToken('token-1');
    const events: SessionEvent[] = [];
    const stop = onSessionEvent((e) => events.push(e));
    try {
      await expect(requestJson('/api/workflows/w/runs', { method: 'POST', body: { inputs: {} } })).resolves.toEqual({ id: 'r9' });
    } finally {
      stop();
    }
    expect(calls.map((c) => `${c.method} ${c.url.pathname} ${c.headers.get('X-CSRF-Token')}`)).toEqual([
      'POST /api/workflows/w/runs token-1',
      'GET /api/auth/me null',
      'POST /api/workflows/w/runs token-2',
    ]);
    expect(calls[2]!.body).toEqual({ inputs: {} });
    expect(events).toEqual([{ type: 'session', session }]);
  });

  it('retries only once, and never on a 403 about the role', async () => {
    const { calls } = stubFetch([
      { path: '/api/auth/me', reply: { body: { user: 'alice', role: 'viewer', csrfToken: 'token-2' } } },
      { method: 'POST', path: '/api/runs/r1/cancel', reply: csrfRefused },
      { method: 'POST', path: '/api/runs/r1/rerun', reply: problem(403, 'Forbidden', 'this needs the operator role; alice is a viewer') },
    ]);
    await expect(requestJson('/api/runs/r1/cancel', { method: 'POST' })).rejects.toMatchObject({ status: 403, title: CSRF_REFUSED_TITLE });
    expect(calls.map((c) => `${c.method} ${c.url.pathname}`)).toEqual(['POST /api/runs/r1/cancel', 'GET /api/auth/me', 'POST /api/runs/r1/cancel']);

    calls.length = 0;
    await expect(requestJson('/api/runs/r1/rerun', { method: 'POST' })).rejects.toMatchObject({
      status: 403,
      message: 'this needs the operator role; alice is a viewer',
    });
    expect(calls).toHaveLength(1);
  });

  it('signs out when the token is refused and the session is gone', async () => {
    stubFetch([
      { path: '/api/auth/me', reply: problem(401, 'Unauthorized', 'sign in first') },
      { method: 'PUT', path: '/api/workflows/w', reply: csrfRefused },
    ]);
    const events: SessionEvent[] = [];
    const stop = onSessionEvent((e) => events.push(e));
    try {
      await expect(requestJson('/api/workflows/w', { method: 'PUT', body: {} })).rejects.toMatchObject({ status: 401 });
    } finally {
      stop();
    }
    expect(events).toEqual([{ type: 'signed-out' }]);
  });

  it('reads Retry-After of a 429', async () => {
    stubFetch([{ method: 'POST', path: '/api/auth/login', reply: { ...problem(429, 'Too Many Requests', 'too many sign-in attempts'), headers: { 'Retry-After': '30' } } }]);
    await expect(requestJson('/api/auth/login', { method: 'POST', body: {} })).rejects.toMatchObject({ status: 429, retryAfterSeconds: 30 });
  });
});
