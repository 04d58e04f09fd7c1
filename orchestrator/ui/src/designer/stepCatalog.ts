import type { StepProgram, StepTypes, TemplateHelp } from '../api/types';

// What the palette offers when the server has no /api/step-types (older servers): the four step programs
// (orchestrator/Definitions/StepPrograms.cs) with the arguments the shipped workflows give them, and the
// template expressions of workflows/README.md. The server's catalogue replaces this when it answers.

const io = (input: string) => ['--input', input, '--output', '${{ step.output }}'];

export const BUILT_IN_STEP_TYPES: StepTypes = {
  programs: [
    {
      program: 'chunker',
      title: 'Chunker',
      description: 'Sensor CSV into day × sensor Parquet chunks.',
      defaultArgs: io('${{ inputs.source }}'),
      options: [],
      version: null,
      problem: null,
    },
    {
      program: 'feature-creator',
      title: 'Feature creator',
      description: 'Per (sensor, day) features from the chunker’s output.',
      defaultArgs: io('${{ steps.chunk.output }}'),
      options: [],
      version: null,
      problem: null,
    },
    {
      program: 'cluster-train',
      title: 'Cluster train',
      description: 'Trains clustering candidates and registers the best as a model version.',
      defaultArgs: [...io('${{ steps.features.output }}'), '--registry', '${{ inputs.registry }}'],
      options: [],
      version: null,
      problem: null,
    },
    {
      program: 'cluster-predict',
      title: 'Cluster predict',
      description: 'Assigns clusters with the production model.',
      defaultArgs: [...io('${{ steps.features.output }}'), '--registry', '${{ inputs.registry }}', '--run-id', '${{ run.id }}'],
      options: [],
      version: null,
      problem: null,
    },
  ],
  templates: [
    { expression: '${{ inputs.<name> }}', description: 'A declared input of the workflow.' },
    { expression: '${{ step.output }}', description: 'This step’s output folder.' },
    { expression: '${{ steps.<id>.output }}', description: 'The output folder of a step upstream of this one.' },
    { expression: '${{ run.id }}', description: 'The run’s id.' },
    { expression: '${{ run.workflowId }}', description: 'The workflow’s id.' },
    { expression: '${{ run.logicalDate }}', description: 'The day the run stands for (yyyy-MM-dd in the schedule’s zone).' },
    { expression: '${{ run.logicalTime }}', description: 'The instant the run stands for (ISO 8601 UTC).' },
    { expression: '${{ dataRoot }}', description: 'The folder the server keeps run data under.' },
  ],
};

/**
 * The template expressions to offer for one step: placeholders such as `<name>` become the workflow's actual
 * inputs and the step's upstream steps.
 */
export function concreteTemplates(templates: readonly TemplateHelp[], inputNames: readonly string[], upstreamIds: readonly string[]): TemplateHelp[] {
  const out: TemplateHelp[] = [];
  for (const t of templates) {
    if (/inputs\.<[^>]+>/.test(t.expression)) {
      for (const name of inputNames) out.push({ expression: `\${{ inputs.${name} }}`, description: t.description });
    } else if (/steps\.<[^>]+>/.test(t.expression)) {
      for (const id of upstreamIds) out.push({ expression: `\${{ steps.${id}.output }}`, description: t.description });
    } else {
      out.push(t);
    }
  }
  return out;
}

export function findProgram(types: StepTypes, program: string | undefined): StepProgram | undefined {
  return types.programs.find((p) => p.program === program);
}
