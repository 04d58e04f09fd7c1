import type { SkippedWork } from './skippedWork';

const ITEMS_SHOWN = 5;

/** A warning for each part of its job a step left undone, so a run that "succeeded" does not hide it. */
export function SkippedWorkBanner({ skipped }: { skipped: SkippedWork[] }) {
  if (skipped.length === 0) return null;
  return (
    <div className="banner banner-warn" role="note" aria-label="Skipped work" data-testid="skipped-work">
      <span aria-hidden="true">⚠</span>
      <ul className="banner-text skipped-list">
        {skipped.map((s) => (
          <li key={s.key}>
            <strong>{s.items ? `Skipped ${s.what}` : `Skipped: ${s.what}`}</strong>
            {s.target ? <span className="mono small"> ({s.target})</span> : null}
            {s.reason ? ` — ${s.reason}` : null}
            {s.items ? <SkippedItems items={s.items} /> : null}
          </li>
        ))}
      </ul>
    </div>
  );
}

function SkippedItems({ items }: { items: string[] }) {
  const more = items.length - ITEMS_SHOWN;
  return (
    <span className="mono small">
      {': '}
      {items.slice(0, ITEMS_SHOWN).join(', ')}
      {more > 0 ? ` and ${more} more` : ''}
    </span>
  );
}
