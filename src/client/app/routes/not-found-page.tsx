import { Link } from 'wouter';
import { useDocumentTitle } from '../../lib/use-document-title';

export const NOT_FOUND_TITLE = 'Page not found';

export function NotFoundPage() {
  useDocumentTitle(NOT_FOUND_TITLE);
  return (
    <div className="not-found">
      <h1>{NOT_FOUND_TITLE}</h1>
      <p>There is nothing at this address. It may have moved, or the link may be mistyped.</p>
      <p>
        <Link href="/">Go to the front page</Link>
      </p>
    </div>
  );
}
