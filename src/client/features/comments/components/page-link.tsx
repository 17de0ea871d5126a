// "Show more comments" / "Show earlier comments": a real link to the next page
// (?comments-page=N), so crawlers and readers without JavaScript page through
// the discussion as in WordPress; with JavaScript it adds that page in place.
import { isPlainClick } from '../../../lib/plain-click';
interface PageLinkProps {
  direction: 'previous' | 'next';
  href: string;
  loading: boolean;
  failed: boolean;
  onLoad: () => void;
}

export function PageLink({ direction, href, loading, failed, onLoad }: PageLinkProps) {
  const label = direction === 'next' ? 'Show more comments' : 'Show earlier comments';
  return (
    <p className="page-link">
      <a
        href={href}
        rel={direction === 'next' ? 'next' : 'prev'}
        aria-disabled={loading || undefined}
        onClick={(event) => {
          // A new tab or window gets the page itself.
          if (!isPlainClick(event)) return;
          event.preventDefault();
          if (!loading) onLoad();
        }}
      >
        {loading ? 'Loading comments…' : label}
      </a>
      {failed && !loading && (
        <span className="page-link-error" role="alert">
          {' '}
          We could not load these comments. Try again.
        </span>
      )}
    </p>
  );
}
