import { useRef } from 'react';
import { Link } from 'react-router';
import { needsRole } from '../auth/roles';
import type { WorkflowDef } from './definition';

export type DesignerTab = 'graph' | 'json' | 'versions';

interface Props {
  definition: WorkflowDef;
  exists: boolean;
  /** Below editor: no import, save or publish, and the toolbar says so. */
  readOnly: boolean;
  dirty: boolean;
  busy: boolean;
  latestVersion: number | null;
  problemCount: number;
  tab: DesignerTab;
  onTab: (tab: DesignerTab) => void;
  onSave: () => void;
  onPublish: () => void;
  onLayout: () => void;
  onExport: () => void;
  onImport: (text: string) => void;
}

const TABS: { id: DesignerTab; label: string }[] = [
  { id: 'graph', label: 'Graph' },
  { id: 'json', label: 'JSON' },
  { id: 'versions', label: 'Versions' },
];

/** The designer's title, save state and actions. */
export function DesignerToolbar(props: Props) {
  const { definition, exists, readOnly, dirty, busy, latestVersion, problemCount, tab } = props;
  const file = useRef<HTMLInputElement>(null);
  const status = readOnly ? 'Read-only' : !exists ? 'New, not saved' : dirty ? 'Unsaved changes' : 'Draft saved';
  return (
    <div className="toolbar">
      <div className="toolbar-title">
        <Link to="/workflows" className="muted">
          Workflows
        </Link>
        <span className="muted"> / </span>
        <h1>{definition.name || definition.id || 'New workflow'}</h1>
        <span className={dirty && !readOnly ? 'pill warn' : 'pill'} aria-live="polite" title={readOnly ? `${needsRole('editor')} to change workflows` : undefined}>
          {status}
        </span>
        <span className="pill">{latestVersion ? `Published: v${latestVersion}` : 'Not published'}</span>
      </div>
      <div className="tabs" role="tablist" aria-label="Designer views">
        {TABS.map((t) => (
          <button key={t.id} type="button" role="tab" aria-selected={tab === t.id} className={tab === t.id ? 'tab active' : 'tab'} onClick={() => props.onTab(t.id)}>
            {t.label}
          </button>
        ))}
      </div>
      <div className="toolbar-actions">
        <button type="button" onClick={props.onLayout}>
          Auto-layout
        </button>
        {readOnly ? null : (
          <>
            <button type="button" onClick={() => file.current?.click()}>
              Import
            </button>
            <input
              ref={file}
              type="file"
              accept="application/json,.json"
              className="sr-only"
              aria-label="Import a definition file"
              tabIndex={-1}
              onChange={async (e) => {
                const chosen = e.target.files?.[0];
                e.target.value = '';
                if (chosen) props.onImport(await chosen.text());
              }}
            />
          </>
        )}
        <button type="button" onClick={props.onExport}>
          Export
        </button>
        {readOnly ? null : (
          <>
            <button type="button" onClick={props.onSave} disabled={busy || (exists && !dirty)}>
              Save draft
            </button>
            <button
              type="button"
              className="primary"
              onClick={props.onPublish}
              disabled={busy || problemCount > 0}
              title={problemCount > 0 ? 'Fix the problems first' : 'Save and publish as the next version'}
            >
              Publish
            </button>
          </>
        )}
      </div>
    </div>
  );
}
