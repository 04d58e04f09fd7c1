import type { ModelVersion } from '../api/types';

const RULE_LABELS: Record<string, string> = {
  'all-missing': 'empty',
  'mostly-missing': 'mostly missing',
  constant: 'constant',
  'sensor-attribute': 'sensor attribute',
};

/**
 * The feature columns training left out of the default set, each with its rule and the reason in the trainer's
 * words: why a column the user sees in the data is not in the model.
 */
export function ExcludedFeatures({ version }: { version: ModelVersion }) {
  const excluded = version.excludedFeatures ?? [];
  if (excluded.length === 0) return null;
  return (
    <section aria-label="Features left out">
      <h3>
        Left out of the features ({excluded.length})
      </h3>
      <table className="compact">
        <thead>
          <tr>
            <th>Column</th>
            <th>Rule</th>
            <th>Why</th>
          </tr>
        </thead>
        <tbody>
          {excluded.map((e) => (
            <tr key={e.feature}>
              <td className="mono">{e.feature}</td>
              <td>
                <span className={`badge rule-${e.rule}`}>{RULE_LABELS[e.rule] ?? e.rule}</span>
              </td>
              <td className="small">{e.reason}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </section>
  );
}
