import { Link } from 'react-router';
import { bannerError, errorMessage } from '../api/ApiError';
import { existingDatasetId } from '../api/datasets';
import { ErrorBanner } from '../common/ErrorBanner';

interface Props {
  error: unknown;
  /** What failed ("Uploading the dataset"). */
  action: string;
  /** The form's fields: a 422 about one of them is shown at the field, not here. */
  fields: readonly string[];
}

/**
 * Why a dataset was not received: content received before (409) with a link to the dataset that has it; anything
 * else (too large, not fetched, a field the form does not show) as the server said it.
 */
export function IntakeError({ error, action, fields }: Props) {
  const existing = existingDatasetId(error);
  if (existing) {
    return (
      <div className="banner banner-error" role="alert">
        <span className="banner-text">
          <strong>{action} failed: </strong>
          {errorMessage(error)}.{' '}
          <Link to={`/datasets/${encodeURIComponent(existing)}`}>Open the existing dataset</Link>
        </span>
      </div>
    );
  }
  const banner = bannerError(error, fields);
  return banner ? <ErrorBanner error={banner} action={action} /> : null;
}
