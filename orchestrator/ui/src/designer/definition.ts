// The workflow definition as the designer edits it: the same JSON the server reads
// (orchestrator/Definitions/*.cs, workflows/workflow.schema.json). The server refuses unknown properties and
// nulls, so `cleanDefinition` drops empty values before anything is sent or shown.

export type InputType = 'string' | 'integer' | 'number' | 'boolean' | 'date' | 'path';
export const INPUT_TYPES: readonly InputType[] = ['string', 'integer', 'number', 'boolean', 'date', 'path'];

export interface InputDef {
  type?: string;
  default?: string;
  description?: string;
}

export type TriggerType = 'cron' | 'http' | 'dataset' | 'manual';
export const TRIGGER_TYPES: readonly TriggerType[] = ['manual', 'cron', 'http', 'dataset'];
export const CATCH_UP_POLICIES = ['latest', 'all', 'none'] as const;

export interface TriggerDef {
  type: string;
  schedule?: string;
  timeZone?: string;
  catchUp?: string;
  path?: string;
  wait?: boolean;
  /** dataset: the path input set to the new dataset's file. */
  input?: string;
  /** dataset: the string input set to the dataset's time zone (given at upload, UTC otherwise). */
  timeZoneInput?: string;
  /** dataset: which dataset names start a run (`*` any characters, `?` one); every dataset when absent. */
  pattern?: string;
  inputs?: Record<string, string>;
}

export interface RetryDef {
  retries?: number;
  initialDelaySeconds?: number;
  backoffMultiplier?: number;
  maxDelaySeconds?: number;
}

export interface ResourcesDef {
  cpus?: number;
  memoryMb?: number;
}

export interface StepDef {
  id: string;
  name?: string;
  program?: string;
  command?: string;
  image?: string;
  runner?: string;
  dependsOn?: string[];
  args?: string[];
  env?: Record<string, string>;
  retry?: RetryDef;
  timeoutSeconds?: number;
  resources?: ResourcesDef;
}

export interface WorkflowDef {
  $schema?: string;
  id: string;
  name: string;
  description?: string;
  inputs?: Record<string, InputDef>;
  triggers?: TriggerDef[];
  steps: StepDef[];
  maxActiveRuns?: number;
}

export type StepKind = 'program' | 'command' | 'image';

export function stepKind(step: StepDef): StepKind {
  if (step.command !== undefined) return 'command';
  if (step.image !== undefined) return 'image';
  return 'program';
}

/** The names of the inputs of type path: what a dataset trigger may set to the new dataset's file. */
export function pathInputs(inputs: Record<string, InputDef> | undefined): string[] {
  return Object.entries(inputs ?? {})
    .filter(([, input]) => input.type === 'path')
    .map(([name]) => name);
}

/** The names of the inputs of type string: what a dataset trigger may set to the dataset's time zone. */
export function stringInputs(inputs: Record<string, InputDef> | undefined): string[] {
  return Object.entries(inputs ?? {})
    .filter(([, input]) => (input.type ?? 'string') === 'string')
    .map(([name]) => name);
}

/** What the step runs, in a few words: the program, the executable or the image. */
export function stepTarget(step: StepDef): string {
  return step.program ?? step.command ?? step.image ?? '';
}

export function emptyWorkflow(): WorkflowDef {
  return { id: '', name: '', steps: [], triggers: [{ type: 'manual' }] };
}

const STEP_KEYS: (keyof StepDef)[] = [
  'id', 'name', 'program', 'command', 'image', 'runner', 'dependsOn', 'args', 'env', 'retry', 'timeoutSeconds', 'resources',
];
const RUN_KEYS = ['program', 'command', 'image'];
const TRIGGER_KEYS: (keyof TriggerDef)[] = ['type', 'schedule', 'timeZone', 'catchUp', 'path', 'wait', 'input', 'pattern', 'inputs'];

/**
 * The definition as it is saved: properties in the order the shipped files use, empty strings, lists and
 * objects left out where the server's defaults mean the same, and no nulls (the server refuses them).
 * Unknown properties are kept, so the server can name them instead of the designer silently dropping them.
 */
export function cleanDefinition(def: WorkflowDef): WorkflowDef {
  const out: Record<string, unknown> = {};
  if (def.$schema) out.$schema = def.$schema;
  out.id = def.id ?? '';
  out.name = def.name ?? '';
  if (def.description) out.description = def.description;
  if (def.inputs && Object.keys(def.inputs).length > 0) {
    out.inputs = Object.fromEntries(Object.entries(def.inputs).map(([name, input]) => [name, compact(input as Record<string, unknown>)]));
  }
  if (def.triggers && def.triggers.length > 0) {
    out.triggers = def.triggers.map((t) => ordered(t as unknown as Record<string, unknown>, TRIGGER_KEYS));
  }
  out.steps = (def.steps ?? []).map((s) => ordered(s as unknown as Record<string, unknown>, STEP_KEYS));
  if (def.maxActiveRuns !== undefined && def.maxActiveRuns !== null) out.maxActiveRuns = def.maxActiveRuns;
  copyUnknown(def as unknown as Record<string, unknown>, out, ['$schema', 'id', 'name', 'description', 'inputs', 'triggers', 'steps', 'maxActiveRuns']);
  return out as unknown as WorkflowDef;
}

function ordered(value: Record<string, unknown>, keys: string[]): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const key of keys) {
    // An empty program, command or image is still written: it says which kind the step is, and the server
    // then names the empty field rather than reporting that none is given.
    const keepEmpty = RUN_KEYS.includes(key) && typeof value[key] === 'string';
    const v = keepEmpty ? value[key] : compactValue(value[key]);
    if (v !== undefined) out[key] = v;
  }
  copyUnknown(value, out, keys);
  return out;
}

function copyUnknown(from: Record<string, unknown>, to: Record<string, unknown>, known: string[]) {
  for (const [key, v] of Object.entries(from)) {
    if (!known.includes(key) && v !== undefined && v !== null) to[key] = v;
  }
}

function compact(value: Record<string, unknown>): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [key, v] of Object.entries(value)) {
    const c = compactValue(v);
    if (c !== undefined) out[key] = c;
  }
  return out;
}

function compactValue(v: unknown): unknown {
  if (v === undefined || v === null) return undefined;
  if (typeof v === 'string') return v === '' ? undefined : v;
  if (typeof v === 'number') return Number.isNaN(v) ? undefined : v;
  if (Array.isArray(v)) return v.length === 0 ? undefined : v;
  if (typeof v === 'object') {
    const c = compact(v as Record<string, unknown>);
    return Object.keys(c).length === 0 ? undefined : c;
  }
  return v;
}

/** Formats a definition as the JSON view and exported files show it. */
export function definitionJson(def: WorkflowDef): string {
  return JSON.stringify(cleanDefinition(def), null, 2) + '\n';
}

/** Reads a definition typed or imported by hand; a message says why text is not one. */
export function parseDefinition(text: string): { definition?: WorkflowDef; error?: string } {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (e) {
    return { error: e instanceof Error ? e.message : String(e) };
  }
  if (!value || typeof value !== 'object' || Array.isArray(value)) {
    return { error: 'a workflow definition is a JSON object' };
  }
  const def = value as WorkflowDef;
  if (!Array.isArray(def.steps)) {
    return { definition: { ...def, steps: [] } };
  }
  return { definition: def };
}
