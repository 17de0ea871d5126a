// The article's quote tooling ("Reply quoting this" and the counts in the margin)
// loads once the page is idle, in a chunk of its own: most readers never quote.
import { lazy, Suspense } from 'react';
import { useIdle } from '../../../lib/use-idle';

const QuoteTools = lazy(() => import('./quote-tools').then((module) => ({ default: module.QuoteTools })));

export function LazyQuoteTools(props: { slug: string; commentsOpen: boolean }) {
  return useIdle() ? (
    <Suspense fallback={null}>
      <QuoteTools {...props} />
    </Suspense>
  ) : null;
}
