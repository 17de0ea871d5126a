// The article's quote tooling ("Reply quoting this" and the counts in the margin)
// loads after hydration, in a chunk of its own: most readers never quote.
import { lazy, Suspense } from 'react';
import { useHydrated } from '../../../lib/use-hydrated';

const QuoteTools = lazy(() => import('./quote-tools').then((module) => ({ default: module.QuoteTools })));

export function LazyQuoteTools(props: { slug: string; commentsOpen: boolean }) {
  return useHydrated() ? (
    <Suspense fallback={null}>
      <QuoteTools {...props} />
    </Suspense>
  ) : null;
}
