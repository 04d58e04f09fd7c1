import { describe, expect, it } from 'vitest';
import { cleanDefinition, type WorkflowDef } from './definition';
import { addStep, connect, disconnect, edgesOf, removeStep, renameStep, upstreamOf, wouldCycle } from './graphEdits';

const empty: WorkflowDef = { id: 'wf', name: 'Workflow', steps: [] };

describe('building a definition from graph edits', () => {
  it('turns edges into dependsOn and leaves empty fields out', () => {
    let def = addStep(empty, { kind: 'program', program: 'chunker', args: ['--input', '${{ inputs.source }}'] }).definition;
    def = addStep(def, { kind: 'command' }).definition;
    def = addStep(def, { kind: 'command' }).definition;
    def = connect(def, 'chunker', 'command').definition!;
    def = connect(def, 'chunker', 'command-2').definition!;
    def = connect(def, 'command', 'command-2').definition!;

    expect(cleanDefinition(def)).toEqual({
      id: 'wf',
      name: 'Workflow',
      steps: [
        { id: 'chunker', program: 'chunker', args: ['--input', '${{ inputs.source }}'] },
        { id: 'command', command: '', dependsOn: ['chunker'] },
        { id: 'command-2', command: '', dependsOn: ['chunker', 'command'] },
      ],
    });
    expect(edgesOf(def)).toEqual([
      { source: 'chunker', target: 'command' },
      { source: 'chunker', target: 'command-2' },
      { source: 'command', target: 'command-2' },
    ]);
    expect(upstreamOf(def, 'command-2')).toEqual(['chunker', 'command']);
  });

  it('refuses an edge that closes a cycle, and a self edge', () => {
    let def = addStep(empty, { kind: 'command' }).definition;
    def = addStep(def, { kind: 'command' }).definition;
    def = addStep(def, { kind: 'command' }).definition;
    def = connect(def, 'command', 'command-2').definition!;
    def = connect(def, 'command-2', 'command-3').definition!;
    expect(wouldCycle(def, 'command-3', 'command')).toBe(true);
    expect(connect(def, 'command-3', 'command').error).toMatch(/cycle/);
    expect(connect(def, 'command', 'command').error).toMatch(/itself/);
    expect(connect(def, 'command', 'command-3').definition).toBeDefined();
  });

  it('removes a step with every dependency on it, and an edge alone', () => {
    let def = addStep(empty, { kind: 'command' }).definition;
    def = addStep(def, { kind: 'command' }).definition;
    def = connect(def, 'command', 'command-2').definition!;
    expect(disconnect(def, 'command', 'command-2').steps[1]!.dependsOn).toEqual([]);
    const removed = removeStep(def, 'command');
    expect(removed.steps.map((s) => s.id)).toEqual(['command-2']);
    expect(removed.steps[0]!.dependsOn).toEqual([]);
  });

  it('renames a step in dependencies and templates', () => {
    const def: WorkflowDef = {
      ...empty,
      steps: [
        { id: 'chunk', program: 'chunker' },
        { id: 'features', program: 'feature-creator', dependsOn: ['chunk'], args: ['--input', '${{ steps.chunk.output }}', 'chunk'], env: { IN: '${{steps.chunk.output}}' } },
      ],
    };
    const renamed = renameStep(def, 'chunk', 'split');
    expect(renamed.steps[0]!.id).toBe('split');
    expect(renamed.steps[1]!.dependsOn).toEqual(['split']);
    expect(renamed.steps[1]!.args).toEqual(['--input', '${{ steps.split.output }}', 'chunk']);
    expect(renamed.steps[1]!.env).toEqual({ IN: '${{steps.split.output}}' });
  });
});
