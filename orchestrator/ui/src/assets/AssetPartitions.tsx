import { useMemo, useState, type FormEvent } from 'react';
import { getPartitionGrid } from '../api/assets';
import { ErrorBanner } from '../common/ErrorBanner';
import { Loading } from '../common/Loading';
import { useResource } from '../common/useResource';
import { MAX_SELECTED, NO_SELECTION, selectDay, type DaySelection } from './daySelection';
import { MaterializeButton } from './MaterializeButton';
import { PartitionCalendar } from './PartitionCalendar';
import { dayKey, expandGrid, NONE } from './partitionDays';
import { StateLegend } from './StateLegend';
import { plural } from '../common/plural';

interface Props {
  asset: string;
  /** The day whose panel is open, if any. */
  openDay: string | null;
  onOpenDay: (day: string) => void;
}

/** An asset's days as a calendar coloured by state, with counts, filters by state and day range, and selection. */
export function AssetPartitions({ asset, openDay, onOpenDay }: Props) {
  const [range, setRange] = useState<{ from: string; to: string }>({ from: '', to: '' });
  const grid = useResource((signal) => getPartitionGrid(asset, range, signal), `grid-${asset}-${range.from}-${range.to}`, { pollMs: 30000 });
  const days = useMemo(() => (grid.data ? expandGrid(grid.data) : null), [grid.data]);
  const [hidden, setHidden] = useState<ReadonlySet<string>>(new Set());
  const shown = useMemo(() => new Set((days?.states ?? []).filter((s) => !hidden.has(s))), [days, hidden]);
  const [selection, setSelection] = useState<DaySelection>(NO_SELECTION);
  const selectedKeys = useMemo(() => [...selection.days].sort((a, b) => a - b).map(dayKey), [selection]);

  const toggleState = (state: string) =>
    setHidden((h) => {
      const next = new Set(h);
      if (next.has(state)) next.delete(state);
      else next.add(state);
      return next;
    });

  const applyRange = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    setRange({ from: String(form.get('from') ?? ''), to: String(form.get('to') ?? '') });
    setSelection(NO_SELECTION);
  };

  const selectShown = () => {
    if (!days) return;
    const selected = new Set<number>();
    for (let i = 0; i < days.codes.length && selected.size < MAX_SELECTED; i++) {
      const code = days.codes[i]!;
      if (code !== NONE && shown.has(days.states[code] ?? '')) selected.add(days.firstDay + i);
    }
    setSelection({ days: selected, anchor: null });
  };

  return (
    <section className="card asset-partitions" aria-label={`Partitions of ${asset}`}>
      <header className="page-header">
        <h2>Partitions of {asset}</h2>
        {days ? <span className="hint">{plural(days.total, 'partition')}</span> : null}
      </header>
      <form className="range-filter" onSubmit={applyRange} aria-label="Day range">
        <label>
          From <input type="date" name="from" defaultValue={range.from} />
        </label>
        <label>
          To <input type="date" name="to" defaultValue={range.to} />
        </label>
        <button type="submit">Show</button>
      </form>
      {grid.error ? <ErrorBanner error={grid.error} action={`Loading the partitions of ${asset}`} onRetry={grid.reload} /> : null}
      {!days && !grid.error ? <Loading what={`the partitions of ${asset}`} /> : null}
      {days ? <StateLegend states={days.states} counts={days.counts} shown={shown} onToggle={toggleState} /> : null}
      {days && days.total === 0 ? <p className="hint">No partitions{range.from || range.to ? ' in this range' : ''}.</p> : null}
      {days && days.total > 0 ? (
        <PartitionCalendar
          days={days}
          shown={shown}
          selected={selection.days}
          onDayClick={(click) => {
            setSelection((s) => selectDay(s, click));
            if (!click.range && !click.toggle) onOpenDay(dayKey(click.day));
          }}
        />
      ) : null}
      <div className="selection-bar" aria-live="polite">
        <span data-testid="selection-summary">
          {selectedKeys.length === 0
            ? 'No days selected (click a day; shift-click another for a range).'
            : selectedKeys.length === 1
              ? `Selected ${selectedKeys[0]}`
              : `Selected ${selectedKeys.length.toLocaleString()} days, ${selectedKeys[0]} to ${selectedKeys[selectedKeys.length - 1]}`}
        </span>
        <button type="button" onClick={selectShown} disabled={!days || days.total === 0}>
          Select shown days
        </button>
        <button type="button" onClick={() => setSelection(NO_SELECTION)} disabled={selectedKeys.length === 0}>
          Clear
        </button>
        <MaterializeButton asset={asset} days={selectedKeys} />
      </div>
      {openDay ? null : <p className="hint">Click a day to see its lineage, data and history.</p>}
    </section>
  );
}
