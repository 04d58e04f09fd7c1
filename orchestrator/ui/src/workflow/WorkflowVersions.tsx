import { useState } from 'react';
import { Link } from 'react-router';
import type { WorkflowVersion } from '../api/types';
import { Time } from '../common/Time';
import type { WorkflowDef } from '../designer/definition';
import { VersionDiff } from '../designer/VersionDiff';

const SHOWN = 10;

/** Published versions, newest first; each one's changes from the version before it open in place. */
export function WorkflowVersions({ workflowId, versions }: { workflowId: string; versions: WorkflowVersion[] }) {
  const [open, setOpen] = useState<number | null>(null);
  if (versions.length === 0) {
    return (
      <p className="muted">
        No published version yet: <Link to={`/workflows/${encodeURIComponent(workflowId)}/design`}>publish the draft in the designer</Link>; runs
        always use a published version.
      </p>
    );
  }
  const shown = versions.slice(0, SHOWN);
  return (
    <>
      <table className="table compact">
        <caption className="sr-only">Published versions</caption>
        <thead>
          <tr>
            <th scope="col">Version</th>
            <th scope="col">Published</th>
            <th scope="col">Checksum</th>
            <th scope="col">Changes</th>
          </tr>
        </thead>
        <tbody>
          {shown.map((v) => {
            const previous = versions.find((p) => p.version < v.version);
            return (
              <tr key={v.version} className={open === v.version ? 'selected' : undefined}>
                <td>
                  v{v.version}
                  {v === versions[0] ? <span className="badge version-latest">latest</span> : null}
                </td>
                <td className="small">
                  <Time iso={v.publishedAt} />
                </td>
                <td className="mono small" title={v.checksum}>
                  {v.checksum.slice(0, 12)}
                </td>
                <td>
                  {previous ? (
                    <button type="button" className="link" aria-expanded={open === v.version} onClick={() => setOpen(open === v.version ? null : v.version)}>
                      {open === v.version ? 'Hide' : 'Show'} changes from v{previous.version}
                    </button>
                  ) : (
                    <span className="muted small">first version</span>
                  )}
                </td>
              </tr>
            );
          })}
        </tbody>
      </table>
      {versions.length > SHOWN ? <p className="hint">The newest {SHOWN} of {versions.length} versions; the designer's Versions tab compares any two.</p> : null}
      {open !== null ? <OpenDiff versions={versions} version={open} /> : null}
    </>
  );
}

function OpenDiff({ versions, version }: { versions: WorkflowVersion[]; version: number }) {
  const newer = versions.find((v) => v.version === version);
  const older = versions.find((v) => v.version < version);
  if (!newer || !older) return null;
  return (
    <div className="workflow-diff" aria-label={`Changes from v${older.version} to v${newer.version}`} role="region">
      <h3>
        v{older.version} → v{newer.version}
      </h3>
      <VersionDiff older={older.definition as WorkflowDef} newer={newer.definition as WorkflowDef} />
    </div>
  );
}
