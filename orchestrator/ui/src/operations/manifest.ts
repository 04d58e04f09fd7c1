import type { Manifest } from '../api/types';
import { readQuality, type DataQuality } from './quality/readQuality';

// A step's _manifest.json (steps/README.md) split into the parts the page shows as tables. Each step adds its
// own metrics, so nothing here assumes a field exists or has a type: what is not recognised stays in `rest`.

export interface ManifestOutput {
  path: string;
  rows?: number;
  columns?: number;
  schema?: string;
  bytes?: number;
}

export interface ManifestParts {
  step?: string;
  status?: string;
  startedAt?: string;
  finishedAt?: string;
  outputs: ManifestOutput[];
  schemas: Record<string, { name: string; type?: string; nullable?: boolean }[]>;
  shapes: { stage: string; rows?: number; columns?: number }[];
  memory: { name: string; bytes: number }[];
  timings: { phase: string; ms: number }[];
  /** Drift, missing values and outliers per column, the model used and its cluster mix, work skipped. */
  quality: DataQuality;
  /** Metrics that are a plain number, string or boolean. */
  scalars: { name: string; value: string | number | boolean }[];
  error?: Record<string, unknown>;
  /** Everything else, for the JSON view. */
  rest: Record<string, unknown>;
}

const isObject = (v: unknown): v is Record<string, unknown> => !!v && typeof v === 'object' && !Array.isArray(v);
const num = (v: unknown) => (typeof v === 'number' ? v : undefined);
const str = (v: unknown) => (typeof v === 'string' ? v : undefined);

export function splitManifest(manifest: Manifest): ManifestParts {
  const rest: Record<string, unknown> = { ...manifest };
  // Takes a known field out of `rest` only when it has the expected shape; otherwise it stays there, shown raw.
  const take = (key: string, fits: (v: unknown) => boolean = () => true) => {
    const value = rest[key];
    if (value === undefined || !fits(value)) return undefined;
    delete rest[key];
    return value;
  };
  const isText = (v: unknown) => typeof v === 'string';
  const { quality, shown, leftovers } = readQuality(manifest);
  const step = take('step', (v) => isObject(v) || isText(v));
  const parts: ManifestParts = {
    step: isObject(step) ? [str(step.name), str(step.version)].filter(Boolean).join(' ') : str(step),
    status: str(take('status', isText)),
    startedAt: str(take('startedAt', isText)),
    finishedAt: str(take('finishedAt', isText)),
    outputs: [],
    schemas: {},
    shapes: [],
    memory: [],
    timings: [],
    quality,
    scalars: [],
    rest,
  };
  const outputs = take('outputs', Array.isArray);
  if (Array.isArray(outputs)) {
    parts.outputs = outputs.filter(isObject).map((o) => ({
      path: str(o.path) ?? '?',
      rows: num(o.rows),
      columns: num(o.columns),
      schema: str(o.schema),
      bytes: num(o.bytes),
    }));
  }
  const schemas = take('schemas', isObject);
  if (isObject(schemas)) {
    for (const [name, columns] of Object.entries(schemas)) {
      if (Array.isArray(columns)) {
        parts.schemas[name] = columns.filter(isObject).map((c) => ({ name: str(c.name) ?? '?', type: str(c.type), nullable: typeof c.nullable === 'boolean' ? c.nullable : undefined }));
      }
    }
  }
  const timings = take('timingsMs', isObject);
  if (isObject(timings)) {
    parts.timings = Object.entries(timings).flatMap(([phase, ms]) => (typeof ms === 'number' ? [{ phase, ms }] : []));
  }
  const error = take('error', isObject);
  if (isObject(error)) parts.error = error;

  const metrics = rest.metrics;
  if (isObject(metrics)) {
    const other: Record<string, unknown> = {};
    for (const [name, value] of Object.entries(metrics)) {
      if (shown.has(name)) continue;
      if (leftovers[name]) {
        other[name] = leftovers[name];
      } else if (name === 'shapes' && isObject(value)) {
        parts.shapes = Object.entries(value).map(([stage, shape]) => ({ stage, rows: isObject(shape) ? num(shape.rows) : undefined, columns: isObject(shape) ? num(shape.columns) : undefined }));
      } else if (name === 'memory' && isObject(value) && Object.values(value).every((v) => typeof v === 'number')) {
        parts.memory = Object.entries(value).map(([k, bytes]) => ({ name: k, bytes: bytes as number }));
      } else if (typeof value === 'number' || typeof value === 'string' || typeof value === 'boolean') {
        parts.scalars.push({ name, value });
      } else if (value !== null) {
        other[name] = value;
      }
    }
    if (Object.keys(other).length > 0) rest.metrics = other;
    else delete rest.metrics;
  }
  return parts;
}

/** "workingSetBytes" → "Working set", for memory figures. */
export function humanize(name: string): string {
  const words = name.replace(/Bytes$/, '').replace(/([a-z0-9])([A-Z])/g, '$1 $2').toLowerCase();
  return words.charAt(0).toUpperCase() + words.slice(1);
}
