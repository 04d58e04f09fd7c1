import { memo, type CSSProperties, type MouseEvent } from 'react';
import { useNavigate } from 'react-router';
import type { WorkflowGrid } from '../../api/types';
import { cellHref, cellState, cellTitle, columnsOf, runTitle, shortTime, triggerLetter } from './gridCells';

interface Props {
  grid: WorkflowGrid;
}

/**
 * Runs as columns (oldest left, newest right), steps as rows. One CSS grid of plain links with native tooltips:
 * 100 runs by 10 steps is 1,000 elements and no component, hook or listener per cell; one click handler on the
 * grid turns a plain click into in-app navigation, and the links still open in a new tab.
 */
export const RunGrid = memo(function RunGrid({ grid }: Props) {
  const navigate = useNavigate();
  const columns = columnsOf(grid);
  const now = Date.now();
  const onClick = (event: MouseEvent<HTMLDivElement>) => {
    const link = (event.target as Element).closest('a');
    if (!link || event.button !== 0 || event.metaKey || event.ctrlKey || event.shiftKey || event.altKey) return;
    event.preventDefault();
    void navigate(link.getAttribute('href') ?? '/');
  };

  return (
    <div
      className="run-grid"
      role="grid"
      aria-label={`Runs of ${grid.workflowId} by step`}
      aria-rowcount={grid.steps.length + 1}
      style={{ '--grid-runs': Math.max(columns.length, 1) } as CSSProperties}
      onClick={onClick}
    >
      <div className="run-grid-corner" role="columnheader">
        Step \ run
      </div>
      {columns.map((run) => (
        <a key={run.id} className="run-grid-run" role="columnheader" href={`/runs/${encodeURIComponent(run.id)}`} title={runTitle(run)} data-run={run.id}>
          <span className={`run-grid-state state-${run.state}`} />
          <span className="run-grid-trigger">{triggerLetter(run.triggeredBy)}</span>
          <span className="run-grid-time">{shortTime(run.startedAt ?? run.createdAt)}</span>
        </a>
      ))}
      {grid.steps.map((step, row) => (
        <div key={step.id} className="run-grid-row" role="row">
          <div className={step.inLatestVersion ? 'run-grid-step' : 'run-grid-step removed'} role="rowheader" title={step.inLatestVersion ? step.id : `${step.id} (not in the latest version)`}>
            {step.id}
          </div>
          {columns.map((run) => {
            const cell = run.cells[row];
            if (!cell) return <span key={run.id} className="run-grid-cell none" role="gridcell" title={`${step.id}: not in run ${run.id}`} />;
            const state = cellState(cell);
            return (
              <a
                key={run.id}
                className={`run-grid-cell state-${state}`}
                role="gridcell"
                href={cellHref(run.id, step.id)}
                title={cellTitle(step.id, run, cell, now)}
                data-state={state}
              />
            );
          })}
        </div>
      ))}
    </div>
  );
});
