// Live updates load in their own chunk once the page is idle (see use-idle.ts):
// reading never waits for them.
import { lazy, Suspense } from 'react';
import { useIdle } from '../../../lib/use-idle';

const LiveUpdatesChunk = lazy(() => import('./live-updates').then((module) => ({ default: module.LiveUpdates })));

export function LazyLiveUpdates({ slug }: { slug: string }) {
  return useIdle() ? (
    <Suspense fallback={null}>
      <LiveUpdatesChunk slug={slug} />
    </Suspense>
  ) : null;
}
