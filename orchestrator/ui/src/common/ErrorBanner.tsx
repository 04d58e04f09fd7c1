import { errorMessage } from '../api/ApiError';

interface Props {
  error: unknown;
  /** What failed, in the user's words ("Loading runs"). */
  action?: string;
  onRetry?: () => void;
  onDismiss?: () => void;
}

/** A failure the user must see, with the server's message and a way to try again. */
export function ErrorBanner({ error, action, onRetry, onDismiss }: Props) {
  return (
    <div className="banner banner-error" role="alert">
      <span className="banner-text">
        {action ? <strong>{action} failed: </strong> : null}
        {errorMessage(error)}
      </span>
      {onRetry ? (
        <button type="button" onClick={onRetry}>
          Retry
        </button>
      ) : null}
      {onDismiss ? (
        <button type="button" className="link" aria-label="Dismiss" onClick={onDismiss}>
          ×
        </button>
      ) : null}
    </div>
  );
}
