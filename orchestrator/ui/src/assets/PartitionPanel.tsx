import { Link } from 'react-router';
import { ApiError } from '../api/ApiError';
import { getPartition } from '../api/assets';
import type { LineageInput, Materialization, PartitionDetail } from '../api/types';
import { ErrorBanner } from '../common/ErrorBanner';
import { Loading } from '../common/Loading';
import { formatTime } from '../common/time';
import { useResource } from '../common/useResource';
import { colourOf } from './paintCalendar';
import { PartitionHistory } from './PartitionHistory';
import { PartitionPreviewTable } from './PartitionPreviewTable';
import { plural } from '../common/plural';

interface Props {
  asset: string;
  day: string;
  onClose: () => void;
}

/** Where a partition of an asset is shown: this page with that asset and day. */
export const partitionLink = (asset: string, day: string) => `/assets?asset=${encodeURIComponent(asset)}&day=${encodeURIComponent(day)}`;

/** One day of an asset: its state, what made it and from what, what was made from it, the models trained on it, its rows, its history. */
export function PartitionPanel({ asset, day, onClose }: Props) {
  const detail = useResource((signal) => getPartition(asset, day, signal), `${asset}/${day}`);
  return (
    <aside className="card partition-panel" aria-label={`Partition ${day} of ${asset}`}>
      <header className="page-header">
        <h2>
          {asset} · {day}
        </h2>
        <button type="button" className="link" aria-label="Close the partition" onClick={onClose}>
          ×
        </button>
      </header>
      {detail.error instanceof ApiError && detail.error.isNotFound ? (
        <p className="hint">No partition of {asset} on {day} in the catalog.</p>
      ) : detail.error ? (
        <ErrorBanner error={detail.error} action={`Loading partition ${day}`} onRetry={detail.reload} />
      ) : null}
      {!detail.data && !detail.error ? <Loading what={`partition ${day}`} /> : null}
      {detail.data ? <PartitionLineage detail={detail.data} /> : null}
      {detail.data ? <PartitionPreviewTable asset={asset} day={day} /> : null}
      {detail.data ? <PartitionHistory history={detail.data.history} /> : null}
    </aside>
  );
}

function PartitionLineage({ detail }: { detail: PartitionDetail }) {
  const { partition } = detail;
  const current = partition.current;
  return (
    <>
      <p>
        <span className="badge" style={{ background: colourOf(partition.state), color: '#fff' }}>
          {partition.state}
        </span>{' '}
        {partition.reason ? <span className="hint">{partition.reason}</span> : null}
      </p>
      <section aria-label="Made by">
        <h3>Made by</h3>
        {current ? <MadeBy m={current} /> : <p className="hint">No materialization recorded.</p>}
      </section>
      <section aria-label="Made from">
        <h3>Made from</h3>
        {detail.upstream.length === 0 ? <p className="hint">Nothing recorded.</p> : <ul>{detail.upstream.map((input, i) => <UpstreamItem key={i} input={input} />)}</ul>}
      </section>
      <section aria-label="Made into">
        <h3>Made into</h3>
        {detail.downstream.length === 0 ? (
          <p className="hint">Nothing made from this content yet.</p>
        ) : (
          <ul>
            {detail.downstream.map((m) => (
              <li key={m.id}>
                <Link to={partitionLink(m.asset, m.key)}>
                  {m.asset} · {m.key}
                </Link>{' '}
                {m.runId ? <RunLink m={m} /> : null}
              </li>
            ))}
          </ul>
        )}
      </section>
      <section aria-label="Models trained on it">
        <h3>Models trained on it</h3>
        {(detail.models ?? []).length === 0 ? (
          <p className="hint">No model version was trained on this partition.</p>
        ) : (
          <ul>
            {(detail.models ?? []).map((model) => (
              <li key={`${model.registry}/${model.version}`}>
                <Link to="/models">
                  {model.registry} v{model.version}
                </Link>
                {model.promoted ? ' (promoted)' : ''} · {model.sameContent ? 'trained on this content' : 'trained on earlier content'} · scored{' '}
                {plural(Number(model.scoredTotal), 'partition')}
              </li>
            ))}
          </ul>
        )}
      </section>
    </>
  );
}

function MadeBy({ m }: { m: Materialization }) {
  return (
    <dl className="facts">
      <dt>Run</dt>
      <dd>{m.runId ? <RunLink m={m} /> : '—'}</dd>
      <dt>Rows</dt>
      <dd>{m.rows === null || m.rows === undefined ? '—' : Number(m.rows).toLocaleString()}</dd>
      <dt>Program version</dt>
      <dd>{m.programVersion ?? '—'}</dd>
      <dt>Image digest</dt>
      <dd className="mono">{m.imageDigest ?? '—'}</dd>
      <dt>Content hash</dt>
      <dd className="mono" title={m.contentSha256 ?? ''}>
        {m.contentSha256 ? `${m.contentSha256.slice(0, 16)}…` : '—'}
      </dd>
      <dt>Made at</dt>
      <dd>{formatTime(m.createdAt)}</dd>
    </dl>
  );
}

function RunLink({ m }: { m: Materialization }) {
  return (
    <Link to={`/runs/${encodeURIComponent(m.runId ?? '')}`}>
      run {m.runId}, step {m.stepId ?? '?'}, attempt {m.attempt ?? '?'}
    </Link>
  );
}

function UpstreamItem({ input }: { input: LineageInput }) {
  if (input.asset && input.partition) {
    return (
      <li>
        <Link to={partitionLink(input.asset, input.partition)}>
          {input.asset} · {input.partition}
        </Link>
        {input.materialization?.runId ? (
          <>
            {' '}
            <RunLink m={input.materialization} />
          </>
        ) : null}
      </li>
    );
  }
  return (
    <li>
      file <span className="mono">{input.file}</span>
      {input.sha256 ? <span className="hint"> ({input.sha256.slice(0, 12)}…)</span> : null}
    </li>
  );
}
