import { requestJson } from './client';
import type { AssetGraph, AssetSummary, MaterializeAnswer, PartitionDetail, PartitionGrid, PartitionPreview, SensorTable } from './types';

const base = '/api/assets';
const id = encodeURIComponent;

export const listAssets = (signal?: AbortSignal) => requestJson<AssetSummary[]>(base, { signal });

/** Every partition's state from `from` to `to` (days, inclusive; empty for open ends). */
export const getPartitionGrid = (asset: string, range: { from?: string; to?: string }, signal?: AbortSignal) =>
  requestJson<PartitionGrid>(`${base}/${id(asset)}/grid`, { query: { from: range.from, to: range.to }, signal });

export const getPartition = (asset: string, day: string, signal?: AbortSignal) =>
  requestJson<PartitionDetail>(`${base}/${id(asset)}/partitions/${id(day)}`, { signal });

export const getPartitionPreview = (asset: string, day: string, limit: number, signal?: AbortSignal) =>
  requestJson<PartitionPreview>(`${base}/${id(asset)}/partitions/${id(day)}/preview`, { query: { limit }, signal });

/** The asset's sensors table (its first `limit` sensors); a 404 ApiError when it keeps none (readings, or made before sensors were kept). */
export const getAssetSensors = (asset: string, limit: number, signal?: AbortSignal) =>
  requestJson<SensorTable>(`${base}/${id(asset)}/sensors`, { query: { limit }, signal });

export const getAssetGraph = (signal?: AbortSignal) => requestJson<AssetGraph>(`${base}/graph`, { signal });

/** Asks the server to make these days of the asset again; answers the run that does it. Editors only. */
/** With `upstream`, the server first makes the days missing from the assets the backfill reads. */
export const materializePartitions = (asset: string, days: readonly string[], upstream = false) =>
  requestJson<MaterializeAnswer>(`${base}/${id(asset)}/materialize`, { method: 'POST', body: { partitions: days, upstream } });
