import { buildUrl, requestJson } from './client';
import type { LogStream } from './runs';
import type { components } from './schema';

// An attempt's log read a page at a time (by byte range, never whole), and the link that downloads all of it.

/** A page of a log: bytes `offset` to `next` of a file `size` bytes long, cut after a newline; `writing`: it may grow. */
export type LogPage = components['schemas']['LogPageView'];

/** `offset`: the page from there on; `before`: the page ending there; neither: the tail. At most `limit` bytes. */
export type LogRange = { offset: number; limit: number } | { before?: number; limit: number };

const path = (runId: string, stepId: string, attempt: number) =>
  `/api/runs/${encodeURIComponent(runId)}/steps/${encodeURIComponent(stepId)}/attempts/${attempt}/logs`;

export const getLogPage = (runId: string, stepId: string, attempt: number, stream: LogStream, range: LogRange, signal?: AbortSignal) =>
  requestJson<LogPage>(path(runId, stepId, attempt), { query: { stream, ...range }, signal });

/** The whole log as a file: the server streams it with `Content-Disposition: attachment`. */
export const logDownloadUrl = (runId: string, stepId: string, attempt: number, stream: LogStream) =>
  buildUrl(path(runId, stepId, attempt), { stream, download: true });
