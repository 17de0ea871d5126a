// "Reply quoting this" hands its passage to the top-level form through this store:
// the button lives in the article and the form at the end of the discussion, each in
// a chunk of its own, and the form may not even be loaded yet. The passage waits here
// until the form takes it.
import { useSyncExternalStore } from 'react';
import type { TextQuote } from '../../../../contract/text-quote';

let pending: { slug: string; quote: TextQuote } | null = null;
const listeners = new Set<() => void>();
const notify = () => listeners.forEach((listener) => listener());

const subscribe = (listener: () => void) => {
  listeners.add(listener);
  return () => listeners.delete(listener);
};

/** Asks this article's top-level form to quote the passage. */
export function offerQuote(slug: string, quote: TextQuote): void {
  pending = { slug, quote };
  notify();
}

/** The form takes the passage once: a later visit of the form starts without it. */
export function takePendingQuote(slug: string): void {
  if (pending?.slug !== slug) return;
  pending = null;
  notify();
}

/** The passage waiting for this article's form, or null. */
export function usePendingQuote(slug: string): TextQuote | null {
  return useSyncExternalStore(
    subscribe,
    () => (pending?.slug === slug ? pending.quote : null),
    () => null,
  );
}
