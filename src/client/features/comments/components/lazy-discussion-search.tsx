// The search within the discussion loads in its own chunk (with the plain-text
// helper it shows excerpts with): reading needs none of it, and it is shown only
// after hydration, on discussions of more than one page.
import { lazy, Suspense, type ComponentProps } from 'react';

const SearchChunk = lazy(() => import('./discussion-search').then((module) => ({ default: module.DiscussionSearch })));

export function LazyDiscussionSearch(props: ComponentProps<typeof SearchChunk>) {
  return (
    // Holds about the form's height (see comments.css) so the thread does not jump twice.
    <Suspense fallback={<div className="discussion-search-placeholder" />}>
      <SearchChunk {...props} />
    </Suspense>
  );
}
