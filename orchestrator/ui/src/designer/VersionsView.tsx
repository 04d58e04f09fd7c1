import { useMemo, useState } from 'react';
import type { WorkflowVersion } from '../api/types';
import { listVersions } from '../api/workflows';
import { EmptyState } from '../common/EmptyState';
import { ErrorBanner } from '../common/ErrorBanner';
import { Loading } from '../common/Loading';
import { formatTime } from '../common/time';
import { useResource } from '../common/useResource';
import type { WorkflowDef } from './definition';
import { VersionDiff } from './VersionDiff';
import { TableHead } from '../common/TableHead';

interface Props {
  workflowId: string;
  /** The editor's definition, offered as "the draft" in comparisons. */
  draft: WorkflowDef;
  /** Bumped after a publish so the list reloads. */
  refreshKey: number;
  onOpen: (definition: WorkflowDef, version: number) => void;
  /** False for roles that cannot save: a version is only compared, not taken into the editor. */
  canOpen?: boolean;
}

const DRAFT = 'draft';

/** Published versions, newest first, and the difference between any two of them or the draft. */
export function VersionsView({ workflowId, draft, refreshKey, onOpen, canOpen = true }: Props) {
  const versions = useResource(() => listVersions(workflowId), `${workflowId}:${refreshKey}`);
  const list = useMemo(() => versions.data ?? [], [versions.data]);
  const [from, setFrom] = useState<string>('');
  const [to, setTo] = useState<string>(DRAFT);
  const fromKey = from || (list[0] ? String(list[0].version) : '');
  const pick = (key: string): WorkflowDef | undefined =>
    key === DRAFT ? draft : (list.find((v) => String(v.version) === key)?.definition as WorkflowDef | undefined);
  const older = pick(fromKey);
  const newer = pick(to);
  const options = useMemo(() => [{ key: DRAFT, label: 'Draft (editor)' }, ...list.map((v: WorkflowVersion) => ({ key: String(v.version), label: `Version ${v.version}` }))], [list]);

  if (versions.error && !versions.data) return <ErrorBanner error={versions.error} action="Loading versions" onRetry={versions.reload} />;
  if (!versions.data) return <Loading what="versions" />;
  if (list.length === 0) return <EmptyState title="No published versions yet">Publish the draft to make version 1; runs always use a published version.</EmptyState>;

  return (
    <div className="versions-view">
      <table className="table">
        <caption className="sr-only">Published versions</caption>
        <TableHead columns={['Version', 'Published', 'Checksum']} />
        <tbody>
          {list.map((v) => (
            <tr key={v.version}>
              <td>{v.version}</td>
              <td>{formatTime(v.publishedAt)}</td>
              <td className="mono" title={v.checksum}>
                {v.checksum.slice(0, 12)}
              </td>
              <td>
                {canOpen ? (
                  <button type="button" onClick={() => onOpen(v.definition as WorkflowDef, v.version)}>
                    Open in editor
                  </button>
                ) : null}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      <div className="row diff-pickers">
        <SidePicker text="Compare" label="Older side" value={fromKey} options={options} onChange={setFrom} />
        <SidePicker text="with" label="Newer side" value={to} options={options} onChange={setTo} />
      </div>
      {older && newer ? <VersionDiff older={older} newer={newer} /> : null}
    </div>
  );
}

/** One side of the comparison: the draft or a published version. */
function SidePicker(props: { text: string; label: string; value: string; options: { key: string; label: string }[]; onChange: (key: string) => void }) {
  return (
    <label>
      {props.text}{' '}
      <select aria-label={props.label} value={props.value} onChange={(e) => props.onChange(e.target.value)}>
        {props.options.map((o) => (
          <option key={o.key} value={o.key}>
            {o.label}
          </option>
        ))}
      </select>
    </label>
  );
}
