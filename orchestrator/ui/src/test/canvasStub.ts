import { vi } from 'vitest';

/** A filled cell as a test sees it: where and in what colour. */
export interface FilledCell {
  x: number;
  y: number;
  colour: string;
}

/**
 * jsdom has no canvas: 2D contexts that record the cells filled (and the outlines stroked) by each paint, so tests
 * check the colours drawn. `cells` holds the latest paint's, from the last clearRect on.
 */
export function stubCanvas() {
  const painted = { cells: [] as FilledCell[], outlined: [] as FilledCell[] };
  const context = {
    fillStyle: '',
    strokeStyle: '',
    lineWidth: 1,
    font: '',
    textBaseline: '',
    setTransform: () => {},
    clearRect: () => {
      painted.cells = [];
      painted.outlined = [];
    },
    fillText: () => {},
    fillRect(x: number, y: number) {
      painted.cells.push({ x, y, colour: String(this.fillStyle) });
    },
    strokeRect(x: number, y: number) {
      painted.outlined.push({ x, y, colour: String(this.strokeStyle) });
    },
  };
  vi.spyOn(HTMLCanvasElement.prototype, 'getContext').mockImplementation((() => context) as unknown as HTMLCanvasElement['getContext']);
  return { painted, context: context as unknown as CanvasRenderingContext2D };
}
