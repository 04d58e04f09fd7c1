import { useState } from 'react';
import { ApiError } from '../api/ApiError';
import { getManifest } from '../api/runs';
import { ErrorBanner } from '../common/ErrorBanner';
import { Loading } from '../common/Loading';
import { formatBytes, formatDuration, formatTime } from '../common/time';
import { useResource } from '../common/useResource';
import { humanize, splitManifest } from './manifest';
import { DataQualityView } from './quality/DataQualityView';
import { SkippedWorkBanner } from './quality/SkippedWorkBanner';

interface Props {
  runId: string;
  stepId: string;
  /** Changes when the step's state does, so a manifest written since is fetched. */
  version: string;
}

const OUTPUTS_SHOWN = 15;

/**
 * What a step wrote: work it skipped, its data-quality signals (drift, missing values and outliers, model and
 * cluster mix), outputs with rows, columns and schema, shapes, memory, timings, and the rest as JSON.
 */
export function ManifestView({ runId, stepId, version }: Props) {
  const manifest = useResource((signal) => getManifest(runId, stepId, signal), `${runId}/${stepId}/${version}`);
  const [allOutputs, setAllOutputs] = useState(false);

  if (manifest.error instanceof ApiError && manifest.error.isNotFound) {
    return <p className="hint">No manifest: the step has not published output yet, or this server does not offer manifests.</p>;
  }
  if (manifest.error) return <ErrorBanner error={manifest.error} action="Loading the manifest" onRetry={manifest.reload} />;
  if (!manifest.data) return <Loading what="the manifest" />;

  const m = splitManifest(manifest.data);
  const outputs = allOutputs ? m.outputs : m.outputs.slice(0, OUTPUTS_SHOWN);
  return (
    <div className="manifest" data-testid="manifest">
      <dl className="facts">
        {m.step ? (
          <>
            <dt>Program</dt>
            <dd>{m.step}</dd>
          </>
        ) : null}
        {m.status ? (
          <>
            <dt>Status</dt>
            <dd>{m.status}</dd>
          </>
        ) : null}
        {m.startedAt ? (
          <>
            <dt>Ran</dt>
            <dd>
              {formatTime(m.startedAt)} for {formatDuration(m.startedAt, m.finishedAt)}
            </dd>
          </>
        ) : null}
      </dl>
      {m.error ? (
        <div className="banner banner-error" role="note">
          <span className="banner-text">{String(m.error.message ?? JSON.stringify(m.error))}</span>
        </div>
      ) : null}
      <SkippedWorkBanner skipped={m.quality.skipped} />
      <DataQualityView quality={m.quality} />
      {m.outputs.length > 0 ? (
        <table className="table compact">
          <caption>Outputs ({m.outputs.length})</caption>
          <thead>
            <tr>
              <th scope="col">Path</th>
              <th scope="col" className="num">Rows</th>
              <th scope="col" className="num">Columns</th>
              <th scope="col">Schema</th>
              <th scope="col" className="num">Size</th>
            </tr>
          </thead>
          <tbody>
            {outputs.map((o) => (
              <tr key={o.path}>
                <td className="mono">{o.path}</td>
                <td className="num">{o.rows?.toLocaleString() ?? '—'}</td>
                <td className="num">{o.columns ?? '—'}</td>
                <td>{o.schema ?? '—'}</td>
                <td className="num">{o.bytes !== undefined ? formatBytes(o.bytes) : '—'}</td>
              </tr>
            ))}
          </tbody>
        </table>
      ) : null}
      {m.outputs.length > OUTPUTS_SHOWN ? (
        <button type="button" className="link" onClick={() => setAllOutputs(!allOutputs)}>
          {allOutputs ? 'Show fewer outputs' : `Show all ${m.outputs.length} outputs`}
        </button>
      ) : null}
      {Object.entries(m.schemas).map(([name, columns]) => (
        <details key={name}>
          <summary>
            Schema <span className="mono">{name}</span> ({columns.length} columns)
          </summary>
          <ul className="columns-list mono small">
            {columns.map((c) => (
              <li key={c.name}>
                {c.name} <span className="muted">{c.type}{c.nullable ? '?' : ''}</span>
              </li>
            ))}
          </ul>
        </details>
      ))}
      <div className="grid-3">
        {m.shapes.length > 0 ? (
          <table className="table compact">
            <caption>Shapes</caption>
            <thead>
              <tr>
                <th scope="col">Stage</th>
                <th scope="col" className="num">Rows</th>
                <th scope="col" className="num">Columns</th>
              </tr>
            </thead>
            <tbody>
              {m.shapes.map((s) => (
                <tr key={s.stage}>
                  <td>{s.stage}</td>
                  <td className="num">{s.rows?.toLocaleString() ?? '—'}</td>
                  <td className="num">{s.columns ?? '—'}</td>
                </tr>
              ))}
            </tbody>
          </table>
        ) : null}
        {m.memory.length > 0 ? (
          <table className="table compact">
            <caption>Memory</caption>
            <tbody>
              {m.memory.map((x) => (
                <tr key={x.name}>
                  <th scope="row">{humanize(x.name)}</th>
                  <td className="num">{formatBytes(x.bytes)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        ) : null}
        {m.timings.length > 0 ? (
          <table className="table compact">
            <caption>Timings</caption>
            <tbody>
              {m.timings.map((t) => (
                <tr key={t.phase}>
                  <th scope="row">{t.phase}</th>
                  <td className="num">{t.ms.toLocaleString(undefined, { maximumFractionDigits: 0 })} ms</td>
                </tr>
              ))}
            </tbody>
          </table>
        ) : null}
      </div>
      {m.scalars.length > 0 ? (
        <table className="table compact">
          <caption>Metrics</caption>
          <tbody>
            {m.scalars.map((s) => (
              <tr key={s.name}>
                <th scope="row">{s.name}</th>
                <td className="num">{typeof s.value === 'number' ? s.value.toLocaleString(undefined, { maximumFractionDigits: 4 }) : String(s.value)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      ) : null}
      {Object.keys(m.rest).length > 0 ? (
        <details>
          <summary>Everything else ({Object.keys(m.rest).join(', ')})</summary>
          <pre className="json mono small">{JSON.stringify(m.rest, null, 2)}</pre>
        </details>
      ) : null}
    </div>
  );
}
