import type { StepDef, StepKind, WorkflowDef } from './definition';

// Edits of the DAG as pure functions over the definition: the canvas, the property panel and the tests all go
// through these, so an edge drawn on the canvas and a box ticked under "Depends on" give the same definition.

/** A step id not yet used in the workflow, from a program or kind name (`chunker`, `chunker-2`). */
export function uniqueStepId(def: WorkflowDef, base: string): string {
  const stem = base.toLowerCase().replace(/[^a-z0-9-]+/g, '-').replace(/^-+|-+$/g, '') || 'step';
  const used = new Set(def.steps.map((s) => s.id));
  if (!used.has(stem)) return stem;
  for (let n = 2; ; n++) {
    if (!used.has(`${stem}-${n}`)) return `${stem}-${n}`;
  }
}

export interface NewStep {
  kind: StepKind;
  /** The program's name, for program steps. */
  program?: string;
  name?: string;
  args?: string[];
}

export function addStep(def: WorkflowDef, spec: NewStep): { definition: WorkflowDef; stepId: string } {
  const id = uniqueStepId(def, spec.kind === 'program' ? (spec.program ?? 'step') : spec.kind);
  const step: StepDef = { id };
  if (spec.name) step.name = spec.name;
  if (spec.kind === 'program') step.program = spec.program ?? '';
  if (spec.kind === 'command') step.command = '';
  if (spec.kind === 'image') step.image = '';
  step.args = [...(spec.args ?? [])];
  return { definition: { ...def, steps: [...def.steps, step] }, stepId: id };
}

export function updateStep(def: WorkflowDef, stepId: string, change: (step: StepDef) => StepDef): WorkflowDef {
  return { ...def, steps: def.steps.map((s) => (s.id === stepId ? change(s) : s)) };
}

/** Removes a step and every dependency on it. */
export function removeStep(def: WorkflowDef, stepId: string): WorkflowDef {
  return {
    ...def,
    steps: def.steps
      .filter((s) => s.id !== stepId)
      .map((s) => (s.dependsOn?.includes(stepId) ? { ...s, dependsOn: s.dependsOn.filter((d) => d !== stepId) } : s)),
  };
}

/** Whether an edge from → to (`to` waits for `from`) would close a cycle: `from` already waits for `to`. */
export function wouldCycle(def: WorkflowDef, from: string, to: string): boolean {
  if (from === to) return true;
  const dependsOn = new Map(def.steps.map((s) => [s.id, s.dependsOn ?? []]));
  // Walk upstream from `from`; meeting `to` means `from` waits for it, directly or through other steps.
  const seen = new Set<string>();
  const stack = [from];
  while (stack.length > 0) {
    const id = stack.pop()!;
    if (id === to) return true;
    if (seen.has(id)) continue;
    seen.add(id);
    stack.push(...(dependsOn.get(id) ?? []));
  }
  return false;
}

export type ConnectResult = { definition: WorkflowDef; error?: undefined } | { definition?: undefined; error: string };

/** An edge upstream → downstream: `downstream` waits for `upstream` (it is added to its dependsOn). */
export function connect(def: WorkflowDef, upstream: string, downstream: string): ConnectResult {
  if (upstream === downstream) return { error: 'a step cannot depend on itself' };
  const target = def.steps.find((s) => s.id === downstream);
  if (!target || !def.steps.some((s) => s.id === upstream)) return { error: 'both steps must exist' };
  if (target.dependsOn?.includes(upstream)) return { definition: def };
  if (wouldCycle(def, upstream, downstream)) {
    return { error: `'${downstream}' already runs before '${upstream}'; this edge would make a cycle` };
  }
  return { definition: updateStep(def, downstream, (s) => ({ ...s, dependsOn: [...(s.dependsOn ?? []), upstream] })) };
}

export function disconnect(def: WorkflowDef, upstream: string, downstream: string): WorkflowDef {
  return updateStep(def, downstream, (s) => ({ ...s, dependsOn: (s.dependsOn ?? []).filter((d) => d !== upstream) }));
}

/** Sets a step's dependencies as a whole (the property panel's multi-select). */
export function setDependencies(def: WorkflowDef, stepId: string, upstream: string[]): WorkflowDef {
  return updateStep(def, stepId, (s) => ({ ...s, dependsOn: upstream }));
}

/**
 * Renames a step everywhere it is referred to: other steps' dependsOn and `${{ steps.<id>.output }}` templates
 * in arguments and environment values.
 */
export function renameStep(def: WorkflowDef, from: string, to: string): WorkflowDef {
  if (from === to) return def;
  const pattern = new RegExp(`(\\$\\{\\{\\s*steps\\.)${escapeRegExp(from)}(\\.output\\s*\\}\\})`, 'g');
  const rewrite = (text: string) => text.replace(pattern, `$1${to}$2`);
  return {
    ...def,
    steps: def.steps.map((s) => {
      const next: StepDef = { ...s, id: s.id === from ? to : s.id };
      if (s.dependsOn) next.dependsOn = s.dependsOn.map((d) => (d === from ? to : d));
      if (s.args) next.args = s.args.map(rewrite);
      if (s.env) next.env = Object.fromEntries(Object.entries(s.env).map(([k, v]) => [k, rewrite(v)]));
      return next;
    }),
  };
}

/** The edges of the DAG, upstream → downstream, for steps that exist. */
export function edgesOf(def: WorkflowDef): { source: string; target: string }[] {
  const ids = new Set(def.steps.map((s) => s.id));
  return def.steps.flatMap((s) =>
    (s.dependsOn ?? []).filter((d) => ids.has(d)).map((d) => ({ source: d, target: s.id })),
  );
}

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/** Every step `stepId` waits for, directly or through others: the steps its templates may refer to. */
export function upstreamOf(def: WorkflowDef, stepId: string): string[] {
  const dependsOn = new Map(def.steps.map((s) => [s.id, s.dependsOn ?? []]));
  const seen = new Set<string>();
  const stack = [...(dependsOn.get(stepId) ?? [])];
  while (stack.length > 0) {
    const id = stack.pop()!;
    if (seen.has(id) || id === stepId) continue;
    seen.add(id);
    stack.push(...(dependsOn.get(id) ?? []));
  }
  return def.steps.map((s) => s.id).filter((id) => seen.has(id));
}
