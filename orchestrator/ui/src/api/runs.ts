import { buildUrl, requestJson, send } from './client';
import type { Manifest, Run, RunDetail, RunList, RunState, StepPartitionList, StepState } from './types';

const id = encodeURIComponent;

export interface RunFilter {
  workflow?: string;
  state?: RunState | '';
  /** ISO instants; the server filters on the run's creation time. */
  from?: string;
  to?: string;
  before?: string;
  limit?: number;
}

export const listRuns = (filter: RunFilter, signal?: AbortSignal) =>
  requestJson<RunList>('/api/runs', { query: { ...filter }, signal });

export const getRun = (runId: string, signal?: AbortSignal) => requestJson<RunDetail>(`/api/runs/${id(runId)}`, { signal });

/** A page of a partitioned step's days, by day; pass the answer's `next` as `after` for the next page. */
export const listStepPartitions = (runId: string, stepId: string, filter: { state?: StepState | ''; after?: string; limit?: number }, signal?: AbortSignal) =>
  requestJson<StepPartitionList>(`/api/runs/${id(runId)}/steps/${id(stepId)}/partitions`, { query: { ...filter, state: filter.state || undefined }, signal });

export const cancelRun = (runId: string) => requestJson<Run>(`/api/runs/${id(runId)}/cancel`, { method: 'POST' });

/** Pauses a queued or running run: none of its steps start until it is resumed; running ones finish. */
export const pauseRun = (runId: string) => requestJson<Run>(`/api/runs/${id(runId)}/pause`, { method: 'POST' });

/** Resumes a paused run: it is queued for a slot of its workflow and goes on where it stopped. */
export const resumeRun = (runId: string) => requestJson<Run>(`/api/runs/${id(runId)}/resume`, { method: 'POST' });

/**
 * Which published version a retry or re-run uses: the run's own (the server's default) or the workflow's latest
 * (a fix published since the run).
 */
export type RerunVersion = 'run' | 'latest';

/** Queues the step again and returns every step downstream of it to pending. */
export const retryStep = (runId: string, stepId: string, version: RerunVersion = 'run') =>
  requestJson<Run>(`/api/runs/${id(runId)}/steps/${id(stepId)}/retry`, { method: 'POST', body: { version } });

/** Overrides the failed gate of a blocked step, saying why; the step is retried and passes its gate. */
export const overrideGate = (runId: string, stepId: string, reason: string) =>
  requestJson<Run>(`/api/runs/${id(runId)}/steps/${id(stepId)}/override-gate`, { method: 'POST', body: { reason } });

export const retryFailed = (runId: string, version: RerunVersion = 'run') =>
  requestJson<Run>(`/api/runs/${id(runId)}/retry-failed`, { method: 'POST', body: { version } });

export const rerun = (runId: string, version: RerunVersion = 'run') => requestJson<Run>(`/api/runs/${id(runId)}/rerun`, { method: 'POST', body: { version } });

export const getManifest = (runId: string, stepId: string, signal?: AbortSignal) =>
  requestJson<Manifest>(`/api/runs/${id(runId)}/steps/${id(stepId)}/manifest`, { signal });

export type LogStream = 'stdout' | 'stderr';

export const logUrl = (runId: string, stepId: string, attempt: number, stream: LogStream, follow: boolean) =>
  buildUrl(`/api/runs/${id(runId)}/steps/${id(stepId)}/attempts/${attempt}/logs`, { stream, follow });

/**
 * Reads an attempt's log as it grows: `follow=true` keeps the response open until the attempt ends, so each
 * chunk is handed on as it arrives. Resolves when the server closes the stream.
 */
export async function followLog(
  runId: string,
  stepId: string,
  attempt: number,
  stream: LogStream,
  onText: (text: string) => void,
  signal: AbortSignal,
): Promise<void> {
  const response = await send(logUrl(runId, stepId, attempt, stream, true), { signal });
  if (!response.body) {
    onText(await response.text());
    return;
  }
  const reader = response.body.getReader();
  const decoder = new TextDecoder();
  for (;;) {
    const { done, value } = await reader.read();
    if (done) {
      const rest = decoder.decode();
      if (rest) onText(rest);
      return;
    }
    onText(decoder.decode(value, { stream: true }));
  }
}
