// Live updates load in their own chunk once the page is interactive (the section
// renders this after hydration): reading never waits for them.
import { lazy, Suspense } from 'react';

const LiveUpdatesChunk = lazy(() => import('./live-updates').then((module) => ({ default: module.LiveUpdates })));

export function LazyLiveUpdates({ slug }: { slug: string }) {
  return (
    <Suspense fallback={null}>
      <LiveUpdatesChunk slug={slug} />
    </Suspense>
  );
}
