import type { StepTypes } from '../api/types';
import type { NewStep } from './graphEdits';

/** The drag-and-drop type of palette items, so the canvas ignores anything else dropped on it. */
export const PALETTE_MIME = 'application/x-pipeline-step';

export interface PaletteItem extends NewStep {
  title: string;
  /** Null for a program the server could not ask for its description. */
  description: string | null;
}

/** The palette: every program of the catalogue, then a command and a container image step. */
export function paletteItems(types: StepTypes): PaletteItem[] {
  return [
    ...types.programs.map((p) => ({
      kind: 'program' as const,
      program: p.program,
      title: p.title,
      description: p.description,
      args: p.defaultArgs,
    })),
    {
      kind: 'command',
      title: 'Command',
      description: 'Any executable on the server, by absolute path or on its PATH (runs as a local process).',
      args: [],
    },
    {
      kind: 'image',
      title: 'Container image',
      description: 'A container image run by the Docker runner; its arguments are the container’s command.',
      args: [],
    },
  ];
}

export function readPaletteItem(text: string): PaletteItem | undefined {
  if (!text) return undefined;
  try {
    const item = JSON.parse(text) as PaletteItem;
    return item && (item.kind === 'program' || item.kind === 'command' || item.kind === 'image') ? item : undefined;
  } catch {
    return undefined;
  }
}
