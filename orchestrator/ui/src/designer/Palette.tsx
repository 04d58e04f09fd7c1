import type { DragEvent } from 'react';
import { PALETTE_MIME, type PaletteItem } from './paletteItems';

interface Props {
  items: PaletteItem[];
  onAdd: (item: PaletteItem) => void;
  /** Why the server's catalogue is not shown, when it is not. */
  notice?: string | undefined;
}

/** Step types to drag onto the canvas; each is also a button, so a step can be added with the keyboard. */
export function Palette({ items, onAdd, notice }: Props) {
  const onDragStart = (event: DragEvent, item: PaletteItem) => {
    event.dataTransfer.setData(PALETTE_MIME, JSON.stringify(item));
    event.dataTransfer.effectAllowed = 'copy';
  };
  return (
    <aside className="palette" aria-label="Step types">
      <h2>Add a step</h2>
      <p className="hint">Drag onto the canvas, or press a button to add at the end.</p>
      <ul>
        {items.map((item) => (
          <li key={`${item.kind}:${item.program ?? ''}`}>
            <button
              type="button"
              className={`palette-item kind-${item.kind}`}
              draggable
              onDragStart={(e) => onDragStart(e, item)}
              onClick={() => onAdd(item)}
              title={item.description ?? undefined}
              aria-label={`Add step: ${item.title}`}
              data-testid={`palette-${item.program ?? item.kind}`}
            >
              <span className="palette-title">{item.title}</span>
              {item.description ? <span className="palette-description">{item.description}</span> : null}
            </button>
          </li>
        ))}
      </ul>
      {notice ? <p className="hint">{notice}</p> : null}
    </aside>
  );
}
