// Grey placeholder lines while data loads. A live region announces its text, not
// an aria-label, so what is loading is said in visually hidden text.
export function Skeleton({ label, lines = 4, heading = true }: { label: string; lines?: number; heading?: boolean }) {
  return (
    <div className="skeleton" role="status">
      <span className="visually-hidden">{label}…</span>
      {heading && <div className="skeleton-line skeleton-heading" />}
      {Array.from({ length: lines }, (_, i) => (
        <div key={i} className="skeleton-line" />
      ))}
    </div>
  );
}
