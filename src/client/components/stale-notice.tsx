// Shown instead of nothing when a background refresh failed: what is on the
// page stays (it was loaded a moment ago), with a quiet way to try again.
export function StaleNotice({ message, onRetry }: { message: string; onRetry: () => void }) {
  return (
    <p className="stale-notice">
      {message}{' '}
      <button type="button" className="link-button" onClick={onRetry}>
        Try again
      </button>
    </p>
  );
}
