import { compareExperiments } from '../api/catalog';
import type { ExperimentCandidate } from '../api/types';
import { ErrorBanner } from '../common/ErrorBanner';
import { Loading } from '../common/Loading';
import { useResource } from '../common/useResource';
import { fixed, signed } from './format';

/** Two training runs side by side: the parameters that differ, what changed (b − a), and their candidates by k. */
export function ExperimentComparisonPanel({ name, a, b }: { name: string; a: number; b: number }) {
  const comparison = useResource((signal) => compareExperiments(name, a, b, signal), `${name}:${a}:${b}`);
  if (comparison.error && !comparison.data) return <ErrorBanner error={comparison.error} action={`Comparing v${a} and v${b}`} onRetry={comparison.reload} />;
  if (!comparison.data) return <Loading what="the comparison" />;
  const { differentParameters, deltas, candidates } = comparison.data;
  return (
    <section className="model-detail" aria-label={`v${a} compared with v${b}`}>
      <h2>
        v{a} compared with v{b}
      </h2>
      <h3>Parameters that differ</h3>
      {differentParameters.length === 0 ? (
        <p className="muted">Both runs used the same parameters.</p>
      ) : (
        <table className="table">
          <caption className="sr-only">Parameters that differ</caption>
          <thead>
            <tr>
              <th scope="col">Parameter</th>
              <th scope="col">v{a}</th>
              <th scope="col">v{b}</th>
            </tr>
          </thead>
          <tbody>
            {differentParameters.map((p) => (
              <tr key={p.name}>
                <th scope="row">{p.name}</th>
                <td className="small clamp" title={p.a}>{p.a}</td>
                <td className="small clamp" title={p.b}>{p.b}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      <h3>Change from v{a} to v{b}</h3>
      <dl className="facts inline">
        <dt>Chosen k</dt>
        <dd>{signed(deltas.chosenK, 0)}</dd>
        <dt title="Of the chosen candidates; lower is better">Davies–Bouldin</dt>
        <dd>{signed(deltas.quality?.daviesBouldin)}</dd>
        <dt>Avg. distance</dt>
        <dd>{signed(deltas.quality?.averageDistance)}</dd>
        <dt>Rows trained</dt>
        <dd>{signed(deltas.rowsTrained, 0)}</dd>
        <dt>Training time</dt>
        <dd>{deltas.trainMs === null ? '—' : `${signed(deltas.trainMs, 0)} ms`}</dd>
      </dl>
      <h3>Candidates</h3>
      <table className="table">
        <caption className="sr-only">Candidates side by side</caption>
        <thead>
          <tr>
            <th scope="col" className="num">k</th>
            <th scope="col">v{a}</th>
            <th scope="col">v{b}</th>
            <th scope="col" className="num" title={`v${b} minus v${a}; lower is better`}>
              Δ Davies–Bouldin
            </th>
          </tr>
        </thead>
        <tbody>
          {candidates.map((pair) => (
            <tr key={pair.k}>
              <th scope="row" className="num">
                {pair.k}
              </th>
              <td>
                <Candidate candidate={pair.a} />
              </td>
              <td>
                <Candidate candidate={pair.b} />
              </td>
              <td className="num">{signed(pair.delta?.daviesBouldin)}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </section>
  );
}

function Candidate({ candidate }: { candidate: ExperimentCandidate | null }) {
  if (!candidate) return <span className="muted small">not tried</span>;
  return (
    <span className="small">
      DB {fixed(candidate.quality.daviesBouldin)}, avg. distance {fixed(candidate.quality.averageDistance)}
      {candidate.chosen ? <strong> · chosen</strong> : null}
      <span className="muted"> · sizes {candidate.clusterSizes.join(' / ')}</span>
    </span>
  );
}
