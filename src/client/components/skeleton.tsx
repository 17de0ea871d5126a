// Grey placeholder lines while data loads; aria-busy tells assistive tech to wait.
export function Skeleton({ label, lines = 4, heading = true }: { label: string; lines?: number; heading?: boolean }) {
  return (
    <div className="skeleton" aria-busy="true" role="status" aria-label={label}>
      {heading && <div className="skeleton-line skeleton-heading" />}
      {Array.from({ length: lines }, (_, i) => (
        <div key={i} className="skeleton-line" />
      ))}
    </div>
  );
}
