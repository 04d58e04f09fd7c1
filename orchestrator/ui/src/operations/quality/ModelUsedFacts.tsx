import { Link } from 'react-router';
import type { ModelUsed } from './prediction';

/** The model version a step predicted with (or registered), linking to the Models page. */
export function ModelUsedFacts({ model }: { model: ModelUsed }) {
  const registered = model.promoted !== undefined;
  return (
    <dl className="facts model-used">
      <dt>{registered ? 'Registered model' : 'Model'}</dt>
      <dd>
        <Link to="/models" aria-label={`Model version ${model.version} on the Models page`}>
          version {model.version}
        </Link>
        {model.chosenBy ? <span className="muted"> (chosen by {model.chosenBy === '--model-version' ? 'the --model-version option' : model.chosenBy})</span> : null}
        {model.parentVersion !== undefined ? <span className="muted">, trained after version {model.parentVersion}</span> : null}
      </dd>
      {model.family ? (
        <>
          <dt>Family</dt>
          <dd>
            <span className="mono small">{model.family}</span>
            {model.familyReason ? <span className="muted">: {model.familyReason}</span> : null}
          </dd>
        </>
      ) : null}
      {model.k !== undefined ? (
        <>
          <dt>Clusters</dt>
          <dd>{model.k}</dd>
        </>
      ) : null}
      {registered ? (
        <>
          <dt>Promoted</dt>
          <dd>
            {model.promoted ? 'yes' : 'no'}
            {model.promotionReason ? `: ${model.promotionReason}` : ''}
            {model.productionVersion !== undefined ? <span className="muted"> (production is version {model.productionVersion})</span> : null}
          </dd>
        </>
      ) : null}
    </dl>
  );
}
