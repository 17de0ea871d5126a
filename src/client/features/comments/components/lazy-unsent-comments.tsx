// The "Not sent yet" offers load in their own chunk, and only when there is
// one to show: nearly every visit has none.
import { lazy, Suspense } from 'react';
import type { OutboxEntry } from '../lib/outbox';

const UnsentChunk = lazy(() => import('./unsent-comment').then((module) => ({ default: module.UnsentComments })));

export function LazyUnsentComments({ entries }: { entries: OutboxEntry[] | undefined }) {
  if (!entries?.length) return null;
  return (
    <Suspense fallback={null}>
      <UnsentChunk entries={entries} />
    </Suspense>
  );
}
