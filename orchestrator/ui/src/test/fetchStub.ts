import { vi } from 'vitest';

// Component tests answer the client's requests from fixtures: each route is a method, a path pattern and a
// reply; an unmatched request fails the test loudly instead of hanging.

export interface StubReply {
  status?: number;
  body?: unknown;
  /** Sent as is (logs, plain-text errors). */
  text?: string;
  contentType?: string;
  headers?: Record<string, string>;
}

export type StubHandler = (url: URL, init: RequestInit | undefined) => StubReply | Promise<StubReply>;

export interface StubRoute {
  method?: string;
  path: string | RegExp;
  reply: StubReply | StubHandler;
}

export function stubFetch(routes: StubRoute[]) {
  const calls: {
    method: string;
    url: URL;
    body?: unknown;
    /** A multipart body, as the client built it. */
    form?: FormData;
    headers: Headers;
    credentials?: RequestCredentials | undefined;
  }[] = [];
  const fetchMock = vi.fn(async (input: RequestInfo | URL, init?: RequestInit) => {
    const url = new URL(String(input), 'http://localhost');
    const method = (init?.method ?? 'GET').toUpperCase();
    calls.push({
      method,
      url,
      body: typeof init?.body === 'string' ? JSON.parse(init.body) : undefined,
      form: init?.body instanceof FormData ? init.body : undefined,
      headers: new Headers(init?.headers),
      credentials: init?.credentials,
    });
    const route = routes.find(
      (r) => (r.method ?? 'GET') === method && (typeof r.path === 'string' ? r.path === url.pathname : r.path.test(url.pathname)),
    );
    if (!route) {
      // The client turns a thrown fetch into "the server did not answer"; say which request it was.
      const message = `unexpected request ${method} ${url.pathname}${url.search}`;
      console.error(message);
      throw new Error(message);
    }
    const reply = typeof route.reply === 'function' ? await route.reply(url, init) : route.reply;
    const status = reply.status ?? 200;
    if (reply.text !== undefined) {
      return new Response(reply.text, { status, headers: { 'Content-Type': reply.contentType ?? 'text/plain', ...reply.headers } });
    }
    return new Response(reply.body === undefined || status === 204 ? null : JSON.stringify(reply.body), {
      status,
      headers: { 'Content-Type': status >= 400 ? 'application/problem+json' : 'application/json', ...reply.headers },
    });
  });
  vi.stubGlobal('fetch', fetchMock);
  return { fetchMock, calls };
}

export const problem = (status: number, title: string, detail: string, extra: Record<string, unknown> = {}): StubReply => ({
  status,
  body: { type: 'https://tools.ietf.org/html/rfc9110', title, status, detail, ...extra },
});
